package analogsweep.driver;

import analogsweep.driver.store.FolderStatus;
import analogsweep.driver.store.OutputFolder;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code analogsweep status}: where a sweep's output folder stands ({@link FolderStatus}), read
 * from its files without starting Spark, so that it answers in about a second.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Where a sweep's output folder stands: planned, stored, failed, diverged "
        + "and pending tasks, and the failed tasks with their messages.")
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
  String dir;

  @Option(names = "--failures", paramLabel = "N", defaultValue = "20",
      description = "failed or diverged tasks to list (default: ${DEFAULT-VALUE})")
  int failures;

  @Override
  public Integer call() throws Exception {
    Configuration conf = new Configuration();
    OutputFolder folder = new OutputFolder(dir, conf);
    System.out.print(FolderStatus.of(folder, conf).describe(dir, failures));
    return 0;
  }
}
