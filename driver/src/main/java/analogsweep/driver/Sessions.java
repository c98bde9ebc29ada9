package analogsweep.driver;

import analogsweep.grid.InvalidValueException;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session: under spark-submit (which sets {@code spark.master}) the master and
 * resources are spark-submit's; otherwise an embedded session on {@code local[*]} or the master
 * given. Speculation stays off: a grid point's failure is already a FAILED row, and a speculative
 * copy would only train the same point twice.
 */
final class Sessions {
  private Sessions() {}

  static SparkSession start(String appName, String master, List<String> conf) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    boolean submitted = System.getProperty("spark.master") != null;
    if (!submitted) {
      b.master(master == null ? "local[*]" : master);
      b.config("spark.ui.enabled", "false");
      b.config("spark.ui.showConsoleProgress", "false");
    } else if (master != null) {
      throw new InvalidValueException("--master", "under spark-submit the master is "
          + "spark-submit's (--master there), found --master " + master);
    }
    b.config("spark.sql.shuffle.partitions", "8");
    b.config("spark.speculation", "false");
    // results folders hold results only: no _SUCCESS markers beside the Parquet files
    b.config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException("--conf", "expected KEY=VALUE, found \"" + kv + "\"");
      }
      b.config(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return b.getOrCreate();
  }
}
