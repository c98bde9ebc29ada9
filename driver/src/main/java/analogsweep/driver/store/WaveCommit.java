package analogsweep.driver.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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
    // the raw file system: a checksummed one hides .crc files from listings
    FileSystem raw = layout.raw();
    RemoteIterator<LocatedFileStatus> files = raw.listFiles(staged, true);
    List<Path> doomed = new ArrayList<>();
    while (files.hasNext()) {
      Path p = files.next().getPath();
      String n = p.getName();
      if (n.endsWith(".crc") || n.equals("_SUCCESS")) {
        doomed.add(p);
      }
    }
    for (Path p : doomed) {
      raw.delete(p, false);
    }
  }
}
