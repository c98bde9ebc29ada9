package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session: under spark-submit (which sets {@code spark.master}) the master and
 * resources are spark-submit's; otherwise an embedded session on {@code local[*]} or the master
 * given. Speculation stays off: a grid point's failure is already a FAILED row, and a speculative
 * copy would only train the same point twice.
 *
 * <p>An embedded session on a local master listens on the loopback interface only: the driver's
 * RPC and block-manager sockets bind to 127.0.0.1 (no other machine has anything to say to it),
 * and Spark's web UI stays off unless asked for ({@code --spark-ui}; it binds where
 * {@code SPARK_LOCAL_IP} says, which the launcher sets to 127.0.0.1).
 */
final class Sessions {
  private Sessions() {}

  static SparkSession start(String appName, String master, List<String> conf) {
    return start(appName, master, conf, false);
  }

  static SparkSession start(String appName, String master, List<String> conf, boolean ui) {
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    boolean submitted = System.getProperty("spark.master") != null;
    if (!submitted) {
      String m = master == null ? "local[*]" : master;
      b.master(m);
      b.config("spark.ui.enabled", String.valueOf(ui));
      b.config("spark.ui.killEnabled", "false");
      b.config("spark.ui.showConsoleProgress", "false");
      if (m.startsWith("local")) {
        b.config("spark.driver.bindAddress", "127.0.0.1");
        b.config("spark.driver.host", "127.0.0.1");
      }
    } else if (master != null) {
      throw new InvalidValueException("--master", "under spark-submit the master is "
          + "spark-submit's (--master there), found --master " + master);
    }
    b.config("spark.sql.shuffle.partitions", "8");
    // the runs schema has ~80 columns; Spark would warn each time it prints a plan of it
    b.config("spark.sql.debug.maxToStringFields", "1000");
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
