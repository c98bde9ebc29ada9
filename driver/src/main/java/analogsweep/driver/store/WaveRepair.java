package analogsweep.driver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Brings a folder back to a consistent state after a driver died: finishes a rewrite of stored
 * waves that was staged completely ({@link RowRemoval}), removes half-written waves, and sets
 * damaged waves aside. Every step can be repeated after a crash with the same outcome.
 */
public final class WaveRepair {
  private final FolderLayout layout;
  private final WaveCompaction compaction;

  public WaveRepair(FolderLayout layout) {
    this.layout = layout;
    this.compaction = new WaveCompaction(layout);
  }

  /**
   * Removes what a killed driver left half-done and finishes what it had committed to: a row
   * rewrite staged completely is carried through ({@link #finishRewrite}), and so is a committed
   * compaction ({@link WaveCompaction#finish}: the merged-from waves go); the rest of the
   * staging area goes; epochs of a wave whose runs are still staged (the driver died between
   * the two renames) go, so that a task trained again never has its epochs twice. A result file
   * or wave deleted by hand is not this method's: {@link DamageScan} names it, and
   * {@link #setAside} keeps what is left of its wave. Returns what it removed or finished, for
   * the log.
   */
  public List<String> repair() throws IOException {
    FileSystem fs = layout.fs();
    List<String> removed = new ArrayList<>();
    if (fs.exists(layout.rewriteArea())) {
      finishRewrite();
      removed.add("finished moving superseded rows: " + layout.rewriteArea());
    }
    WaveCompaction.Plan compacted = compaction.finish();
    if (compacted != null) {
      removed.add("finished a compaction: waves " + compacted.sources() + " merged into "
          + layout.wave(compacted.datasets().get(compacted.datasets().size() - 1),
          compacted.wave()));
    }
    Path staging = layout.stagingArea();
    TreeSet<Integer> runs = layout.waves("runs");
    List<Path> halfCommitted = new ArrayList<>();
    for (int w : layout.waves("epochs")) {
      if (!runs.contains(w) && layout.halfCommitted(w)) {
        halfCommitted.add(layout.wave("epochs", w));
      }
    }
    if (fs.exists(staging)) {
      fs.delete(staging, true);
      removed.add(staging.toString());
    }
    for (Path orphan : halfCommitted) {
      fs.delete(orphan, true);
      removed.add(orphan.toString());
    }
    return removed;
  }

  /**
   * Carries a completely staged rewrite ({@link FolderLayout#rewriteArea}: per dataset and wave a
   * {@code kept/} folder, the rows that stay or the marker {@code _EMPTY}, and one folder per
   * destination of the rows that leave) through, dataset by dataset in the order staged (epochs
   * before runs, so a task's runs row leaves last): removed rows go under their destination
   * ({@code superseded/} or {@code damaged/}), then the wave's old files are replaced by the kept
   * ones.
   */
  public void finishRewrite() throws IOException {
    FileSystem fs = layout.fs();
    Path area = layout.rewriteArea();
    for (String dataset : List.of("epochs", "runs", "maps")) {
      Path staged = new Path(area, dataset);
      if (!fs.exists(staged)) {
        continue;
      }
      for (FileStatus waveDir : fs.listStatus(staged)) {
        String name = waveDir.getPath().getName(); // wave=N
        moveLeavingRows(dataset, waveDir.getPath());
        swapKeptRows(waveDir.getPath(), layout.wave(dataset,
            Integer.parseInt(name.substring(5))));
        fs.delete(waveDir.getPath(), true);
      }
    }
    fs.delete(area, true);
  }

  /** The staged rows that leave a wave go to {@code DESTINATION/DATASET/wave=N}. */
  private void moveLeavingRows(String dataset, Path waveDir) throws IOException {
    FileSystem fs = layout.fs();
    String name = waveDir.getName();
    for (FileStatus destination : fs.listStatus(waveDir)) {
      String d = destination.getPath().getName();
      if (d.equals("kept")) {
        continue;
      }
      Path moved = new Path(new Path(layout.top(d), dataset), name);
      fs.mkdirs(moved);
      for (Path f : layout.parquetFiles(destination.getPath())) {
        fs.rename(f, new Path(moved, System.currentTimeMillis() + "-" + f.getName()));
      }
      fs.delete(destination.getPath(), true);
    }
  }

  /** The wave's files are replaced by the kept ones (or the wave goes, where none are kept). */
  private void swapKeptRows(Path waveDir, Path target) throws IOException {
    FileSystem fs = layout.fs();
    Path kept = new Path(waveDir, "kept");
    if (fs.exists(new Path(kept, "_EMPTY"))) {
      fs.delete(target, true);
    } else if (fs.exists(kept)) {
      List<Path> keep = layout.parquetFiles(kept);
      if (!keep.isEmpty()) {
        List<String> names = keep.stream().map(Path::getName).toList();
        for (Path old : layout.parquetFiles(target)) {
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
  }

  /**
   * Moves whole waves aside to {@code damaged/DATASET/wave=N} (every dataset of each wave: its
   * tasks become pending); returns the folders moved.
   */
  public List<String> setAside(Collection<Integer> waves) throws IOException {
    FileSystem fs = layout.fs();
    List<String> moved = new ArrayList<>();
    for (int w : waves) {
      for (String dataset : FolderLayout.DATASETS) {
        Path from = layout.wave(dataset, w);
        if (!fs.exists(from)) {
          continue;
        }
        Path to = layout.damagedWave(dataset, w);
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
}
