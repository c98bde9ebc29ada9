package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import analogsweep.sweep.Sweep;
import java.io.IOException;
import java.util.Collection;
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
 *   superseded/DATASET/wave=N/  rows replaced by a later attempt (run --retry-failed)
 *   damaged/DATASET/wave=N/     waves set aside by run --repair
 *   _staging/, _lock     transient
 * </pre>
 *
 * <p>Compaction ({@link WaveCompaction}) merges the small waves of finished batches into new waves
 * of few files, committed through the staging area as a wave is, and finished by repair where a
 * driver died part-way.
 *
 * <p>A wave is staged completely, then its epochs and then its runs are renamed into place. A
 * task counts as done once its runs row is in place; a wave whose epochs arrived but whose runs
 * did not (the driver died between the two renames) is removed on the next start, so no task is
 * ever stored twice. A folder stays resumable whatever moment its driver died: a stale lock is
 * taken over, a manifest lost between its temporary copy and the rename is taken from that copy,
 * and one lost altogether is rebuilt from {@code sweep.yaml} (or, with {@code --repair}, from the
 * sweep being run).
 *
 * <p>This class is the one face the rest of the driver uses; each role is a type of its own:
 * {@link FolderLayout} (where things are, and the file operations all roles share),
 * {@link FolderLock}, {@link ManifestFile}, {@link WaveCommit} (staging and commit),
 * {@link WaveRepair} (repair, rewrites, setting waves aside), {@link WaveCompaction} and
 * {@link DamageScan}.
 *
 * <p>The folder holds results and nothing else: no Hadoop checksum ({@code .crc}) files and no
 * {@code _SUCCESS} markers (Parquet carries its own checksums). Checksums are neither written nor
 * verified through this folder's file system; those that folders of version 0.1 hold are left
 * alone, except beside files rewritten here, where a stale one is removed.
 */
public final class OutputFolder implements AutoCloseable {
  /** A Parquet file of a stored wave that cannot be read, and why. */
  public record Damage(String dataset, int wave, String file, String reason) {}

  private final FolderLayout layout;
  private final FolderLock lock;
  private final ManifestFile manifest;
  private final WaveCommit commit;
  private final WaveRepair repair;
  private final DamageScan damage;
  private final WaveCompaction compaction;

  public OutputFolder(String dir, Configuration conf) {
    this.layout = new FolderLayout(dir, conf);
    this.lock = new FolderLock(layout);
    this.manifest = new ManifestFile(layout);
    this.commit = new WaveCommit(layout);
    this.repair = new WaveRepair(layout);
    this.damage = new DamageScan(layout);
    this.compaction = new WaveCompaction(layout);
  }

  public FolderLayout layout() {
    return layout;
  }

  public ManifestFile manifestFile() {
    return manifest;
  }

  public Path root() {
    return layout.root();
  }

  public FileSystem fs() {
    return layout.fs();
  }

  public String runs() {
    return layout.top("runs").toString();
  }

  public String epochs() {
    return layout.top("epochs").toString();
  }

  public String maps() {
    return layout.top("maps").toString();
  }

  public Path report() {
    return layout.report();
  }

  public boolean exists() throws IOException {
    return layout.exists();
  }

  /**
   * Refuses, in one line naming {@code what}, a folder that does not exist or is no sweep's
   * output (it holds neither a manifest nor a copy of the sweep file).
   */
  public void requireOutput(String what) throws IOException {
    if (!exists()) {
      throw new InvalidValueException(what, root() + ": no such folder");
    }
    if (manifest() == null && manifestFile().storedSweep() == null) {
      throw new InvalidValueException(what, root() + " holds no manifest.json or sweep.yaml: "
          + "not an analogsweep output folder");
    }
  }

