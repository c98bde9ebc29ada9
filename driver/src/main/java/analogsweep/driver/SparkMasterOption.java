package analogsweep.driver;

import picocli.CommandLine.Option;

/** The Spark master option of the commands that start Spark. */
final class SparkMasterOption {
  @Option(names = "--master", paramLabel = "URL", description = "Spark master when not "
      + "under spark-submit (default: local[*])")
  String master;
}
