package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.BinomialDistribution;
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
 */
final class TrainingFindings {
  /** Both ends at most this many points above chance: "at chance". */
  static final double CHANCE_BAND_POINTS = 3.0;
  /** Without noise the ends count as equivalent within this many points. */
  static final double EQUIVALENCE_MARGIN_POINTS = 1.0;
  static final double LEVEL = 0.95;
  static final String POINTS = "pct points";

  /** Columns the envelope keeps; it takes the maximum over every other swept axis. */
  static final List<String> ENVELOPE_KEEPS = Labels.withSizeOptions("model", "data_path",
      "family", "interpolation", "error_probability");

  /** A depth axis of one model; {@code coVarying} columns follow it and are no setting. */
  record DepthAxis(String name, String model, List<String> coVarying) {
    double depth(Run r) {
      if (name.equals("hidden_layers")) {
        Object sizes = r.get("hidden_sizes");
        return sizes instanceof List<?> l ? l.size() : Double.NaN;
      }
      return r.number(name);
    }

    /** The usable runs of this axis's model, or none where its depth does not vary. */
    List<Run> runs(SweepData data) {
      List<Run> runs = data.usable().stream().filter(r -> model.equals(r.get("model"))).toList();
      long depths = runs.stream().mapToDouble(this::depth).filter(d -> !Double.isNaN(d))
          .distinct().count();
      return depths < 2 ? List.of() : runs;
    }

    /** The setting columns of this axis: every varying one but i, the axis and what follows it. */
    List<String> keys(SweepData data) {
      List<String> keys = data.varyingExcept("interpolation", name);
      keys.removeAll(coVarying);
      return keys;
    }
  }

  static final List<DepthAxis> DEPTH_AXES = List.of(
      new DepthAxis("conv_depth", "convnet", List.of()),
      new DepthAxis("linear_depth", "convnet", List.of("hidden_sizes")),
      new DepthAxis("hidden_layers", "linear", List.of("hidden_sizes", "linear_depth")),
      new DepthAxis("vit_depth", "vit", List.of()));

  /** The gain of one setting: per-seed gains and both ends' means. */
  record Gain(List<Object> key, double lowI, double highI, double[] gains, double lowEnd,
      double highEnd, double chance, boolean noisy) {
    boolean atChance() {
      return lowEnd <= chance + CHANCE_BAND_POINTS && highEnd <= chance + CHANCE_BAND_POINTS;
    }
  }

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

