package analogsweep.driver.store;

import analogsweep.cli.Json;
import analogsweep.grid.InvalidValueException;
import analogsweep.sweep.Sweep;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder of one sweep, through Hadoop's FileSystem API (local paths, hdfs://, ...):
 *
 * <pre>
 *   manifest.json        which sweep this folder belongs to, and the history of runs
 *   sweep.yaml           a copy of the sweep file last run here
 *   runs/wave=N/         Parquet, one row per task
 *   epochs/wave=N/       Parquet, one row per task and epoch
 *   maps/wave=N/         Parquet, one row per gradient-error map (gradient-error sweeps)
 *   report/              written by the report command
 *   _staging/, _lock     transient
 * </pre>
 *
 * <p>A wave is staged completely, then its epochs and then its runs are renamed into place. A
 * task counts as done once its runs row is in place; a wave whose epochs arrived but whose runs
 * did not (the driver died between the two renames) is removed on the next start, so no task is
 * ever stored twice.
 *
 * <p>The folder holds results and nothing else: no Hadoop checksum ({@code .crc}) files and no
 * {@code _SUCCESS} markers (Parquet carries its own checksums). Checksums are neither written nor
 * verified through this folder's file system; those that folders of version 0.1 hold are left
 * alone, except beside files this class rewrites, where a stale one is removed.
 */
public final class OutputFolder implements AutoCloseable {
  private final Path root;
  private final FileSystem fs;
  private Path lock;

  public OutputFolder(String dir, Configuration conf) {
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

  public String runs() {
    return new Path(root, "runs").toString();
  }

  public String epochs() {
    return new Path(root, "epochs").toString();
  }

  public Path report() {
    return new Path(root, "report");
  }

  public FileSystem fs() {
    return fs;
  }

  public String maps() {
    return new Path(root, "maps").toString();
  }

  public boolean exists() throws IOException {
    return fs.exists(root);
  }

  /** The manifest, or null where there is none. */
  public Manifest manifest() throws IOException {
    Path m = new Path(root, "manifest.json");
    if (!fs.exists(m)) {
      return null;
    }
    try (InputStream in = fs.open(m)) {
      Manifest manifest = Json.JSON.readValue(in, Manifest.class);
      if (manifest == null || manifest.sweep() == null) {
        throw new InvalidValueException(m.toString(), "unreadable manifest: no sweep name");
      }
      return manifest;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidValueException(m.toString(), "unreadable manifest: "
          + e.getOriginalMessage());
    }
  }

  /**
   * Refuses a folder that belongs to another sweep, or that holds anything but a sweep's output.
   * Returns the manifest (null for a new or empty folder). Writes nothing.
   */
  public Manifest check(Sweep sweep, boolean extend) throws IOException {
    if (!fs.exists(root)) {
      return null;
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new InvalidValueException("--out", root + " is a file, not a folder");
    }
    Manifest manifest = manifest();
    if (manifest == null) {
      if (fs.listStatus(root).length > 0) {
        throw new InvalidValueException("--out", root + " is not empty and holds no "
            + "manifest.json: it is not an analogsweep output folder; choose another --out");
      }
      return null;
    }
    String name = manifest.sweep();
    if (!name.equals(sweep.name())) {
      throw new InvalidValueException("--out", root + " holds the results of sweep '" + name
          + "', not '" + sweep.name() + "'; choose another --out");
    }
    String fingerprint = String.valueOf(manifest.fingerprint());
    if (!fingerprint.equals(sweep.fingerprint()) && !extend) {
      throw new InvalidValueException("--out", root + " holds sweep '" + name + "' with another "
          + "grid (" + manifest.plannedTasks() + " planned tasks, fingerprint "
          + fingerprint.substring(0, Math.min(12, fingerprint.length())) + "; this file plans "
          + sweep.size()
          + ", fingerprint " + sweep.fingerprint().substring(0, 12) + "). Use --extend to add "
          + "the new grid points to it, or choose another --out");
    }
    return manifest;
  }

  /** Takes the folder's lock; a lock left by a dead process on this host is taken over. */
  public void lock() throws IOException {
    Path l = new Path(root, "_lock");
    String host = InetAddress.getLocalHost().getHostName();
    if (fs.exists(l)) {
      ObjectNode held;
      try (InputStream in = fs.open(l)) {
        held = (ObjectNode) Json.JSON.readTree(in);
      } catch (RuntimeException | IOException e) {
        held = null;
      }
      long pid = held == null ? -1 : held.path("pid").asLong(-1);
      boolean sameHost = held != null && host.equals(held.path("host").asText());
      if (sameHost && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new InvalidValueException("--out", root + " is in use by process " + pid
            + " on this host (" + l + ")");
      }
      if (held != null && !sameHost) {
        throw new InvalidValueException("--out", root + " is locked by process " + pid + " on "
            + held.path("host").asText() + "; if that driver is gone, delete " + l);
      }
      fs.delete(l, false);
    }
    ObjectNode me = Json.JSON.createObjectNode();
    me.put("pid", ProcessHandle.current().pid());
    me.put("host", host);
    me.put("started_at", Instant.now().toString());
    try (OutputStream out = fs.create(l, false)) {
      out.write(Json.write(me).getBytes(StandardCharsets.UTF_8));
    }
    lock = l;
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      fs.delete(lock, false);
      lock = null;
    }
  }

