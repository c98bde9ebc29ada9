package analogsweep.driver.report;

import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.ThresholdPlan.State;
import analogsweep.sweep.ThresholdPlan;
import analogsweep.sweep.ThresholdSearch.Outcome;
import analogsweep.sweep.ThresholdSearch.Probe;
import analogsweep.sweep.ThresholdSearch.Walk;
import analogsweep.sweep.ThresholdSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The report's section on a threshold search: per setting, the bracket its bisection ended in
 * (the last value whose mean best test accuracy stayed above the target and the first at or
 * below it), the clean end's accuracy and the target, the values tried in order with their
 * accuracies ({@code threshold.csv}), and a figure of the tolerated value against i with the
 * brackets, one line per family (and other setting).
 */
final class ThresholdReport {
  private ThresholdReport() {}

  /** Writes threshold.csv and the figure; appends the section to {@code md}; returns the figure. */
  static List<String> write(OutputFolder folder, Sweep sweep, SweepData data, StringBuilder md)
      throws IOException {
    ThresholdSearch search = sweep.threshold();
    List<State> states = ThresholdPlan.states(sweep, accuracies(data));
    List<String> varying = ThresholdPlan.varying(states, search);
    Table table = table(states, varying, search);
    Reports.writeText(folder, "threshold.csv", table.csv());
    md.append("## Threshold search\n\n").append(search.label()).append(" (`threshold:` in the "
        + "sweep file). Each setting's value was bisected round by round on the mean over its "
        + "seeds of the best test accuracy; the bracket is the last value above the target and "
        + "the first at or below it; tried lists each value with its accuracy in percent, in the "
        + "order tried. It assumes accuracy falls as ").append(search.symbol())
        .append(search.over().column().equals("precision") ? " decreases" : " grows")
        .append(": it is where the seeds' means crossed the target, not a confidence interval. "
            + "Outcomes: ").append(ThresholdPlan.summary(states)).append(" ([threshold.csv]"
            + "(threshold.csv)).\n\n").append(table.markdown()).append('\n');
    Figure figure = figure(states, varying, search);
    if (figure == null) {
      return List.of();
    }
    figure.write(folder, "threshold_vs_interpolation");
    md.append("![threshold](threshold_vs_interpolation.png)\n\nThe ").append(search.symbol())
        .append(" each setting tolerates against i: the bar spans its bracket, the marker sits "
            + "at the bracket's middle; settings whose search ended otherwise (see the table) "
            + "are not drawn. ([SVG](threshold_vs_interpolation.svg))\n\n");
    return List.of("threshold_vs_interpolation");
  }

  /**
   * The runs the report read, as the search replays them: the best test accuracy by task id, a
   * fraction, NaN where a run has none to use (as {@code StoredColumns.bestAccuracies} reads them
   * for {@code run} and {@code status}).
   */
  private static Map<String, Double> accuracies(SweepData data) {
    Map<String, Double> out = new HashMap<>();
    for (SweepData.Run r : data.runs) {
      out.putIfAbsent(r.taskId(), r.usable() ? r.accuracy() / 100 : Double.NaN);
    }
    return out;
  }

  static Table table(List<State> states, List<String> varying, ThresholdSearch search) {
    String over = search.over().column();
    List<String> columns = new ArrayList<>(varying);
    columns.addAll(List.of("outcome", "passing_" + over, "failing_" + over,
        "clean_accuracy_pct", "target_pct", "values_tried", "tried"));
    List<List<Object>> rows = new ArrayList<>();
    for (State s : states) {
      Walk w = s.walk();
      List<Object> row = new ArrayList<>();
      varying.forEach(c -> row.add(s.setting().template().columns().get(c)));
      row.add(w.outcome().text());
      row.add(w.passing());
      row.add(w.failing());
      row.add(w.probes().isEmpty() ? null : 100 * w.probes().get(0).accuracy());
      row.add(Double.isNaN(w.target()) ? null : 100 * w.target());
      row.add(w.probes().size());
      List<String> tried = new ArrayList<>();
      for (Probe p : w.probes()) {
        tried.add(Table.number(p.value(), 4) + ": " + Table.number(100 * p.accuracy(), 3));
      }
      row.add(String.join("; ", tried));
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** The tolerated value against i, a line per other setting; null where nothing is bracketed. */
  static Figure figure(List<State> states, List<String> varying, ThresholdSearch search) {
    List<String> lineKeys = new ArrayList<>(varying);
    lineKeys.remove("interpolation");
    if (lineKeys.isEmpty()) {
      lineKeys.add("family"); // one line: named by its family rather than "all"
    }
    Map<String, List<State>> lines = new LinkedHashMap<>();
    for (State s : states) {
      if (s.walk().outcome() == Outcome.BRACKETED) {
        List<Object> key = new ArrayList<>();
        lineKeys.forEach(c -> key.add(s.setting().template().columns().get(c)));
        lines.computeIfAbsent(Labels.setting(lineKeys, key), k -> new ArrayList<>()).add(s);
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    String symbol = search.symbol();
    double[] y = yRange(states, search);
    XYChart chart = Charts.panel("", "interpolation factor i (0 = ReLU end)",
        "tolerated " + symbol, y[0], y[1]);
    List<Figure.Key> legend = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, List<State>> line : lines.entrySet()) {
      List<State> points = new ArrayList<>(line.getValue());
      points.sort((a, b) -> Double.compare(i(a), i(b)));
      int n = points.size();
      double[] x = new double[n];
      double[] mid = new double[n];
      double[] low = new double[n];
      double[] high = new double[n];
      for (int j = 0; j < n; j++) {
        Walk w = points.get(j).walk();
        x[j] = i(points.get(j));
        low[j] = Math.min(w.passing(), w.failing());
        high[j] = Math.max(w.passing(), w.failing());
        mid[j] = (low[j] + high[j]) / 2;
      }
      Charts.line(chart, line.getKey(), x, mid, low, high, Charts.color(k),
          0.01 * (k - (lines.size() - 1) / 2.0));
      legend.add(new Figure.Key(line.getKey(), Charts.color(k), Figure.Style.LINE));
      k++;
    }
    return new Figure("Threshold search: " + search.label(), List.of(Charts.panelOf(chart)), 1,
        legend);
  }

  /**
   * The brackets with a margin of a resolution (or a tenth of their spread), rounded out to a
   * step of the resolution and kept within the searched range: brackets fill the panel.
   */
  static double[] yRange(List<State> states, ThresholdSearch search) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (State s : states) {
      if (s.walk().outcome() == Outcome.BRACKETED) {
        lo = Math.min(lo, Math.min(s.walk().passing(), s.walk().failing()));
        hi = Math.max(hi, Math.max(s.walk().passing(), s.walk().failing()));
      }
    }
    double step = search.resolution();
    double pad = Math.max(step, (hi - lo) / 10);
    return new double[] {Math.max(search.low(), Math.floor((lo - pad) / step) * step),
        Math.min(search.high(), Math.ceil((hi + pad) / step) * step)};
  }

  private static double i(State s) {
    return s.setting().template().activation().interpolation();
  }
}
