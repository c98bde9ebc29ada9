package analogsweep.driver.store;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Puts a wave in place: the wave is staged completely under {@code _staging/wave=N}, then each of
 * its datasets is renamed into {@code DATASET/wave=N}, the one that marks its tasks done last.
 * What a writer leaves beside the Parquet files (Hadoop checksums, {@code _SUCCESS}) is removed
 * first, so the folder holds results only.
 */
public final class WaveCommit {
  private final FolderLayout layout;

  public WaveCommit(FolderLayout layout) {
    this.layout = layout;
  }

  /**
   * Moves a staged wave into place, dataset by dataset in the order given; the last one (runs, or
   * maps for a gradient-error sweep) is what marks the wave's tasks done.
   */
  public void commit(int wave, String... datasets) throws IOException {
    FileSystem fs = layout.fs();
    cleanBookkeeping(layout.staging(wave));
    Path staged = layout.staging(wave);
    for (String dataset : datasets) {
      fs.mkdirs(layout.top(dataset));
      Path target = layout.wave(dataset, wave);
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

  /** Removes Hadoop checksums and {@code _SUCCESS} markers under {@code staged}. */
  public void cleanBookkeeping(Path staged) throws IOException {
    if (!layout.fs().exists(staged)) {
      return;
    }
    // the raw file system: a checksummed one hides .crc files from listings. Plain listings:
    // listFiles' located statuses ask each file for its owner, which the local file system
    // answers by starting an `ls` process per file where Hadoop's native library is missing
    FileSystem raw = layout.raw();
    List<Path> doomed = new ArrayList<>();
    Deque<Path> dirs = new ArrayDeque<>(List.of(staged));
    while (!dirs.isEmpty()) {
      for (FileStatus s : raw.listStatus(dirs.pop())) {
        String n = s.getPath().getName();
        if (s.isDirectory()) {
          dirs.push(s.getPath());
        } else if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
          doomed.add(s.getPath());
        }
      }
    }
    for (Path p : doomed) {
      raw.delete(p, false);
    }
  }
}