  /**
   * Whether the folder is (or may become) a sweep's output: it has a manifest or a copy of the
   * sweep file, or holds nothing but what this tool writes (a run stopped in its first moments).
   */
  public boolean isSweepFolder() throws IOException {
    if (!layout.exists() || manifest.read() != null || manifest.storedSweep() != null) {
      return true;
    }
    for (FileStatus s : layout.fs().listStatus(layout.root())) {
      if (!FolderLayout.ours(s.getPath().getName())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the folder holds a stored wave of any dataset. */
  public boolean hasResults() throws IOException {
    return layout.hasResults();
  }

  /** Wave numbers present under {@code dataset/} (runs, epochs or maps). */
  public TreeSet<Integer> waves(String dataset) throws IOException {
    return layout.waves(dataset);
  }

  /** {@code DATASET/wave=N}. */
  public Path wave(String dataset, int wave) {
    return layout.wave(dataset, wave);
  }

  /** The Parquet files of a folder (a wave), by name; empty where the folder is missing. */
  public List<Path> parquetFiles(Path dir) throws IOException {
    return layout.parquetFiles(dir);
  }

  public Path staging(int wave) {
    return layout.staging(wave);
  }

  /** See {@link FolderLayout#rewriteArea}. */
  public Path rewriteArea() {
    return layout.rewriteArea();
  }

  /** The manifest, or null where there is none: see {@link ManifestFile#read}. */
  public Manifest manifest() throws IOException {
    return manifest.read();
  }

  /**
   * Refuses a folder that belongs to another sweep, or that holds anything but a sweep's output.
   * Returns the manifest (null for a new or empty folder). Writes nothing.
   */
  public Manifest check(Sweep sweep, boolean extend) throws IOException {
    return manifest.check(sweep, extend, false);
  }

  /** See {@link ManifestFile#check}. */
  public Manifest check(Sweep sweep, boolean extend, boolean repair) throws IOException {
    return manifest.check(sweep, extend, repair);
  }

  /** See {@link ManifestFile#setAside}. */
  public Path setAsideManifest() throws IOException {
    return manifest.setAside();
  }

  /** Writes the manifest (via a temporary file and a rename) and the copy of the sweep file. */
  public void writeManifest(Manifest m, Sweep sweep) throws IOException {
    manifest.write(m, sweep);
  }

  /** Takes the folder's lock; a lock left by a dead process on this host is taken over. */
  public void lock() throws IOException {
    lock.lock();
  }

  @Override
  public void close() throws IOException {
    lock.close();
  }

  /**
   * Makes report/ ready for a new report: creates it, and removes the files an earlier report
   * left there (report/ is the report's alone), so that a figure or table this report does not
   * write is not left beside it, as if it were its own.
   */
  public void startReport() throws IOException {
    FileSystem fs = layout.fs();
    Path dir = layout.report();
    if (fs.exists(dir)) {
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.isFile()) {
          fs.delete(s.getPath(), false);
        }
      }
    }
    fs.mkdirs(dir);
  }

  /** Writes a file of the report (report/NAME), replacing an earlier one. */
  public void writeReportFile(String name, byte[] bytes) throws IOException {
    layout.write(new Path(layout.report(), name), bytes);
  }

  /** Removes Hadoop checksums and {@code _SUCCESS} markers under {@code staged}. */
  void cleanBookkeeping(Path staged) throws IOException {
    commit.cleanBookkeeping(staged);
  }

  /** See {@link WaveCommit#commit}. */
  public void commit(int wave, String... datasets) throws IOException {
    commit.commit(wave, datasets);
  }

  /** See {@link WaveRepair#repair}. */
  public List<String> repair() throws IOException {
    return repair.repair();
  }

  /** See {@link WaveRepair#finishRewrite}. */
  public void finishRewrite() throws IOException {
    repair.finishRewrite();
  }

  /** See {@link WaveRepair#setAside}. */
  public List<String> setAside(Collection<Integer> waves) throws IOException {
    return repair.setAside(waves);
  }

  /** See {@link WaveCompaction#compact}. */
  public WaveCompaction.Outcome compact(Configuration conf, int minWaves) throws IOException {
    return compaction.compact(conf, minWaves);
  }

  /** See {@link DamageScan#damage}. */
  public List<Damage> damage(Configuration conf) throws IOException {
    return damage.damage(conf);
  }

  /** Refuses a folder with damaged files: one line naming the first, and the remedy. */
  public void requireUndamaged(Configuration conf, String remedy) throws IOException {
    damage.requireUndamaged(conf, remedy);
  }
}