  /** Writes the manifest (via a temporary file and a rename) and the copy of the sweep file. */
  public void writeManifest(Manifest manifest, Sweep sweep) throws IOException {
    fs.mkdirs(root);
    writeAtomically(new Path(root, "sweep.yaml"), sweep.text());
    writeAtomically(new Path(root, "manifest.json"), Json.write(manifest) + "\n");
  }

  /** Writes {@code text} to {@code target} through a temporary file and a rename. */
  private void writeAtomically(Path target, String text) throws IOException {
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(target)) {
      fs.delete(target, false);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
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

  /** Writes a file of the report (report/NAME), replacing an earlier one. */
  public void writeReportFile(String name, byte[] bytes) throws IOException {
    Path target = new Path(report(), name);
    fs.mkdirs(report());
    try (OutputStream out = fs.create(target, true)) {
      out.write(bytes);
    }
    removeStaleChecksum(target);
  }

  /** Wave numbers present under {@code dataset/} (runs, epochs or maps). */
  public TreeSet<Integer> waves(String dataset) throws IOException {
    TreeSet<Integer> waves = new TreeSet<>();
    Path dir = new Path(root, dataset);
    if (!fs.exists(dir)) {
      return waves;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (s.isDirectory() && n.startsWith("wave=")) {
        waves.add(Integer.parseInt(n.substring(5)));
      }
    }
    return waves;
  }

  /** Removes what a killed driver left half-done: the staging area and epochs without runs. */
  public List<String> repair() throws IOException {
    List<String> removed = new ArrayList<>();
    Path staging = new Path(root, "_staging");
    if (fs.exists(staging)) {
      fs.delete(staging, true);
      removed.add(staging.toString());
    }
    TreeSet<Integer> runs = waves("runs");
    for (int w : waves("epochs")) {
      if (!runs.contains(w)) {
        Path orphan = new Path(new Path(root, "epochs"), "wave=" + w);
        fs.delete(orphan, true);
        removed.add(orphan.toString());
      }
    }
    return removed;
  }

  public Path staging(int wave) {
    return new Path(new Path(root, "_staging"), "wave=" + wave);
  }

  /**
   * Removes the bookkeeping files a writer left in a staged wave: Hadoop checksums (written where
   * an executor's file system keeps them) and {@code _SUCCESS} markers.
   */
  public void cleanStaged(int wave) throws IOException {
    Path staged = staging(wave);
    if (!fs.exists(staged)) {
      return;
    }
    // the raw file system: a checksummed one hides .crc files from listings
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files =
        raw().listFiles(staged, true);
    List<Path> doomed = new ArrayList<>();
    while (files.hasNext()) {
      Path p = files.next().getPath();
      String n = p.getName();
      if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
        doomed.add(p);
      }
    }
    for (Path p : doomed) {
      raw().delete(p, false);
    }
  }

  /** The file system under the checksums, where there are any. */
  private FileSystem raw() {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }

  /**
   * Moves a staged wave into place, dataset by dataset in the order given; the last one (runs, or
   * maps for a gradient-error sweep) is what marks the wave's tasks done.
   */
  public void commit(int wave, String... datasets) throws IOException {
    cleanStaged(wave);
    Path staged = staging(wave);
    for (String dataset : datasets) {
      Path dir = new Path(root, dataset);
      fs.mkdirs(dir);
      Path target = new Path(dir, "wave=" + wave);
      if (!fs.rename(new Path(staged, dataset), target)) {
        throw new IOException("cannot move " + new Path(staged, dataset) + " to " + target);
      }
    }
    fs.delete(staged, true);
    Path area = staged.getParent();
    if (fs.exists(area) && fs.listStatus(area).length == 0) {
      fs.delete(area, false);
    }
  }
}