  /** The gains per setting of {@code keys} (the other columns must not vary within a key). */
  static List<Gain> gains(List<Run> runs, List<String> keys) {
    List<Gain> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
      Gain gain = gain(g.getKey(), g.getValue(), r -> r.accuracy());
      if (gain != null) {
        out.add(gain);
      }
    }
    return out;
  }

  /** Pairs the lowest and the highest i by seed; null where the setting lacks an end. */
  static Gain gain(List<Object> key, List<Run> runs, ToDoubleFunction<Run> accuracy) {
    double lo = runs.stream().mapToDouble(r -> r.number("interpolation")).min().orElse(0);
    double hi = runs.stream().mapToDouble(r -> r.number("interpolation")).max().orElse(0);
    if (lo == hi) {
      return null;
    }
    Map<Long, Double> low = bySeed(runs, lo, accuracy);
    Map<Long, Double> high = bySeed(runs, hi, accuracy);
    low.keySet().retainAll(high.keySet());
    high.keySet().retainAll(low.keySet());
    if (low.isEmpty()) {
      return null;
    }
    double[] gains = new double[low.size()];
    double[] lows = new double[low.size()];
    double[] highs = new double[low.size()];
    int k = 0;
    for (Long seed : low.keySet()) {
      lows[k] = low.get(seed);
      highs[k] = high.get(seed);
      gains[k] = highs[k] - lows[k];
      k++;
    }
    Run first = runs.get(0);
    boolean noisy = first.get("precision") != null && first.number("error_probability") > 0;
    return new Gain(key, lo, hi, gains, StatUtils.mean(lows), StatUtils.mean(highs),
        first.chance(), noisy);
  }

  /** Accuracy per seed at one i; several runs of a seed there (envelope input) average. */
  private static Map<Long, Double> bySeed(List<Run> runs, double i,
      ToDoubleFunction<Run> accuracy) {
    Map<Long, List<Double>> values = new TreeMap<>();
    for (Run r : runs) {
      if (r.number("interpolation") == i) {
        values.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(accuracy.applyAsDouble(r));
      }
    }
    Map<Long, Double> out = new TreeMap<>();
    values.forEach((s, v) -> out.put(s, v.stream().mapToDouble(Double::doubleValue).average()
        .orElseThrow()));
    return out;
  }

  private void interpolation(String view, List<Run> runs, List<String> keys) {
    List<Finding> gainRows = new ArrayList<>();
    List<Finding> slopeRows = new ArrayList<>();
    List<Finding> equivalenceRows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
      Gain gain = gain(g.getKey(), g.getValue(), Run::accuracy);
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
    List<String> over = envelopeAxes(data);
    if (over.isEmpty()) {
      return;
    }
    List<String> keys = envelopeKeys(data);
    keys.remove("interpolation");
    interpolation(Finding.ENVELOPE_VIEW, envelopeRuns(data), keys);
    // name what the envelope maximised over in every envelope row
    for (int k = 0; k < findings.size(); k++) {
      Finding f = findings.get(k);
      if (f.view().equals(Finding.ENVELOPE_VIEW)) {
        findings.set(k, new Finding(f.finding(), f.view(), f.setting(), f.statistic(), f.unit(),
            f.estimate(), f.verdict(), f.note() + "; max over " + String.join(", ", over)));
      }
    }
  }

  /** The swept axes the envelope maximises over; empty where it equals the mean view. */
  static List<String> envelopeAxes(SweepData data) {
    return data.varyingExcept(ENVELOPE_KEEPS.toArray(String[]::new));
  }

  /** The varying columns the envelope keeps. */
  static List<String> envelopeKeys(SweepData data) {
    List<String> kept = new ArrayList<>(data.varying);
    kept.retainAll(ENVELOPE_KEEPS);
    return kept;
  }

  /** Per seed and kept setting, the run with the highest accuracy over the other axes. */
  static List<Run> envelopeRuns(SweepData data) {
    List<String> kept = envelopeKeys(data);
    Map<List<Object>, Run> best = new LinkedHashMap<>();
    for (Run r : data.usable()) {
      List<Object> key = new ArrayList<>();
      for (String c : kept) {
        key.add(r.get(c));
      }
      key.add(r.seed());
      best.merge(key, r, (a, b) -> b.accuracy() > a.accuracy() ? b : a);
    }
    return List.copyOf(best.values());
  }

  private void depth() {
    for (DepthAxis axis : DEPTH_AXES) {
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
      Gain gain = gain(key, d.getValue(), Run::accuracy);
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
    List<String> shared = data.varyingExcept(Labels.withSizeOptions("model", "interpolation")
        .toArray(String[]::new));
    List<String> own = data.varyingExcept("interpolation");
    List<Finding> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, shared).entrySet()) {
      Map<String, List<Double>> gains = new LinkedHashMap<>();
      Map<String, Integer> chance = new LinkedHashMap<>();
      boolean noisy = false;
      for (Gain gain : gains(g.getValue(), own)) {
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

  /**
   * Adds the rows and, for two or more, a summary: how many hold and how many are
   * contradicted among those not at chance, with the binomial chance of at least as many
   * intervals above zero if there were no effect anywhere (2.5% per interval and side).
   */
  private void addWithSummary(List<Finding> rows, String what) {
    findings.addAll(rows);
    if (rows.size() < 2) {
      return;
    }
    Finding first = rows.get(0);
    int holds = 0;
    int contradicted = 0;
    int atChance = 0;
    List<Double> estimates = new ArrayList<>();
    for (Finding f : rows) {
      switch (f.verdict()) {
        case Finding.HOLDS -> holds++;
        case Finding.CONTRADICTED -> contradicted++;
        case Finding.AT_CHANCE -> atChance++;
        default -> { }
      }
      if (!f.verdict().equals(Finding.AT_CHANCE) && !Double.isNaN(f.estimate().value())) {
        estimates.add(f.estimate().value());
      }
    }
    int tested = rows.size() - atChance;
    boolean equivalence = first.statistic().startsWith("ends equivalent");
    String verdict;
    String note = String.format(Locale.ROOT, "%d of %d %s %s, %d contradicted, %d at chance "
        + "(left out)", holds, tested, what, equivalence ? "equivalent" : "exclude zero above",
        contradicted, atChance);
    if (equivalence) {
      verdict = tested > 0 && holds == tested ? Finding.HOLDS
          : contradicted > 0 ? Finding.CONTRADICTED : Finding.NOT_SHOWN;
    } else {
      double pAbove = tested == 0 ? 1 : upperTail(tested, holds);
      double pBelow = tested == 0 ? 1 : upperTail(tested, contradicted);
      if (holds > 0) {
        note += String.format(Locale.ROOT, "; by luck alone P(>= %d above) = %s", holds,
            Table.number(pAbove, 2));
      }
      verdict = holds > 0 && contradicted == 0 && pAbove < 0.05 ? Finding.HOLDS
          : contradicted > 0 && holds == 0 && pBelow < 0.05 ? Finding.CONTRADICTED
              : tested == 0 ? Finding.AT_CHANCE : Finding.NOT_SHOWN;
    }
    double mean = estimates.isEmpty() ? Double.NaN
        : estimates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    findings.add(new Finding(first.finding(), first.view(), "summary over " + what,
        first.statistic() + " (mean over settings)", first.unit(),
        Estimate.none(mean, tested, "summary of settings"), verdict, note));
  }

  /** P(X >= k) for X ~ Binomial(n, 0.025). */
  static double upperTail(int n, int k) {
    return k == 0 ? 1 : 1 - new BinomialDistribution(null, n, 0.025).cumulativeProbability(k - 1);
  }
}
