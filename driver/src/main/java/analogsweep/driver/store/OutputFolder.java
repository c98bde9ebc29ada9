package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
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
 *   superseded/DATASET/wave=N/  rows replaced by a later attempt (run --retry-failed)
 *   damaged/DATASET/wave=N/     waves set aside by run --repair
 *   _staging/, _lock     transient
 * </pre>
 *
 * <p>A wave is staged completely, then its epochs and then its runs are renamed into place. A
 * task counts as done once its runs row is in place; a wave whose epochs arrived but whose runs
 * did not (the driver died between the two renames) is removed on the next start, so no task is
 * ever stored twice. A folder stays resumable whatever moment its driver died: a stale lock is
 * taken over, a manifest lost between its temporary copy and the rename is taken from that copy,
 * and one lost altogether is rebuilt from {@code sweep.yaml} (or, with {@code --repair}, from the
 * sweep being run).
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
    try {
      return fs.exists(root);
    } catch (org.apache.hadoop.fs.ParentNotDirectoryException e) {
      throw underFile();
    }
  }

  private InvalidValueException underFile() {
    return new InvalidValueException("--out", root + " cannot be a folder: a part of its path is "
        + "a regular file");
  }

  /** Names this class or an earlier version writes at the top of a folder, and nothing else. */
  private static final java.util.Set<String> OURS = java.util.Set.of("manifest.json",
      "." + "manifest.json.tmp", "sweep.yaml", ".sweep.yaml.tmp", "_lock", "_staging", "runs",
      "epochs", "maps", "report", "superseded", "damaged");

  private static boolean ours(String name) {
    return OURS.contains(name) || (name.startsWith(".") && name.endsWith(".crc"));
  }

  /** Whether the folder holds a stored wave of any dataset. */
  public boolean hasResults() throws IOException {
    for (String dataset : List.of("runs", "epochs", "maps")) {
      if (!waves(dataset).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The manifest, or null where there is none. A manifest lost between the write of its
   * temporary copy and the rename (the only moment {@link #writeManifest} leaves none) is read
   * from that copy, which is complete by then.
   */
  public Manifest manifest() throws IOException {
    Path m = new Path(root, "manifest.json");
    if (!fs.exists(m)) {
      Path tmp = new Path(root, ".manifest.json.tmp");
      if (fs.exists(tmp)) {
        try {
          return read(tmp);
        } catch (InvalidValueException | IOException e) {
          return null; // a copy cut short: as if there were none
        }
      }
      return null;
    }
    return read(m);
  }

  private Manifest read(Path m) throws IOException {
    try (InputStream in = fs.open(m)) {
      Manifest manifest = Json.JSON.readValue(in, Manifest.class);
      if (manifest == null || manifest.sweep() == null) {
        throw damagedManifest(m, "no sweep name");
      }
      return manifest;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw damagedManifest(m, e.getOriginalMessage().replaceAll("\\s+", " "));
    }
  }

  private static InvalidValueException damagedManifest(Path m, String why) {
    return new InvalidValueException(m.toString(), "unreadable manifest (" + why + "); run "
        + "again with --repair to set it aside and rebuild it from sweep.yaml and the stored "
        + "results");
  }

  /**
   * Refuses a folder that belongs to another sweep, or that holds anything but a sweep's output.
   * Returns the manifest (null for a new or empty folder): the stored one, or one rebuilt where
   * it was lost. Writes nothing.
   */
  public Manifest check(Sweep sweep, boolean extend) throws IOException {
    return check(sweep, extend, false);
  }

  /**
   * As {@link #check(Sweep, boolean)}; with {@code repair}, an unreadable manifest, or one lost
   * with no copy of the sweep file beside the results, is rebuilt for {@code sweep} (the caller
   * writes it, and {@link #setAsideManifest} keeps the unreadable one).
   */
  public Manifest check(Sweep sweep, boolean extend, boolean repair) throws IOException {
    if (!exists()) {
      for (Path p = root.getParent(); p != null; p = p.getParent()) {
        if (fs.exists(p)) {
          if (!fs.getFileStatus(p).isDirectory()) {
            throw underFile(); // mkdirs would fail later, with a stack trace
          }
          break;
        }
      }
      return null;
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new InvalidValueException("--out", root + " is a file, not a folder");
    }
    Manifest manifest;
    try {
      manifest = manifest();
    } catch (InvalidValueException e) {
      if (!repair) {
        throw e;
      }
      manifest = rebuild(sweep, true);
    }
    if (manifest == null) {
      for (FileStatus s : fs.listStatus(root)) {
        if (!ours(s.getPath().getName())) {
          throw new InvalidValueException("--out", root + " is not empty and holds no "
              + "manifest.json: it is not an analogsweep output folder; choose another --out");
        }
      }
      if (!hasResults()) {
        return null; // only what a driver stopped in its first moments left: a new folder
      }
      manifest = rebuild(sweep, repair);
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

  /**
   * A manifest for a folder that holds results but lost its own: from the copy of the sweep file
   * stored beside them, or, with {@code adopt} (--repair), for the sweep being run. Rebuilt
   * manifests say the folder may hold waves of any version, so readers look at each wave.
   */
  private Manifest rebuild(Sweep sweep, boolean adopt) throws IOException {
    Path copy = new Path(root, "sweep.yaml");
    Sweep stored = null;
    if (fs.exists(copy)) {
      try (InputStream in = fs.open(copy)) {
        stored = analogsweep.sweep.SweepFile.parse(new String(in.readAllBytes(),
            StandardCharsets.UTF_8), copy.toString());
      } catch (InvalidValueException e) {
        stored = null;
      }
    }
    Sweep basis = stored != null ? stored : adopt ? sweep : null;
    if (basis == null) {
      throw new InvalidValueException("--out", root + " holds results but no readable "
          + "manifest.json or sweep.yaml to say which sweep they belong to; if they are results "
          + "of '" + sweep.name() + "', run again with --repair to rebuild the manifest for it");
    }
    Manifest m = Manifest.create(basis);
    return new Manifest(Manifest.FORMAT_V1, m.sweep(), m.kind(), m.createdAt(), m.fingerprint(),
        m.plannedTasks(), m.sweepFile(), List.of());
  }

  /** Moves an unreadable manifest.json to damaged/ before a rebuilt one replaces it. */
  public void setAsideManifest() throws IOException {
    Path m = new Path(root, "manifest.json");
    if (!fs.exists(m)) {
      return;
    }
    try {
      manifest();
    } catch (InvalidValueException e) {
      Path target = new Path(new Path(root, "damaged"), "manifest.json." + System.currentTimeMillis());
      fs.mkdirs(target.getParent());
      fs.rename(m, target);
    }
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
    byte[] bytes = Json.write(me).getBytes(StandardCharsets.UTF_8);
    try {
      if (isLocal()) {
        // Hadoop's local create(overwrite=false) tests and then creates; this is one step
        java.nio.file.Files.write(java.nio.file.Path.of(l.toUri().getPath()), bytes,
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      } else {
        try (OutputStream out = fs.create(l, false)) {
          out.write(bytes);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException
        | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new InvalidValueException("--out", root + " is in use by another run that started "
          + "at the same moment (" + l + ")");
    }
    lock = l;
  }

  private boolean isLocal() {
    return "file".equals(fs.getUri().getScheme());
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
    if (isLocal()) {
      java.nio.file.Files.move(java.nio.file.Path.of(tmp.toUri().getPath()),
          java.nio.file.Path.of(target.toUri().getPath()),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } else {
      // elsewhere a crash between these two steps leaves only the (complete) temporary copy,
      // which manifest() reads
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(tmp, target)) {
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
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

  /**
   * Removes what a killed driver left half-done and finishes what it had committed to: a row
   * rewrite staged completely is carried through ({@link #finishRewrite}); the rest of the staging
   * area goes; wave folders without a Parquet file (a wave deleted by hand) go; epochs of a wave
   * whose runs are not in place go, so that a task trained again never has its epochs twice.
   * Returns what it removed or finished, for the log.
   */
  public List<String> repair() throws IOException {
    List<String> removed = new ArrayList<>();
    if (fs.exists(rewriteArea())) {
      finishRewrite();
      removed.add("finished moving superseded rows: " + rewriteArea());
    }
    Path staging = new Path(root, "_staging");
    if (fs.exists(staging)) {
      fs.delete(staging, true);
      removed.add(staging.toString());
    }
    for (String dataset : List.of("runs", "epochs", "maps")) {
      for (int w : waves(dataset)) {
        Path dir = wave(dataset, w);
        if (parquetFiles(dir).isEmpty()) {
          fs.delete(dir, true);
          removed.add(dir.toString());
        }
      }
    }
    TreeSet<Integer> runs = waves("runs");
    for (int w : waves("epochs")) {
      if (!runs.contains(w)) {
        Path orphan = wave("epochs", w);
        fs.delete(orphan, true);
        removed.add(orphan.toString());
      }
    }
    return removed;
  }

  /** {@code DATASET/wave=N}. */
  public Path wave(String dataset, int wave) {
    return new Path(new Path(root, dataset), "wave=" + wave);
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
   * Where a rewrite of stored waves is staged ({@code .partial} until complete): per dataset and
   * wave a {@code kept/} folder (the wave's rows that stay, or the marker {@code _EMPTY}) and a
   * {@code removed/} folder (the rows that leave, bound for {@code removed/} of the folder).
   */
  public Path rewriteArea() {
    return new Path(new Path(root, "_staging"), "rewrite");
  }

  /**
   * Carries a completely staged rewrite through, dataset by dataset in the order staged (epochs
   * before runs, so a task's runs row leaves last): removed rows go under their destination
   * ({@code superseded/} or {@code damaged/}), then the wave's old files are replaced by the kept
   * ones. Every step can be repeated after a crash with the same outcome.
   */
  public void finishRewrite() throws IOException {
    Path area = rewriteArea();
    for (String dataset : List.of("epochs", "runs", "maps")) {
      Path staged = new Path(area, dataset);
      if (!fs.exists(staged)) {
        continue;
      }
      for (FileStatus waveDir : fs.listStatus(staged)) {
        String name = waveDir.getPath().getName(); // wave=N
        int wave = Integer.parseInt(name.substring(5));
        Path target = wave(dataset, wave);
        for (FileStatus destination : fs.listStatus(waveDir.getPath())) {
          String d = destination.getPath().getName();
          if (d.equals("kept")) {
            continue;
          }
          Path moved = new Path(new Path(new Path(root, d), dataset), name);
          fs.mkdirs(moved);
          for (Path f : parquetFiles(destination.getPath())) {
            fs.rename(f, new Path(moved, System.currentTimeMillis() + "-" + f.getName()));
          }
          fs.delete(destination.getPath(), true);
        }
        Path kept = new Path(waveDir.getPath(), "kept");
        if (fs.exists(new Path(kept, "_EMPTY"))) {
          fs.delete(target, true);
        } else if (fs.exists(kept)) {
          List<Path> keep = parquetFiles(kept);
          if (!keep.isEmpty()) {
            List<String> names = keep.stream().map(Path::getName).toList();
            for (Path old : parquetFiles(target)) {
              if (!names.contains(old.getName())) {
                fs.delete(old, false);
              }
            }
            fs.mkdirs(target);
            for (Path f : keep) {
              fs.rename(f, new Path(target, f.getName()));
            }
          }
        }
        fs.delete(waveDir.getPath(), true);
      }
    }
    fs.delete(area, true);
  }

  /**
   * Moves whole waves aside to {@code damaged/DATASET/wave=N} (every dataset of each wave: its
   * tasks become pending); returns the folders moved.
   */
  public List<String> setAside(java.util.Collection<Integer> waves) throws IOException {
    List<String> moved = new ArrayList<>();
    for (int w : waves) {
      for (String dataset : List.of("runs", "epochs", "maps")) {
        Path from = wave(dataset, w);
        if (!fs.exists(from)) {
          continue;
        }
        Path to = new Path(new Path(new Path(root, "damaged"), dataset), "wave=" + w);
        if (fs.exists(to)) {
          to = new Path(to.getParent(), "wave=" + w + "." + System.currentTimeMillis());
        }
        fs.mkdirs(to.getParent());
        if (!fs.rename(from, to)) {
          throw new IOException("cannot move " + from + " to " + to);
        }
        moved.add(to.toString());
      }
    }
    return moved;
  }

  /** A Parquet file of a stored wave that cannot be read, and why. */
  public record Damage(String dataset, int wave, String file, String reason) {}

  /**
   * Every stored Parquet file whose footer cannot be read (truncated, overwritten, not Parquet),
   * found by reading footers only. Readers call it before Spark reads a folder, so that a damaged
   * file gets a line naming it instead of a stack trace.
   */
  public List<Damage> damage(Configuration conf) throws IOException {
    List<Damage> found = new ArrayList<>();
    for (String dataset : List.of("runs", "epochs", "maps")) {
      for (int w : waves(dataset)) {
        for (Path f : parquetFiles(wave(dataset, w))) {
          try (org.apache.parquet.hadoop.ParquetFileReader reader =
              org.apache.parquet.hadoop.ParquetFileReader.open(
                  org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(f, conf))) {
            if (reader.getFooter().getFileMetaData().getSchema().getFieldCount() == 0) {
              found.add(new Damage(dataset, w, f.toString(), "no columns"));
            }
          } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).replace(f.toString(), "it")
                .replaceAll("\\s+", " ");
            found.add(new Damage(dataset, w, f.toString(), why.length() > 160
                ? why.substring(0, 160) + "..." : why));
          }
        }
      }
    }
    return found;
  }

  /** Refuses a folder with damaged files: one line naming the first, and the remedy. */
  public void requireUndamaged(Configuration conf, String remedy) throws IOException {
    List<Damage> damage = damage(conf);
    if (!damage.isEmpty()) {
      Damage d = damage.get(0);
      long waves = damage.stream().mapToInt(Damage::wave).distinct().count();
      throw new InvalidValueException(d.file(), "damaged result file (" + d.reason() + ")"
          + (damage.size() > 1 ? "; " + damage.size() + " damaged files in " + waves + " wave(s)"
          : "") + "; " + remedy);
    }
  }

  public Path staging(int wave) {
    return new Path(new Path(root, "_staging"), "wave=" + wave);
  }

  /**
   * Removes the bookkeeping files a writer left in a staged wave: Hadoop checksums (written where
   * an executor's file system keeps them) and {@code _SUCCESS} markers.
   */
  public void cleanStaged(int wave) throws IOException {
    cleanBookkeeping(staging(wave));
  }

  /** Removes Hadoop checksums and {@code _SUCCESS} markers under {@code staged}. */
  void cleanBookkeeping(Path staged) throws IOException {
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
