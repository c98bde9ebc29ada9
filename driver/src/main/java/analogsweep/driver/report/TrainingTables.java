package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The tables of a training report, in percent: accuracy per setting over seeds
 * ({@code accuracy_by_setting.csv}), the gain per setting ({@code gain.csv}), and every run for
 * the interactive parallel view.
 */
final class TrainingTables {
  private TrainingTables() {}

  /** Maximum test accuracy per setting over seeds: mean, sd, 95% interval, range, spread. */
  static Table summary(SweepData data) {
    List<String> columns = new ArrayList<>(data.varying);
    columns.addAll(List.of("runs", "n", "mean_accuracy_pct", "sd_pct", "ci_low_pct",
        "ci_high_pct", "min_pct", "max_pct", "eval_sd_pct", "gsd"));
    List<List<Object>> rows = new ArrayList<>();
    List<Run> sorted = new ArrayList<>(data.runs);
    sorted.sort((a, b) -> {
      for (String c : data.varying) {
        int k = SweepData.compare(a.get(c), b.get(c));
        if (k != 0) {
          return k;
        }
      }
      return 0;
    });
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(sorted, data.varying)
        .entrySet()) {
      List<Run> usable = g.getValue().stream().filter(Run::usable).toList();
      double[] acc = usable.stream().mapToDouble(Run::accuracy).toArray();
      Estimate e = Intervals.mean(acc, TrainingFindings.LEVEL);
      List<Object> row = new ArrayList<>(g.getKey());
      row.add(g.getValue().size());
      row.add(acc.length);
      row.add(acc.length == 0 ? null : e.value());
      row.add(acc.length < 2 ? null : Math.sqrt(StatUtils.variance(acc)));
      row.add(e.hasInterval() ? e.low() : null);
      row.add(e.hasInterval() ? e.high() : null);
      row.add(acc.length == 0 ? null : StatUtils.min(acc));
      row.add(acc.length == 0 ? null : StatUtils.max(acc));
      double[] spreads = usable.stream().filter(r -> r.accuracySpread() != null)
          .mapToDouble(Run::accuracySpread).toArray();
      row.add(spreads.length == 0 ? null : StatUtils.mean(spreads));
      row.add(g.getValue().get(0).gsd());
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** The gain per setting (every varying column but i) with its 95% interval. */
  static Table gains(SweepData data) {
    List<String> keys = data.varyingExcept("interpolation");
    List<String> columns = new ArrayList<>(keys);
    columns.addAll(List.of("relu_end_i", "smooth_end_i", "relu_end_pct", "smooth_end_pct",
        "gain_pts", "ci_low_pts", "ci_high_pts", "n", "at_chance"));
    List<List<Object>> rows = new ArrayList<>();
    if (data.varying.contains("interpolation")) {
      for (Gain g : data.gains(keys)) {
        Estimate e = Intervals.mean(g.gains(), TrainingFindings.LEVEL);
        List<Object> row = new ArrayList<>(g.key());
        row.addAll(List.of(g.lowI(), g.highI(), g.lowEnd(), g.highEnd(), e.value()));
        row.add(e.hasInterval() ? e.low() : null);
        row.add(e.hasInterval() ? e.high() : null);
        row.add(e.n());
        row.add(g.atChance());
        rows.add(row);
      }
    }
    return new Table(columns, rows);
  }

  /** Every run with its swept values, seed, status and accuracy, for the parallel view. */
  static Table runs(SweepData data) {
    List<String> columns = new ArrayList<>(data.varying);
    columns.addAll(List.of("seed", "status", "accuracy_pct"));
    List<List<Object>> rows = new ArrayList<>();
    for (Run r : data.runs) {
      List<Object> row = new ArrayList<>();
      for (String c : data.varying) {
        row.add(r.get(c));
      }
      row.add(r.seed());
      row.add(r.status());
      row.add(r.accuracy());
      rows.add(row);
    }
    return new Table(columns, rows);
  }
}
