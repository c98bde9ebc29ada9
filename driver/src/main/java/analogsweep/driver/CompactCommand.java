package analogsweep.driver;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.WaveCompaction;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code analogsweep compact}: merges the small files of a sweep's stored waves into few
 * ({@link WaveCompaction}), without Spark. Takes the folder's lock, so it never runs beside a
 * run, and first finishes what a killed driver left half-done, a compaction included.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Merge the small Parquet files of a sweep's stored waves into few files (a "
        + "run does this at its end once it has stored many waves). Rows are copied as they "
        + "are; a compaction cut short is finished by the next run or compact.")
final class CompactCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
  String dir;

  @Override
  public Integer call() throws Exception {
    Configuration conf = new Configuration();
    OutputFolder folder = new OutputFolder(dir, conf);
    folder.requireOutput("DIR");
    try (OutputFolder locked = folder) {
      locked.lock();
      for (String removed : folder.repair()) {
        System.err.println("removed what an interrupted run left half-written: " + removed);
      }
      folder.requireUndamaged(conf, "run the sweep again with --repair to move the damaged "
          + "waves aside (analogsweep run " + new Path(folder.root(), "sweep.yaml") + " --out "
          + folder.root() + " --repair)");
      System.out.println(folder.compact(conf, 2).describe());
    }
    return 0;
  }
}
