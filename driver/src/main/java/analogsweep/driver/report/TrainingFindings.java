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
 *       slope of accuracy over i (mean of per-seed least-squares slopes) where at least
 *       {@value #MIN_SLOPE_VALUES} values of i were swept (with fewer it repeats the gain); and
 *       without noise (EP = 0 or no precision) whether the ends are
 *       equivalent: two one-sided tests at 5% each, that is the 90% interval of the gain inside
 *       +-{@value #EQUIVALENCE_MARGIN_POINTS} points.</li>
 *   <li>F3: the least-squares slope of the per-seed gain over a depth axis (conv_depth and
 *       linear_depth of the ConvNet, the linear model's number of hidden layers, vit_depth),
 *       with its t interval.</li>
 *   <li>F4: the ConvNet's gain minus the ViT's at matched settings of the axes they share
 *       (precision, EP, family, ...), each model's per-seed gains pooled over its own depths.</li>
 * </ul>
 * A setting where either end averages within {@value #CHANCE_BAND_POINTS} points above chance
 * (100 / classes, classes from the data) is flagged "at chance" and left out of slopes,
 * comparisons and summaries: a network that does not train at one end says nothing about
 * smoothness. Where a training convention ({@link #CONVENTIONS}: the ReLU end's derivative at 0,
 * the classifier's activation) varies, F2 is decided under each value and a row says whether it
 * holds under all. Verdicts on fewer than {@value Finding#MIN_SEEDS} seeds (summaries: fewer than
 * {@value Finding#MIN_SETTINGS} settings) read "suggested" rather than "holds". F2 also comes in
 * the authors' envelope view, where each seed's accuracy at (model, depth, family, i, EP and the
 * conventions) is the maximum over the other swept axes. Each
 * statistic with several settings gets a summary row: how many intervals exclude zero on each
 * side, and the chance of as many by luck alone (binomial, 2.5% per side and setting). Where
 * {@code run --until-decided} added seeds while a setting was undecided, F2's means over seeds
 * get the group-sequential intervals of its {@link SequentialDesign} instead of fixed-n ones.
 *
 * <p>The statistics it reads are {@link Gain}, {@link Intervals}, {@link Envelope} and
 * {@link DepthAxis}; the summary rows are {@link FindingSummary}'s.
 */
final class TrainingFindings {
  /** An end at most this many points above chance: "at chance". */
  static final double CHANCE_BAND_POINTS = 3.0;
  /** Without noise the ends count as equivalent within this many points. */
  static final double EQUIVALENCE_MARGIN_POINTS = 1.0;
  static final double LEVEL = 0.95;
  static final String POINTS = "pct points";
  /** A slope over i is reported from this many values of i on; below, it repeats the gain. */
  static final int MIN_SLOPE_VALUES = 4;
  /**
   * Grid fields that are conventions of training, not settings of the paper: F2 is decided
   * under each of their values, and a row says whether it holds under all of them.
   */
  static final List<String> CONVENTIONS = List.of("relu_derivative_at_zero",
      "classifier_activation");

  private final SweepData data;
  /** The sequential design the seeds were added by; null for a fixed design. */
  private final SequentialDesign design;
  private final List<Finding> findings = new ArrayList<>();

  private TrainingFindings(SweepData data, SequentialDesign design) {
    this.data = data;
    this.design = design;
  }

  /** The findings of a fixed design: every setting has the seeds it was planned with. */
  static List<Finding> of(SweepData data) {
    return of(data, null);
  }

  /**
   * The findings; with a sequential {@code design} (seeds added while undecided), F2's
   * per-setting intervals are that design's ({@link SequentialDesign}), valid whenever it stopped.
   */
  static List<Finding> of(SweepData data, SequentialDesign design) {
    TrainingFindings f = new TrainingFindings(data, design);
    if (data.varying.contains("interpolation")) {
      f.interpolation(Finding.MEAN_VIEW, data.usable(), data.varyingExcept("interpolation"));
      f.envelope();
      f.depth();
      f.vitAgainstConvNet();
      f.nameEnvelopeAxes();
    }
    return f.findings;
  }

  /** A row with the setting it was decided at. */
  private record Decided(List<Object> key, Finding row) {}

  private void interpolation(String view, List<Run> runs, List<String> keys) {
    List<Decided> gainRows = new ArrayList<>();
    List<Finding> slopeRows = new ArrayList<>();
    List<Decided> equivalenceRows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
      Gain gain = Gain.of(g.getKey(), g.getValue(), Run::accuracy);
      if (gain == null) {
        continue;
      }
      String setting = Labels.setting(keys, g.getKey());
      String ends = String.format(Locale.ROOT, "i=%s %s -> i=%s %s",
          Labels.value(gain.lowI()), Labels.percent(gain.lowEnd()), Labels.value(gain.highI()),
          Labels.percent(gain.highEnd()))
          + (gain.atChance() ? "; " + gain.chanceNote() : "");
      if (!gain.noisy()) {
        Estimate e90 = mean(gain.gains(), 0.90);
        double m = EQUIVALENCE_MARGIN_POINTS;
        equivalenceRows.add(new Decided(g.getKey(), new Finding("F2", view, setting,
            "ends equivalent without noise (90% interval within +-" + Labels.value(m) + " pts)",
            POINTS, e90, equivalenceVerdict(gain, e90, mean(gain.gains(), LEVEL)), ends)));
        continue;
      }
      Estimate e = mean(gain.gains(), LEVEL);
      String verdict = gainVerdict(gain, e);
      gainRows.add(new Decided(g.getKey(), new Finding("F2", view, setting,
          "gain from ReLU end to smooth end", POINTS, e, verdict, ends
          + (design != null && negligible(verdict, e) ? "; negligible: the interval lies within "
              + "+-" + Labels.value(EQUIVALENCE_MARGIN_POINTS) + " pts" : ""))));
      Estimate slope = slopeOverI(g.getValue(), design);
      if (slope != null) {
        slopeRows.add(new Finding("F2", view, setting, "slope of accuracy over i",
            "pct points per unit i", slope, gain.atChance() ? Finding.AT_CHANCE
                : Finding.above(slope, 0, slope.n()), "mean of per-seed least-squares slopes"
                + " over " + SweepData.distinct(g.getValue(), "interpolation").size()
                + " values of i"));
      }
    }
    addWithSummary(gainRows.stream().map(Decided::row).toList(), "noisy settings");
    addWithSummary(slopeRows, "noisy settings");
    addWithSummary(equivalenceRows.stream().map(Decided::row).toList(), "noise-free settings");
    for (String convention : CONVENTIONS) {
      acrossConvention(view, keys, convention, gainRows, "noisy settings");
      acrossConvention(view, keys, convention, equivalenceRows, "noise-free settings");
    }
  }

  /** F2's verdict on a noisy setting's gain: above zero, at chance, ... ({@link Finding}). */
  static String gainVerdict(Gain gain, Estimate e) {
    return gain.atChance() ? Finding.AT_CHANCE : Finding.above(e, 0, gain.seeds());
  }

  /**
   * F2's verdict on a noise-free setting: equivalent where the 90% interval lies within the
   * margin, contradicted where the 95% interval lies beyond it.
   */
  static String equivalenceVerdict(Gain gain, Estimate e90, Estimate e95) {
    double m = EQUIVALENCE_MARGIN_POINTS;
    return gain.atChance() ? Finding.AT_CHANCE : Finding.weighed(e90.within(-m, m)
        ? Finding.HOLDS : e95.above(m) || e95.below(-m) ? Finding.CONTRADICTED
            : Finding.NOT_SHOWN, gain.seeds() >= Finding.MIN_SEEDS);
  }

  /** An undecided gain whose interval lies within the equivalence margin: no gain to find. */
  static boolean negligible(String verdict, Estimate e) {
    return verdict.equals(Finding.NOT_SHOWN)
        && e.within(-EQUIVALENCE_MARGIN_POINTS, EQUIVALENCE_MARGIN_POINTS);
  }

  /**
   * The level of F3's and F4's intervals, which pool the seeds of several settings: 95%, or where
   * seeds were added while F2 was undecided, the design's per-look level. An interval at that
   * level holds at every look together, so at whichever look the rounds stopped; the level was
   * calibrated for a mean over seeds, and slope and difference t statistics of accumulating
   * normal per-seed values follow it closely, not exactly.
   */
  private double poolLevel() {
    return design == null ? LEVEL : design.nominalLevel(LEVEL);
  }

  /** The pooled interval with its method naming the sequential level it used. */
  private Estimate pooled(Estimate e) {
    return design == null || !e.hasInterval() ? e : new Estimate(e.value(), e.low(), e.high(),
        e.n(), e.method() + String.format(Locale.ROOT, " at the group-sequential per-look "
            + "level %.2f%%", 100 * design.nominalLevel(LEVEL)));
  }

  /** A mean over seeds with its interval: the design's where seeds were added sequentially. */
  static Estimate mean(double[] values, double level, SequentialDesign design) {
    return design == null ? Intervals.mean(values, level) : design.mean(values, level);
  }

  private Estimate mean(double[] values, double level) {
    return mean(values, level, design);
  }

  /**
   * Where {@code convention} varies: F2 decided under each of its values (the one row, or a
   * summary of its settings), and a row on whether F2 holds under all of them: "holds" where it
   * holds under each, "contradicted" (or "suggested against") where it fails under one, "at
   * chance" where one value's settings are all at chance, else "suggested" or "not shown".
   */
  private void acrossConvention(String view, List<String> keys, String convention,
      List<Decided> rows, String what) {
    int k = keys.indexOf(convention);
    if (k < 0 || rows.isEmpty()) {
      return;
    }
    Map<Object, List<Finding>> byValue = new TreeMap<>(SweepData::compare);
    for (Decided d : rows) {
      byValue.computeIfAbsent(d.key().get(k), v -> new ArrayList<>()).add(d.row());
    }
    if (byValue.size() < 2) {
      return;
    }
    List<String> parts = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    List<Double> estimates = new ArrayList<>();
    int settings = 0;
    int fewest = Integer.MAX_VALUE;
    int most = 0;
    for (Map.Entry<Object, List<Finding>> v : byValue.entrySet()) {
      String label = Labels.of(convention, v.getKey());
      List<Finding> list = v.getValue();
      Finding decided = list.size() == 1 ? list.get(0)
          : FindingSummary.of(list, what + " with " + label);
      if (list.size() > 1) {
        findings.add(decided);
      }
      verdicts.add(decided.verdict());
      parts.add(label + ": " + decided.verdict() + " (" + (list.size() == 1
          ? Reports.estimate(decided) + " at " + decided.setting()
          : decided.settings() + " settings, mean " + Reports.number(decided,
              decided.estimate().value(), true)) + ")");
      if (!decided.verdict().equals(Finding.AT_CHANCE)) {
        estimates.add(decided.estimate().value());
        settings += decided.settings();
        fewest = Math.min(fewest, Finding.fewestSeeds(decided.seeds()));
        most = Math.max(most, Finding.fewestSeeds(decided.seeds()));
      }
    }
    String verdict = verdicts.stream().anyMatch(Finding.CONTRADICTED::equals)
        ? Finding.CONTRADICTED
        : verdicts.stream().anyMatch(Finding::againstClaim) ? Finding.SUGGESTED_AGAINST
            : verdicts.stream().anyMatch(Finding.AT_CHANCE::equals) ? Finding.AT_CHANCE
                : verdicts.stream().allMatch(Finding.HOLDS::equals) ? Finding.HOLDS
                    : verdicts.stream().allMatch(Finding::forClaim) ? Finding.SUGGESTED
                        : Finding.NOT_SHOWN;
    Finding first = rows.get(0).row();
    double mean = estimates.stream().mapToDouble(Double::doubleValue).average()
        .orElse(Double.NaN);
    findings.add(new Finding("F2", view, Labels.across(convention, byValue.keySet()),
        first.statistic() + " under each value", first.unit(),
        Estimate.none(mean, byValue.size(), "summary of conventions"), verdict,
        String.join("; ", parts), settings, settings == 0 ? "" : Finding.seeds(fewest, most)));
  }

  /**
   * The mean over seeds of each seed's least-squares slope of accuracy over i, where at least
   * {@value #MIN_SLOPE_VALUES} values of i were swept (with fewer it repeats the gain).
   */
  private static Estimate slopeOverI(List<Run> runs, SequentialDesign design) {
    if (SweepData.distinct(runs, "interpolation").size() < MIN_SLOPE_VALUES) {
      return null;
    }
    Map<Long, List<Run>> bySeed = new TreeMap<>();
    for (Run r : runs) {
      bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r);
    }
    double[] slopes = bySeed.values().stream().mapToDouble(TrainingFindings::slopeOverI)
        .filter(v -> !Double.isNaN(v)).toArray();
    return mean(slopes, LEVEL, design);
  }

  /** One seed's least-squares slope of accuracy over i. */
  private static double slopeOverI(List<Run> seedRuns) {
    double[] i = seedRuns.stream().mapToDouble(r -> r.number("interpolation")).toArray();
    double[] accuracy = seedRuns.stream().mapToDouble(Run::accuracy).toArray();
    return Intervals.slopeOnly(i, accuracy);
  }

  /**
   * The authors' view: per seed and (kept columns), the maximum accuracy over the other swept
   * axes, then F2 on those maxima. Only where some swept axis is maximised over.
   */
  private void envelope() {
    if (Envelope.axes(data).isEmpty()) {
      return;
    }
    List<String> keys = Envelope.keys(data);
    keys.remove("interpolation");
    interpolation(Finding.ENVELOPE_VIEW, Envelope.runs(data), keys);
  }

  /** Names what the envelope maximised over in every envelope row (F2's and F3's). */
  private void nameEnvelopeAxes() {
    List<String> over = Envelope.axes(data);
    for (int k = 0; k < findings.size(); k++) {
      Finding f = findings.get(k);
      if (f.view().equals(Finding.ENVELOPE_VIEW)) {
        findings.set(k, new Finding(f.finding(), f.view(), f.setting(), f.statistic(), f.unit(),
            f.estimate(), f.verdict(), f.note() + "; max over " + String.join(", ", over),
            f.settings(), f.seeds()));
      }
    }
  }

  /**
   * F3 over every depth axis that varies, in the mean view and, where some other swept axis is
   * maximised over (the authors' depth figures take the best over p and colour), in the envelope.
   */
  private void depth() {
    depth(Finding.MEAN_VIEW, data.usable(), data.varying);
    if (!Envelope.axes(data).isEmpty()) {
      depth(Finding.ENVELOPE_VIEW, Envelope.runs(data), Envelope.keys(data));
    }
  }

  private void depth(String view, List<Run> usable, List<String> varying) {
    for (DepthAxis axis : DepthAxis.ALL) {
      List<Run> runs = axis.runs(usable);
      if (runs.isEmpty()) {
        continue;
      }
      List<String> keys = axis.keys(varying);
      List<Finding> rows = new ArrayList<>();
      for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
        Finding row = depthRow(view, axis, keys, g.getKey(), g.getValue());
        if (row != null) {
          rows.add(row);
        }
      }
      addWithSummary(rows, "noisy settings");
    }
  }

  private Finding depthRow(String view, DepthAxis axis, List<String> keys, List<Object> key,
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
    int fewest = Integer.MAX_VALUE;
    int most = 0;
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
      fewest = Math.min(fewest, gain.seeds());
      most = Math.max(most, gain.seeds());
      perDepth.add(depth + ": " + Labels.points(StatUtils.mean(gain.gains())));
    }
    if (!noisy || xs.isEmpty() && atChance.isEmpty()) {
      return null;
    }
    double[] depths = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] gains = ys.stream().mapToDouble(Double::doubleValue).toArray();
    Estimate slope = pooled(Intervals.slope(depths, gains, poolLevel()));
    String note = "mean gain by " + axis.name() + ": " + String.join(", ", perDepth)
        + (atChance.isEmpty() ? "" : "; at chance, left out: " + String.join(", ", atChance));
    String verdict = xs.isEmpty() ? Finding.AT_CHANCE
        : Finding.weighed(Finding.above(slope, 0), fewest >= Finding.MIN_SEEDS);
    return new Finding("F3", view, Labels.setting(keys, key),
        "slope of gain over " + axis.name(), "pct points per layer", slope, verdict, note,
        perDepth.size(), xs.isEmpty() ? "" : Finding.seeds(fewest, most));
  }

  /**
   * F4 at each setting of the axes both models share (EP, p, R'(0), ...). Where one model's runs
   * vary in a field the other does not share (the ConvNet's classifier activation, its depths, a
   * recipe field), each of its variants gets its own row against each of the other's, named by
   * the fields that vary within that model; a sweep with one variant per model gets one row per
   * shared setting.
   */
  private void vitAgainstConvNet() {
    List<Run> runs = data.usable();
    if (runs.stream().noneMatch(r -> "vit".equals(r.get("model")))
        || runs.stream().noneMatch(r -> "convnet".equals(r.get("model")))) {
      return;
    }
    List<String> shared = data.varyingExcept(Labels.withRecipeFields(
        Labels.withSizeOptions("model", "interpolation")).toArray(String[]::new));
    List<String> own = data.varyingExcept("interpolation");
    List<String> variant = own.stream()
        .filter(c -> !"model".equals(c) && !shared.contains(c)).toList();
    List<Finding> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, shared).entrySet()) {
      Map<String, ModelGains> byModel = Map.of("convnet", new ModelGains(),
          "vit", new ModelGains());
      boolean noisy = false;
      for (Gain gain : Gain.all(g.getValue(), own)) {
        ModelGains m = byModel.get(String.valueOf(gain.key().get(own.indexOf("model"))));
        if (m == null) {
          continue;
        }
        noisy |= gain.noisy();
        m.add(gain.values(own, variant), gain);
      }
      ModelGains convnet = byModel.get("convnet");
      ModelGains vit = byModel.get("vit");
      if (!noisy || convnet.variants.isEmpty() || vit.variants.isEmpty()) {
        continue;
      }
      String setting = Labels.setting(shared, g.getKey());
      for (List<Object> cv : convnet.variants.keySet()) {
        for (List<Object> vv : vit.variants.keySet()) {
          String named = convnet.named("ConvNet", variant, cv) + vit.named("ViT", variant, vv);
          rows.add(f4("all".equals(setting) && !named.isEmpty() ? named.substring(2)
              : setting + named, convnet.variants.get(cv), vit.variants.get(vv)));
        }
      }
    }
    addWithSummary(rows, "settings");
  }

  /** One F4 row: the ConvNet's gains against the ViT's, settings at chance left out. */
  private Finding f4(String setting, Variant convnet, Variant vit) {
    double[] conv = convnet.gains();
    double[] v = vit.gains();
    Estimate e = pooled(Intervals.difference(conv, v, poolLevel()));
    Map<String, Integer> chance = new LinkedHashMap<>();
    if (convnet.atChance > 0) {
      chance.put("convnet", convnet.atChance);
    }
    if (vit.atChance > 0) {
      chance.put("vit", vit.atChance);
    }
    String note = String.format(Locale.ROOT, "ConvNet gain %s (%d), ViT gain %s (%d)",
        conv.length == 0 ? "-" : Labels.points(StatUtils.mean(conv)), conv.length,
        v.length == 0 ? "-" : Labels.points(StatUtils.mean(v)), v.length)
        + (chance.isEmpty() ? "" : "; an end at chance, left out: " + chance);
    int fewest = Math.min(conv.length, v.length);
    String verdict = conv.length == 0 || v.length == 0 ? Finding.AT_CHANCE
        : Finding.above(e, 0, fewest);
    return new Finding("F4", Finding.MEAN_VIEW, setting, "ConvNet gain minus ViT gain", POINTS,
        e, verdict, note, 1,
        fewest == 0 ? "" : Finding.seeds(fewest, Math.max(conv.length, v.length)));
  }

  /** One model's settings of the fields the other model does not share. */
  private static final class ModelGains {
    final Map<List<Object>, Variant> variants = new TreeMap<>(SweepData::compareKeys);

    void add(List<Object> key, Gain gain) {
      Variant v = variants.computeIfAbsent(key, k -> new Variant());
      if (gain.atChance()) {
        v.atChance++;
      } else {
        for (double g : gain.gains()) {
          v.gains.add(g);
        }
      }
    }

    /** "; ConvNet classifier act=off": the fields that vary among this model's variants. */
    String named(String model, List<String> fields, List<Object> key) {
      String named = Labels.amongVariants(variants.keySet(), fields, key);
      return named.isEmpty() ? "" : "; " + model + " " + named;
    }
  }

  /** The gains of one model's variant, and how many of its settings sat at chance. */
  private static final class Variant {
    final List<Double> gains = new ArrayList<>();
    int atChance;

    /** The gains, in the order added, as the interval methods take them. */
    double[] gains() {
      return gains.stream().mapToDouble(Double::doubleValue).toArray();
    }
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
