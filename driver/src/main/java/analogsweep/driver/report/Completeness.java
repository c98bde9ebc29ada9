package analogsweep.driver.report;

import analogsweep.driver.store.Manifest;
import java.util.List;
import java.util.Locale;

/**
 * How complete a sweep's stored results are: task results stored against those planned (-1
 * where a manifest does not say), and how many are OK, DIVERGED and FAILED.
 */
record Completeness(long stored, int planned, long ok, long diverged, long failed) {
  /**
   * Counts the runs read for the report (those of the {@code runs} view, counted here rather
   * than by another Spark job over it); planned is the sum over the manifests (-1 if one lacks
   * it).
   */
  static Completeness of(SweepData data, Manifest manifest, List<Manifest> others) {
    long ok = 0;
    long diverged = 0;
    long failed = 0;
    for (SweepData.Run r : data.runs) {
      ok += "OK".equals(r.status()) ? 1 : 0;
      diverged += "DIVERGED".equals(r.status()) ? 1 : 0;
      failed += "FAILED".equals(r.status()) ? 1 : 0;
    }
    int planned = planned(manifest);
    for (Manifest m : others) {
      planned = planned < 0 || planned(m) < 0 ? -1 : planned + planned(m);
    }
    return new Completeness(data.runs.size(), planned, ok, diverged, failed);
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
