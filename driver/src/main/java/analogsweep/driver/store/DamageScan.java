package analogsweep.driver.store;

import analogsweep.driver.store.OutputFolder.Damage;
import analogsweep.common.InvalidValueException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Finds stored Parquet files that cannot be read (truncated, overwritten, not Parquet) by reading
 * their footers only, and result files deleted from their waves. Readers look before Spark reads a folder, so that a damaged file gets one
 * line naming it and the remedy instead of a stack trace.
 */
public final class DamageScan {
  /** The reason given for a result file that is gone. */
  static final String MISSING = "its result file is missing (deleted?)";

  private final FolderLayout layout;

  public DamageScan(FolderLayout layout) {
    this.layout = layout;
  }

  /**
   * Every stored Parquet file whose footer cannot be read, and why; and every result file
   * missing from its wave (a wave folder without one, or epochs whose runs are gone and were not
   * being committed), named by the folder it is missing from.
   */
  public List<Damage> damage(Configuration conf) throws IOException {
    return damage(conf, new HashMap<>());
  }

  /**
   * As {@link #damage(Configuration)}, keeping the footers read in {@code footers}, so that a
   * reader that comes next need not decode them again ({@link StoredColumns}).
   */
  List<Damage> damage(Configuration conf, Map<Path, ParquetMetadata> footers)
      throws IOException {
    List<Damage> found = new ArrayList<>();
    TreeSet<Integer> runs = layout.waves("runs");
    for (int w : layout.waves("epochs")) {
      // epochs without rows and without runs are what moving a wave's only FAILED task to
      // superseded/ leaves: nothing is missing there
      if (!runs.contains(w) && !layout.halfCommitted(w) && rows(layout.wave("epochs", w), conf)
          > 0) {
        found.add(new Damage("runs", w, layout.wave("runs", w).toString(), MISSING + " (epochs "
            + "of the wave are in " + layout.wave("epochs", w) + ")"));
      }
    }
    for (String dataset : FolderLayout.DATASETS) {
      for (int w : layout.waves(dataset)) {
        List<Path> files = layout.parquetFiles(layout.wave(dataset, w));
        if (files.isEmpty()) {
          found.add(new Damage(dataset, w, layout.wave(dataset, w).toString(), MISSING));
        }
        for (Path f : files) {
          String why = unreadable(f, conf, footers);
          if (why != null) {
            found.add(new Damage(dataset, w, f.toString(), why));
          }
        }
      }
    }
    return found;
  }

  /** The rows the readable Parquet files of {@code dir} hold, from their footers. */
  private long rows(Path dir, Configuration conf) throws IOException {
    long rows = 0;
    for (Path f : layout.parquetFiles(dir)) {
      try (ParquetFileReader r = StoredColumns.open(f, conf)) {
        rows += r.getRecordCount();
      } catch (IOException | RuntimeException e) {
        // unreadable: named as a damaged file by the scan
      }
    }
    return rows;
  }

  /** Why {@code f}'s footer cannot be read (at most 160 characters), or null where it can. */
  private static String unreadable(Path f, Configuration conf,
      Map<Path, ParquetMetadata> footers) {
    try (ParquetFileReader reader = StoredColumns.open(f, conf)) {
      if (reader.getFooter().getFileMetaData().getSchema().getFieldCount() == 0) {
        return "no columns";
      }
      footers.put(f, reader.getFooter());
      return null;
    } catch (IOException | RuntimeException e) {
      String why = String.valueOf(e.getMessage()).replace(f.toString(), "it")
          .replaceAll("\\s+", " ");
      return why.length() > 160 ? why.substring(0, 160) + "..." : why;
    }
  }

  /** Refuses a folder with damaged files: one line naming the first, and the remedy. */
  public void requireUndamaged(Configuration conf, String remedy) throws IOException {
    requireUndamaged(conf, remedy, new HashMap<>());
  }

  /** As {@link #requireUndamaged(Configuration, String)}, keeping the footers read. */
  void requireUndamaged(Configuration conf, String remedy, Map<Path, ParquetMetadata> footers)
      throws IOException {
    List<Damage> damage = damage(conf, footers);
    if (!damage.isEmpty()) {
      Damage d = damage.get(0);
      long waves = damage.stream().mapToInt(Damage::wave).distinct().count();
      String what = d.reason().startsWith(MISSING) ? d.reason()
          : "damaged result file (" + d.reason() + ")";
      throw new InvalidValueException(d.file(), what + (damage.size() > 1 ? "; "
          + damage.size() + " damaged files in " + waves + " wave(s)" : "") + "; "
          + remedy);
    }
  }
}
