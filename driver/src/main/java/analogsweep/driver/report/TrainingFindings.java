package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Decides the paper's training claims from a sweep's runs (accuracies in percent):
 * <ul>
 *   <li>F2, per setting (every varying column but i): the gain from the ReLU end (lowest i) to
 *       the smooth end (highest i) paired by seed, with its 95% interval ({@link Intervals}); the
 *       slope of accuracy over i (mean of per-seed least-squares slopes) where at least three
 *       values of i were swept; and without noise (EP = 0 or no precision) whether the ends are
 *       equivalent: two one-sided tests at 5% each, that is the 90% interval of the gain inside
 *       +-{@value #EQUIVALENCE_MARGIN_POINTS} points.</li>
 *   <li>F3: the least-squares slope of the per-seed gain over a depth axis (conv_depth and
 *       linear_depth of the ConvNet, the linear model's number of hidden layers, vit_depth),
 *       with its t interval.</li>
 *   <li>F4: the ConvNet's gain minus the ViT's at matched settings of the axes they share
 *       (precision, EP, family, ...), each model's per-seed gains pooled over its own depths.</li>
 * </ul>
 * A setting whose two ends both average within {@value #CHANCE_BAND_POINTS} points above chance
 * (100 / classes, classes from the data) is flagged "at chance" and left out of slopes,
 * comparisons and summaries. F2 also comes in the authors' envelope view, where each seed's
 * accuracy at (model, depth, family, i, EP) is the maximum over the other swept axes. Each
 * statistic with several settings gets a summary row: how many intervals exclude zero on each
 * side, and the chance of as many by luck alone (binomial, 2.5% per side and setting).
 *
 * <p>The statistics it reads are {@link Gain}, {@link Intervals}, {@link Envelope} and
 * {@link DepthAxis}; the summary rows are {@link FindingSummary}'s.
 */
final class TrainingFindings {
  /** Both ends at most this many points above chance: "at chance". */
  static final double CHANCE_BAND_POINTS = 3.0;
  /** Without noise the ends count as equivalent within this many points. */
  static final double EQUIVALENCE_MARGIN_POINTS = 1.0;
  static final double LEVEL = 0.95;
  static final String POINTS = "pct points";

  private final SweepData data;
  private final List<Finding> findings = new ArrayList<>();

  private TrainingFindings(SweepData data) {
    this.data = data;
  }

  static List<Finding> of(SweepData data) {
    TrainingFindings f = new TrainingFindings(data);
    if (data.varying.contains("interpolation")) {
      f.interpolation(Finding.MEAN_VIEW, data.usable(), data.varyingExcept("interpolation"));
      f.envelope();
      f.depth();
      f.vitAgainstConvNet();
    }
    return f.findings;
  }

  private void interpolation(String view, List<Run> runs, List<String> keys) {
    List<Finding> gainRows = new ArrayList<>();
    List<Finding> slopeRows = new ArrayList<>();
    List<Finding> equivalenceRows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
      Gain gain = Gain.of(g.getKey(), g.getValue(), Run::accuracy);
      if (gain == null) {
        continue;
      }
      String setting = Labels.setting(keys, g.getKey());
      String ends = String.format(Locale.ROOT, "i=%s %s -> i=%s %s",
          Labels.value(gain.lowI()), Labels.percent(gain.lowEnd()), Labels.value(gain.highI()),
          Labels.percent(gain.highEnd()));
      if (!gain.noisy()) {
        Estimate e90 = Intervals.mean(gain.gains(), 0.90);
        Estimate e95 = Intervals.mean(gain.gains(), LEVEL);
        double m = EQUIVALENCE_MARGIN_POINTS;
        String verdict = gain.atChance() ? Finding.AT_CHANCE : e90.within(-m, m) ? Finding.HOLDS
            : e95.above(m) || e95.below(-m) ? Finding.CONTRADICTED : Finding.NOT_SHOWN;
        equivalenceRows.add(new Finding("F2", view, setting, "ends equivalent without noise "
            + "(90% interval within +-" + Labels.value(m) + " pts)", POINTS, e90, verdict, ends));
        continue;
      }
      Estimate e = Intervals.mean(gain.gains(), LEVEL);
      String verdict = gain.atChance() ? Finding.AT_CHANCE : Finding.above(e, 0);
      gainRows.add(new Finding("F2", view, setting, "gain from ReLU end to smooth end",
          POINTS, e, verdict, ends));
      Estimate slope = slopeOverI(g.getValue());
      if (slope != null) {
        slopeRows.add(new Finding("F2", view, setting, "slope of accuracy over i",
            "pct points per unit i", slope, gain.atChance() ? Finding.AT_CHANCE
                : Finding.above(slope, 0), "mean of per-seed least-squares slopes"));
      }
    }
    addWithSummary(gainRows, "noisy settings");
    addWithSummary(slopeRows, "noisy settings");
    addWithSummary(equivalenceRows, "noise-free settings");
  }

  /** The mean over seeds of each seed's least-squares slope of accuracy over i (3+ values). */
  private static Estimate slopeOverI(List<Run> runs) {
    if (SweepData.distinct(runs, "interpolation").size() < 3) {
      return null;
    }
    Map<Long, List<Run>> bySeed = new TreeMap<>();
    for (Run r : runs) {
      bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r);
    }
    List<Double> slopes = new ArrayList<>();
    for (List<Run> seedRuns : bySeed.values()) {
      double[] x = seedRuns.stream().mapToDouble(r -> r.number("interpolation")).toArray();
      double[] y = seedRuns.stream().mapToDouble(Run::accuracy).toArray();
      Estimate s = Intervals.slope(x, y, LEVEL);
      if (!Double.isNaN(s.value())) {
        slopes.add(s.value());
      }
    }
    return Intervals.mean(slopes.stream().mapToDouble(Double::doubleValue).toArray(), LEVEL);
  }

  /**
   * The authors' view: per seed and (kept columns), the maximum accuracy over the other swept
   * axes, then F2 on those maxima. Only where some swept axis is maximised over.
   */
  private void envelope() {
    List<String> over = Envelope.axes(data);
    if (over.isEmpty()) {
      return;
    }
    List<String> keys = Envelope.keys(data);
    keys.remove("interpolation");
    interpolation(Finding.ENVELOPE_VIEW, Envelope.runs(data), keys);
    // name what the envelope maximised over in every envelope row
    for (int k = 0; k < findings.size(); k++) {
      Finding f = findings.get(k);
      if (f.view().equals(Finding.ENVELOPE_VIEW)) {
        findings.set(k, new Finding(f.finding(), f.view(), f.setting(), f.statistic(), f.unit(),
            f.estimate(), f.verdict(), f.note() + "; max over " + String.join(", ", over)));
      }
    }
  }

  private void depth() {
    for (DepthAxis axis : DepthAxis.ALL) {
      List<Run> runs = axis.runs(data);
      if (runs.isEmpty()) {
        continue;
      }
      List<String> keys = axis.keys(data);
      List<Finding> rows = new ArrayList<>();
      for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
        Finding row = depthRow(axis, keys, g.getKey(), g.getValue());
        if (row != null) {
          rows.add(row);
        }
      }
      addWithSummary(rows, "noisy settings");
    }
  }

  private static Finding depthRow(DepthAxis axis, List<String> keys, List<Object> key,
      List<Run> runs) {
    Map<Double, List<Run>> byDepth = new TreeMap<>();
    for (Run r : runs) {
      byDepth.computeIfAbsent(axis.depth(r), d -> new ArrayList<>()).add(r);
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    List<String> perDepth = new ArrayList<>();
    List<String> atChance = new ArrayList<>();
    boolean noisy = false;
    for (Map.Entry<Double, List<Run>> d : byDepth.entrySet()) {
      Gain gain = Gain.of(key, d.getValue(), Run::accuracy);
      if (gain == null) {
        continue;
      }
      noisy |= gain.noisy();
      String depth = Labels.value(d.getKey());
      if (gain.atChance()) {
        atChance.add(depth);
        continue;
      }
      for (double g : gain.gains()) {
        xs.add(d.getKey());
        ys.add(g);
      }
      perDepth.add(depth + ": " + Labels.points(StatUtils.mean(gain.gains())));
    }
    if (!noisy || xs.isEmpty() && atChance.isEmpty()) {
      return null;
    }
    Estimate slope = Intervals.slope(xs.stream().mapToDouble(Double::doubleValue).toArray(),
        ys.stream().mapToDouble(Double::doubleValue).toArray(), LEVEL);
    String note = "mean gain by " + axis.name() + ": " + String.join(", ", perDepth)
        + (atChance.isEmpty() ? "" : "; at chance, left out: " + String.join(", ", atChance));
    String verdict = xs.isEmpty() ? Finding.AT_CHANCE : Finding.above(slope, 0);
    return new Finding("F3", Finding.MEAN_VIEW, Labels.setting(keys, key),
        "slope of gain over " + axis.name(), "pct points per layer", slope, verdict, note);
  }

  private void vitAgainstConvNet() {
    List<Run> runs = data.usable();
    if (runs.stream().noneMatch(r -> "vit".equals(r.get("model")))
        || runs.stream().noneMatch(r -> "convnet".equals(r.get("model")))) {
      return;
    }
    List<String> shared = data.varyingExcept(Labels.withRecipeFields(
        Labels.withSizeOptions("model", "interpolation")).toArray(String[]::new));
    List<String> own = data.varyingExcept("interpolation");
    List<Finding> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, shared).entrySet()) {
      Map<String, List<Double>> gains = new LinkedHashMap<>();
      Map<String, Integer> chance = new LinkedHashMap<>();
      boolean noisy = false;
      for (Gain gain : Gain.all(g.getValue(), own)) {
        String model = String.valueOf(gain.key().get(own.indexOf("model")));
        noisy |= gain.noisy();
        if (gain.atChance()) {
          chance.merge(model, 1, Integer::sum);
          continue;
        }
        for (double v : gain.gains()) {
          gains.computeIfAbsent(model, m -> new ArrayList<>()).add(v);
        }
      }
      if (!noisy || !gains.containsKey("convnet") && !chance.containsKey("convnet")
          || !gains.containsKey("vit") && !chance.containsKey("vit")) {
        continue;
      }
      double[] conv = gains.getOrDefault("convnet", List.of()).stream()
          .mapToDouble(Double::doubleValue).toArray();
      double[] vit = gains.getOrDefault("vit", List.of()).stream()
          .mapToDouble(Double::doubleValue).toArray();
      Estimate e = Intervals.difference(conv, vit, LEVEL);
      String note = String.format(Locale.ROOT, "ConvNet gain %s (%d), ViT gain %s (%d)",
          conv.length == 0 ? "-" : Labels.points(StatUtils.mean(conv)), conv.length,
          vit.length == 0 ? "-" : Labels.points(StatUtils.mean(vit)), vit.length)
          + (chance.isEmpty() ? "" : "; at chance, left out: " + chance);
      String verdict = conv.length == 0 || vit.length == 0 ? Finding.AT_CHANCE
          : Finding.above(e, 0);
      rows.add(new Finding("F4", Finding.MEAN_VIEW, Labels.setting(shared, g.getKey()),
          "ConvNet gain minus ViT gain", POINTS, e, verdict, note));
    }
    addWithSummary(rows, "settings");
  }

  /** Adds the rows and, for two or more, their summary ({@link FindingSummary}). */
  private void addWithSummary(List<Finding> rows, String what) {
    findings.addAll(rows);
    Finding summary = FindingSummary.of(rows, what);
    if (summary != null) {
      findings.add(summary);
    }
  }
}
