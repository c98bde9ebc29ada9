package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;

/**
 * Where everything lives in an output folder (see {@link OutputFolder} for the layout), and the
 * few file operations every role shares: listing waves and their Parquet files, and writing a
 * small file in one step. The folder's file system writes and verifies no Hadoop checksums (the
 * local one would put a {@code .crc} beside every result); a stale checksum of version 0.1 beside
 * a file rewritten here is removed.
 */
public final class FolderLayout {
  /** The datasets a wave may hold, in the order repair and damage look at them. */
  static final List<String> DATASETS = List.of("runs", "epochs", "maps");

  /** Names this folder or an earlier version writes at its top, and nothing else. */
  private static final Set<String> OURS = Set.of("manifest.json", ".manifest.json.tmp",
      "sweep.yaml", ".sweep.yaml.tmp", "_lock", "_staging", "runs", "epochs", "maps", "report",
      "superseded", "damaged");

  private final Path root;
  private final FileSystem fs;

  public FolderLayout(String dir, Configuration conf) {
    try {
      this.root = new Path(dir);
      this.fs = root.getFileSystem(conf);
      if (fs instanceof ChecksumFileSystem checksummed) {
        // The local file system's .crc files would sit beside every result: off, both ways.
        checksummed.setWriteChecksum(false);
        checksummed.setVerifyChecksum(false);
      }
    } catch (IOException e) {
      throw new InvalidValueException("--out", "cannot open " + dir + ": " + e.getMessage());
    }
  }

  public Path root() {
    return root;
  }

  public FileSystem fs() {
    return fs;
  }

  /** {@code NAME} at the top of the folder. */
  public Path top(String name) {
    return new Path(root, name);
  }

  public Path manifestFile() {
    return top("manifest.json");
  }

  /** The manifest's temporary copy, complete once {@link #writeAtomically} renames it. */
  public Path manifestCopy() {
    return top(".manifest.json.tmp");
  }

  /** The copy of the sweep file last run here. */
  public Path sweepCopy() {
    return top("sweep.yaml");
  }

  public Path lockFile() {
    return top("_lock");
  }

  public Path report() {
    return top("report");
  }

  public Path stagingArea() {
    return top("_staging");
  }

  /** {@code _staging/wave=N}: a wave being written. */
  public Path staging(int wave) {
    return new Path(stagingArea(), "wave=" + wave);
  }

  /** {@code _staging/rewrite}: a completely staged rewrite of stored waves. */
  public Path rewriteArea() {
    return new Path(stagingArea(), "rewrite");
  }

  /** {@code DATASET/wave=N}. */
  public Path wave(String dataset, int wave) {
    return new Path(top(dataset), "wave=" + wave);
  }

  /** {@code damaged/DATASET/wave=N}: where a damaged wave is set aside. */
  public Path damagedWave(String dataset, int wave) {
    return new Path(new Path(top("damaged"), dataset), "wave=" + wave);
  }

  public boolean exists() throws IOException {
    try {
      return fs.exists(root);
    } catch (ParentNotDirectoryException e) {
      throw underFile();
    }
  }

  InvalidValueException underFile() {
    return new InvalidValueException("--out", root + " cannot be a folder: a part of its path is "
        + "a regular file");
  }

  /** Whether {@code name} at the top of a folder is one this tool (any version) writes. */
  static boolean ours(String name) {
    return OURS.contains(name) || (name.startsWith(".") && name.endsWith(".crc"));
  }

  /** Wave numbers present under {@code dataset/} (runs, epochs or maps). */
  public TreeSet<Integer> waves(String dataset) throws IOException {
    TreeSet<Integer> waves = new TreeSet<>();
    Path dir = top(dataset);
    if (!fs.exists(dir)) {
      return waves;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (s.isDirectory() && n.startsWith("wave=")) {
        waves.add(waveNumber(new Path(dir, n)));
      }
    }
    return waves;
  }

  /** N of a {@code wave=N} folder; a folder of that name that no version wrote is refused. */
  private int waveNumber(Path dir) {
    String n = dir.getName().substring(5);
    if (n.matches("[0-9]{1,9}")) {
      return Integer.parseInt(n);
    }
    throw new InvalidValueException(dir.toString(), "not a wave this tool wrote (wave=N, N a "
        + "whole number); move it out of " + root);
  }

  /**
   * Creates the folder where it is missing; one that cannot be created or written (a read-only
   * file system, no permission) is named, with the reason, before anything is written.
   */
  void create() throws IOException {
    try {
      if (isLocal()) {
        Files.createDirectories(local(root));
      } else if (!fs.mkdirs(root)) {
        throw new IOException("cannot create it");
      }
    } catch (IOException e) {
      throw notWritable(e);
    }
  }

  /** A folder that cannot be written, and why. */
  InvalidValueException notWritable(IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
        : String.valueOf(e.getMessage());
    return new InvalidValueException("--out", root + " cannot be written (" + why
        + "); choose another --out");
  }

  /**
   * Whether wave {@code wave} was cut between the renames of its commit: its runs still staged,
   * its epochs in place ({@link WaveCommit}). Epochs in place without runs and without staged
   * runs lost their runs by hand.
   */
  boolean halfCommitted(int wave) throws IOException {
    return fs.exists(new Path(staging(wave), "runs"));
  }

  /** Whether the folder holds a stored wave of any dataset. */
  public boolean hasResults() throws IOException {
    for (String dataset : DATASETS) {
      if (!waves(dataset).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The Parquet files of a folder (a wave), by name; empty where the folder is missing. */
  public List<Path> parquetFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!fs.exists(dir)) {
      return files;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile() && f.getPath().getName().endsWith(".parquet")) {
        files.add(f.getPath());
      }
    }
    files.sort(null);
    return files;
  }

  /**
   * Creates {@code dir} and its missing parents. A local folder is created through java.nio:
   * without Hadoop's native library, its local file system starts a {@code chmod} process for
   * every folder it creates (see {@link ParquetFiles#newFile}).
   */
  public void mkdirs(Path dir) throws IOException {
    if (isLocal()) {
      Files.createDirectories(local(dir));
    } else if (!fs.mkdirs(dir)) {
      throw new IOException("cannot create " + dir);
    }
  }

  boolean isLocal() {
    return "file".equals(fs.getUri().getScheme());
  }

  /** The file system under the checksums, where there are any. */
  FileSystem raw() {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  /** A local path's {@link java.nio.file.Path}, for the steps Hadoop's API does in two. */
  static java.nio.file.Path local(Path p) {
    return java.nio.file.Path.of(p.toUri().getPath());
  }

  /** Writes {@code text} to {@code target} through a temporary file and a rename. */
  void writeAtomically(Path target, String text) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (isLocal()) {
      Files.move(local(tmp), local(target), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } else {
      // elsewhere a crash between these two steps leaves only the (complete) temporary copy,
      // which the manifest's reader takes
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
    }
    removeStaleChecksum(target);
  }

  /** Writes {@code bytes} to {@code target}, replacing an earlier file. */
  void write(Path target, byte[] bytes) throws IOException {
    fs.mkdirs(target.getParent());
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    }
    removeStaleChecksum(target);
  }

  /** A version-0.1 checksum beside a file rewritten without one would no longer match it. */
  private void removeStaleChecksum(Path file) throws IOException {
    Path crc = new Path(file.getParent(), "." + file.getName() + ".crc");
    if (raw().exists(crc)) {
      raw().delete(crc, false);
    }
  }
}
