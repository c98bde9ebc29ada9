package analogsweep.driver;

import analogsweep.cli.Json;
import analogsweep.grid.InvalidValueException;
import analogsweep.sweep.Sweep;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 */
public final class OutputFolder implements AutoCloseable {
  static final String FORMAT = "analogsweep.output.v1";
  private final Path root;
  private final FileSystem fs;
  private Path lock;

  public OutputFolder(String dir, Configuration conf) {
    try {
      this.root = new Path(dir);
      this.fs = root.getFileSystem(conf);
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

  boolean exists() throws IOException {
    return fs.exists(root);
  }

  /** The manifest, or null where there is none. */
  ObjectNode manifest() throws IOException {
    Path m = new Path(root, "manifest.json");
    if (!fs.exists(m)) {
      return null;
    }
    try (InputStream in = fs.open(m)) {
      return (ObjectNode) Json.JSON.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
      throw new InvalidValueException(m.toString(), "unreadable manifest: " + e.getMessage());
    }
  }

  /**
   * Refuses a folder that belongs to another sweep, or that holds anything but a sweep's output.
   * Returns the manifest (null for a new or empty folder). Writes nothing.
   */
  ObjectNode check(Sweep sweep, boolean extend) throws IOException {
    if (!fs.exists(root)) {
      return null;
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new InvalidValueException("--out", root + " is a file, not a folder");
    }
    ObjectNode manifest = manifest();
    if (manifest == null) {
      if (fs.listStatus(root).length > 0) {
        throw new InvalidValueException("--out", root + " is not empty and holds no "
            + "manifest.json: it is not an analogsweep output folder; choose another --out");
      }
      return null;
    }
    String name = manifest.path("sweep").asText();
    if (!name.equals(sweep.name())) {
      throw new InvalidValueException("--out", root + " holds the results of sweep '" + name
          + "', not '" + sweep.name() + "'; choose another --out");
    }
    String fingerprint = manifest.path("fingerprint").asText();
    if (!fingerprint.equals(sweep.fingerprint()) && !extend) {
      throw new InvalidValueException("--out", root + " holds sweep '" + name + "' with another "
          + "grid (" + manifest.path("planned_tasks").asInt() + " planned tasks, fingerprint "
          + fingerprint.substring(0, 12) + "; this file plans " + sweep.points().size()
          + ", fingerprint " + sweep.fingerprint().substring(0, 12) + "). Use --extend to add "
          + "the new grid points to it, or choose another --out");
    }
    return manifest;
  }

  /** Takes the folder's lock; a lock left by a dead process on this host is taken over. */
  void lock() throws IOException {
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
  void writeManifest(ObjectNode manifest, Sweep sweep) throws IOException {
    fs.mkdirs(root);
    writeAtomically(new Path(root, "sweep.yaml"), sweep.text());
    writeAtomically(new Path(root, "manifest.json"), Json.write(manifest) + "\n");
  }

  static ObjectNode newManifest(Sweep sweep) {
    ObjectNode m = Json.JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("sweep", sweep.name());
    m.put("kind", sweep.kind().id());
    m.put("created_at", Instant.now().toString());
    m.putArray("sessions");
    return m;
  }

  static void plan(ObjectNode manifest, Sweep sweep) {
    manifest.put("fingerprint", sweep.fingerprint());
    manifest.put("planned_tasks", sweep.points().size());
    manifest.put("sweep_file", sweep.source());
  }

  static ObjectNode newSession(ObjectNode manifest) {
    return ((ArrayNode) manifest.withArray("sessions")).addObject();
  }

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
  }

  /** Wave numbers present under {@code runs/}. */
  TreeSet<Integer> waves(String dataset) throws IOException {
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
  List<String> repair() throws IOException {
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

  Path staging(int wave) {
    return new Path(new Path(root, "_staging"), "wave=" + wave);
  }

  /**
   * Moves a staged wave into place, dataset by dataset in the order given; the last one (runs, or
   * maps for a gradient-error sweep) is what marks the wave's tasks done.
   */
  void commit(int wave, String... datasets) throws IOException {
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
