package analogsweep.driver.report;

import analogsweep.driver.store.Manifest;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How complete a sweep's stored results are: task results stored against those planned (-1
 * where a manifest does not say), and how many are OK, DIVERGED and FAILED.
 */
record Completeness(long stored, int planned, long ok, long diverged, long failed) {
  /** Counts the {@code runs} view; planned is the sum over the manifests (-1 if one lacks it). */
  static Completeness of(SparkSession spark, Manifest manifest, List<Manifest> others) {
    Row r = spark.sql("SELECT count(*), sum(CASE WHEN status = 'OK' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN status = 'DIVERGED' THEN 1 ELSE 0 END), "
        + "sum(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) FROM runs").collectAsList().get(0);
    int planned = planned(manifest);
    for (Manifest m : others) {
      planned = planned < 0 || planned(m) < 0 ? -1 : planned + planned(m);
    }
    return new Completeness(r.getLong(0), planned, r.getLong(1), r.getLong(2), r.getLong(3));
  }

  private static int planned(Manifest m) {
    return m == null || m.plannedTasks() == null ? -1 : m.plannedTasks();
  }

  /** The report's sentence, in Markdown. */
  String markdown() {
    StringBuilder s = new StringBuilder("**Completeness:** ").append(stored)
        .append(" task results stored");
    if (planned > 0) {
      s.append(" of ").append(planned).append(" planned (")
          .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * stored / planned)).append(')');
      if (stored < planned) {
        s.append(" — **partial**: the sweep is still running or was interrupted; every number "
            + "below covers the stored results only");
      }
    }
    s.append(". Status: ").append(ok).append(" OK, ").append(diverged)
        .append(" DIVERGED, ").append(failed).append(" FAILED.");
    return s.toString();
  }

  /** The sentence in plain text, for report.html. */
  String text() {
    return markdown().replace("**", "");
  }

  /** {@code completeness.csv}: a header and one row. */
  String csv() {
    return "stored,planned,ok,diverged,failed\n" + stored + "," + (planned > 0 ? planned : "")
        + "," + ok + "," + diverged + "," + failed + "\n";
  }
}
