package analogsweep.driver.report;

import analogsweep.driver.report.LinePanels.Point;
import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The training curves of a training report: test accuracy per epoch at both ends of i, for the
 * first seed, in the setting with the largest mean gain. The epochs come from the
 * {@code epochs} view.
 */
record TrainingCurves(String setting, Figure figure) {
  /** The curves, or null where i does not vary, no setting has a gain or no epoch is stored. */
  static TrainingCurves of(SparkSession spark, SweepData data) {
    if (!data.varying.contains("interpolation")) {
      return null;
    }
    List<String> keys = data.varyingExcept("interpolation");
    Gain best = null;
    for (Gain g : data.gains(keys)) {
      if (best == null || Intervals.meanOnly(g.gains()) > Intervals.meanOnly(best.gains())) {
        best = g;
      }
    }
    if (best == null) {
      return null;
    }
    List<Run> candidates = new ArrayList<>();
    long seed = Long.MAX_VALUE;
    for (Run r : data.usable()) {
      boolean match = true;
      for (int k = 0; k < keys.size(); k++) {
        match &= Objects.equals(r.get(keys.get(k)), best.key().get(k));
      }
      double i = r.number("interpolation");
      if (match && (i == best.lowI() || i == best.highI())) {
        candidates.add(r);
        seed = Math.min(seed, r.seed());
      }
    }
    List<Point> points = points(spark, candidates, seed);
    if (points.isEmpty()) {
      return null;
    }
    String setting = Labels.setting(keys, best.key());
    Figure figure = LinePanels.curves("test accuracy per epoch at both ends of i, "
        + setting + " (largest mean gain), first seed", points);
    return new TrainingCurves(setting, figure);
  }

  /** Test accuracy (percent) per epoch of the candidates of one seed, one line per i. */
  private static List<Point> points(SparkSession spark, List<Run> candidates, long seed) {
    List<String> ids = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Run r : candidates) {
      if (r.seed() == seed) {
        ids.add("'" + r.taskId() + "'");
        names.put(r.taskId(), "i=" + Labels.value(r.number("interpolation")));
      }
    }
    List<Row> rows = spark.sql("SELECT task_id, epoch, test_accuracy FROM epochs WHERE task_id "
        + "IN (" + String.join(",", ids) + ") AND test_accuracy IS NOT NULL ORDER BY task_id, "
        + "epoch").collectAsList();
    List<Point> points = new ArrayList<>();
    for (Row r : rows) {
      points.add(new Point("seed " + seed, names.get(r.getString(0)),
          r.getInt(1), new double[] {100 * r.getDouble(2)}, false, candidates.get(0).chance()));
    }
    return points;
  }
}
