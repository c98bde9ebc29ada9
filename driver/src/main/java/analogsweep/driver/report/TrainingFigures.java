package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import analogsweep.driver.report.LinePanels.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a training sweep, each a {@link Figure} whose headline states the answer (the
 * finding's estimate, interval, verdict, settings and seeds; {@link #verdict}) and then names the
 * view and the interval: accuracy against i (mean over seeds, and the authors' envelope where it
 * differs), the gain against EP or p, the gain over (p, EP) as heatmaps on one colour scale, the
 * gain against depth with its fitted slope, ConvNet against ViT, and accuracy against GSD where
 * leak or gate scale vary. Accuracy and gains are in percent; bars are 95% intervals over seeds
 * ({@link Intervals}); chance is a dashed line.
 */
final class TrainingFigures {
  /** A named figure with the sentence the report puts under it. */
  record Named(String name, Figure figure, String caption) {}

  private final SweepData data;
  /** The findings the headlines state. */
  private final List<Finding> findings;
  private final List<Named> out = new ArrayList<>();
  /** {@link #byModel()}, once. */
  private List<String> byModel;

  private TrainingFigures(SweepData data, List<Finding> findings) {
    this.data = data;
    this.findings = List.copyOf(findings);
  }

  static List<Named> of(SweepData data) {
    return of(data, TrainingFindings.of(data));
  }

  /** The figures, each headline led by the verdict of the finding it shows. */
  static List<Named> of(SweepData data, List<Finding> findings) {
    TrainingFigures f = new TrainingFigures(data, findings);
    if (data.varying.contains("interpolation") && !data.usable().isEmpty()) {
      f.accuracy("accuracy_vs_interpolation", Finding.MEAN_VIEW, data.usable(),
          data.varyingExcept("family", "interpolation"), r -> r.number("interpolation"),
          "interpolation factor i", f::lineOf);
      f.accuracyOverDepth();
      if (!Envelope.axes(data).isEmpty()) {
        List<String> keys = Envelope.keys(data);
        keys.removeAll(List.of("family", "interpolation"));
        f.accuracy("accuracy_vs_interpolation_envelope", "envelope (max over "
            + String.join(", ", Envelope.axes(data)) + ")",
            Envelope.runs(data), keys, r -> r.number("interpolation"),
            "interpolation factor i", f::lineOf);
      }
      if (data.varying.contains("leak") || data.varying.contains("gate_scale")) {
        f.accuracy("accuracy_vs_gsd", Finding.MEAN_VIEW, data.usable(),
            data.varyingExcept("family", "interpolation", "leak", "gate_scale"), Run::gsd,
            "gradient step discontinuity GSD", f::lineOf);
      }
      f.gainAgainst();
      f.heatmap();
      f.depth();
      f.models();
    }
    return f.out;
  }

  private String lineOf(Run r) {
    return String.valueOf(r.get("family"));
  }

  /** The line of one family at one end of i, for figures whose x axis is not i. */
  private String endOf(Run r) {
    return r.get("family") + " i=" + Labels.value(r.number("interpolation"));
  }

  /**
   * Where i has only its two ends and a depth varies, accuracy against depth (one line per
   * end) says more than two points per panel against i.
   */
  private void accuracyOverDepth() {
    if (SweepData.distinct(data.usable(), "interpolation").size() != 2) {
      return;
    }
    for (DepthAxis axis : DepthAxis.ALL) {
      List<Run> runs = axis.runs(data);
      if (runs.isEmpty()) {
        continue;
      }
      List<String> keys = axis.keys(data);
      keys.remove("family");
      accuracy("accuracy_vs_" + axis.name(), Finding.MEAN_VIEW, runs, keys, axis::depth,
          axis.name().replace('_', ' '), this::endOf);
    }
  }

  /** The family of a sweep that does not vary it. */
  private String family() {
    return String.valueOf(data.runs.get(0).get("family"));
  }

  private String key(Run r, List<String> columns) {
    List<Object> values = new ArrayList<>();
    for (String c : columns) {
      values.add(r.get(c));
    }
    return panel(columns, values);
  }

  /** A panel's title: its setting, led by p and EP where the sweep keeps them fixed. */
  private String panel(List<String> columns, List<Object> values) {
    if (columns.isEmpty()) {
      return fixed().isEmpty() ? "all" : fixed();
    }
    List<String> kept = new ArrayList<>();
    List<Object> keptValues = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      if (!byModel().contains(columns.get(k))) {
        kept.add(columns.get(k));
        keptValues.add(values.get(k));
      }
    }
    return Labels.setting(kept, keptValues);
  }

  /**
   * Varying training choices each model makes one way (in a joined report the ViT's cosine
   * schedule against the ConvNet's fixed one): the model's name in a panel title says them, so
   * the title leaves them out and fits its panel. Empty where the model does not vary.
   */
  private List<String> byModel() {
    if (byModel == null) {
      List<String> sizes = Labels.withSizeOptions("model"); // model and its depths stay
      byModel = new ArrayList<>();
      if (data.varying.contains("model")) {
        for (String c : data.varying) {
          Map<Object, Set<Object>> values = new HashMap<>();
          for (Run r : data.runs) {
            values.computeIfAbsent(r.get("model"), m -> new HashSet<>()).add(r.get(c));
          }
          if (!sizes.contains(c) && !c.equals("data_path")
              && values.values().stream().allMatch(v -> v.size() == 1)) {
            byModel.add(c);
          }
        }
      }
    }
    return byModel;
  }

  /**
   * The precision and EP every run shares ("p=64 EP=0.5"), or "": the title of a figure's one
   * panel, else said once in its headline ({@link #everyPanel}), so that panel titles stay short
   * enough for the panel.
   */
  private String fixed() {
    List<String> cols = new ArrayList<>();
    List<Object> vals = new ArrayList<>();
    for (String c : List.of("precision", "error_probability")) {
      if (!data.varying.contains(c) && !data.runs.isEmpty()) {
        cols.add(c);
        vals.add(data.runs.get(0).get(c));
      }
    }
    return cols.isEmpty() ? "" : Labels.setting(cols, vals);
  }

  /** "; every panel at p=64 EP=0.5" where the panels' titles leave the fixed settings out. */
  private String everyPanel(List<String> panelKeys) {
    return panelKeys.isEmpty() || fixed().isEmpty() ? "" : "; every panel at " + fixed();
  }

  private void accuracy(String name, String view, List<Run> runs, List<String> panelKeys,
      ToDoubleFunction<Run> x, String xTitle, Function<Run, String> lineOf) {
    Map<List<Object>, List<Double>> cells = new LinkedHashMap<>();
    Map<List<Object>, Double> chance = new LinkedHashMap<>();
    // each run's panel title made once, not at every comparison of the sort
    Map<Run, String> keys = new IdentityHashMap<>();
    Map<Run, List<Object>> panelValues = new IdentityHashMap<>();
    for (Run r : runs) {
      keys.put(r, key(r, panelKeys));
      panelValues.put(r, panelKeys.stream().map(r::get).toList());
    }
    // panels in the order of their values (p=4 before p=16), not of their titles' text
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> {
      int c = SweepData.compareKeys(panelValues.get(a), panelValues.get(b));
      c = c != 0 ? c : keys.get(a).compareTo(keys.get(b));
      return c != 0 ? c : Double.compare(x.applyAsDouble(a), x.applyAsDouble(b));
    });
    for (Run r : sorted) {
      List<Object> cell = List.of(keys.get(r), lineOf.apply(r), x.applyAsDouble(r));
      cells.computeIfAbsent(cell, k -> new ArrayList<>()).add(r.accuracy());
      chance.put(cell, r.chance());
    }
    List<Point> points = new ArrayList<>();
    cells.forEach((cell, values) -> points.add(new Point((String) cell.get(0),
        (String) cell.get(1), (Double) cell.get(2),
        values.stream().mapToDouble(Double::doubleValue).toArray(), false, chance.get(cell))));
    String answer = xTitle.equals("interpolation factor i") ? f2Headline(
        view.startsWith(Finding.ENVELOPE_VIEW) ? Finding.ENVELOPE_VIEW : view, true) : "";
    Figure figure = LinePanels.draw(answer + view + "; bars: 95% intervals over seeds; dashed: "
        + "chance; y axis scaled to each panel's data" + everyPanel(panelKeys), points, xTitle,
        "max test accuracy (%)", true);
    out.add(new Named(name, figure,
        "Maximum test accuracy (percent) against " + xTitle + ", " + view + "; bars are 95% "
            + "intervals over seeds, the dashed line is chance."));
  }

  /** The gain (smooth end minus ReLU end, paired by seed) against EP, else against p. */
  private void gainAgainst() {
    String x = data.varying.contains("error_probability") ? "error_probability"
        : data.varying.contains("precision") ? "precision" : null;
    if (x == null) {
      return;
    }
    List<String> keys = data.varyingExcept("interpolation");
    List<String> panelKeys = data.varyingExcept("interpolation", "family", x);
    List<Point> points = new ArrayList<>();
    for (Gain g : data.gains(keys)) {
      Object xv = g.key().get(keys.indexOf(x));
      if (xv == null) {
        continue;
      }
      List<Object> panelValues = new ArrayList<>();
      for (String c : panelKeys) {
        panelValues.add(g.key().get(keys.indexOf(c)));
      }
      String line = keys.contains("family") ? String.valueOf(g.key().get(keys.indexOf("family")))
          : family();
      points.add(new Point(panel(panelKeys, panelValues), line,
          ((Number) xv).doubleValue(), g.gains(), g.atChance(), g.chance()));
    }
    if (points.isEmpty()) {
      return;
    }
    String xTitle = x.equals("precision") ? "precision p" : "error probability EP";
    Figure figure = LinePanels.draw(f2Headline(Finding.MEAN_VIEW, false) + Finding.MEAN_VIEW
        + "; gain = smooth end - ReLU end, paired by seed; bars: 95% intervals"
        + everyPanel(panelKeys), points, xTitle, "gain (pct points)", false);
    out.add(new Named("gain_vs_" + x, figure, "Gain in accuracy from the ReLU end to the "
        + "smooth end (percentage points) against " + xTitle + ", paired by seed; bars are 95% "
        + "intervals; grey bars mark settings where an end is at chance."));
  }

  /** Mean gain over (p, EP), one panel per other setting, one colour scale for all. */
  private void heatmap() {
    if (!data.varying.contains("precision") || !data.varying.contains("error_probability")) {
      return;
    }
    List<String> keys = data.varyingExcept("interpolation");
    List<String> panelKeys = data.varyingExcept("interpolation", "precision",
        "error_probability");
    List<Gain> gains = data.gains(keys);
    List<Object> ps = new ArrayList<>(new LinkedHashSet<>(gains.stream()
        .map(g -> g.key().get(keys.indexOf("precision"))).toList()));
    List<Object> eps = new ArrayList<>(new LinkedHashSet<>(gains.stream()
        .map(g -> g.key().get(keys.indexOf("error_probability"))).toList()));
    ps.sort(SweepData::compare);
    eps.sort(SweepData::compare);
    Map<String, Map<List<Integer>, Double>> panels = new TreeMap<>();
    List<Double> all = new ArrayList<>();
    for (Gain g : gains) {
      List<Object> panelValues = new ArrayList<>();
      for (String c : panelKeys) {
        panelValues.add(g.key().get(keys.indexOf(c)));
      }
      Map<List<Integer>, Double> cells = panels.computeIfAbsent(
          panel(panelKeys, panelValues), k -> new LinkedHashMap<>());
      if (!g.atChance()) {
        double mean = Intervals.meanOnly(g.gains());
        cells.put(List.of(eps.indexOf(g.key().get(keys.indexOf("error_probability"))),
            ps.indexOf(g.key().get(keys.indexOf("precision")))), mean);
        all.add(mean);
      }
    }
    double bound = Charts.symmetricBound(all);
    List<Figure.Panel> charts = new ArrayList<>();
    List<String> xs = eps.stream().map(Labels::value).toList();
    List<String> ys = ps.stream().map(Labels::value).toList();
    for (Map.Entry<String, Map<List<Integer>, Double>> p : panels.entrySet()) {
      charts.add(new GainHeatmapPanel(p.getKey(), xs, ys, p.getValue(), bound));
    }
    out.add(new Named("gain_heatmap", new Figure(Finding.MEAN_VIEW + "; mean gain in pct "
        + "points, one colour scale from -" + Labels.value(bound) + " to +"
        + Labels.value(bound) + "; empty: an end at chance or not run", charts, 3,
        List.of()), "Mean gain (percentage points) over precision p (bits = log2 p) and EP; "
            + "blue where the smooth end is better, red where worse, on one scale for all "
            + "panels; empty cells: an end at chance, or not in the sweep."));
  }

  private void depth() {
    for (DepthAxis axis : DepthAxis.ALL) {
      List<Run> runs = axis.runs(data);
      if (runs.isEmpty()) {
        continue;
      }
      List<String> keys = axis.keys(data);
      List<String> panelKeys = new ArrayList<>(keys);
      panelKeys.remove("family");
      List<Point> points = new ArrayList<>();
      for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
        Map<Double, List<Run>> byDepth = new TreeMap<>();
        for (Run r : g.getValue()) {
          byDepth.computeIfAbsent(axis.depth(r), d -> new ArrayList<>()).add(r);
        }
        List<Object> panelValues = new ArrayList<>();
        for (String c : panelKeys) {
          panelValues.add(g.getKey().get(keys.indexOf(c)));
        }
        String panel = panel(panelKeys, panelValues);
        String line = keys.contains("family")
            ? String.valueOf(g.getKey().get(keys.indexOf("family"))) : family();
        for (Map.Entry<Double, List<Run>> d : byDepth.entrySet()) {
          Gain gain = Gain.of(g.getKey(), d.getValue(), Run::accuracy);
          if (gain == null || !gain.noisy()) {
            continue;
          }
          points.add(new Point(panel, line, d.getKey(), gain.gains(), gain.atChance(),
              gain.chance()));
        }
      }
      if (points.isEmpty()) {
        continue;
      }
      String xTitle = axis.name().replace('_', ' ');
      Figure figure = LinePanels.draw(headline("F3", Finding.MEAN_VIEW,
          "slope of gain over " + axis.name(), "The gain grows by", " points per layer")
          + Finding.MEAN_VIEW + "; gain by " + xTitle + ", bars: 95% intervals; slopes: F3 in "
          + "findings.csv" + everyPanel(panelKeys), points, xTitle, "gain (pct points)", false);
      out.add(new Named("gain_vs_" + axis.name(), figure, "Gain in accuracy from the ReLU end "
          + "to the smooth end (percentage points) against " + xTitle + "; bars are 95% "
          + "intervals over seeds; the slope and its interval are F3 in the findings."));
    }
  }

  /**
   * ConvNet against ViT: each model's gain against EP or p, a panel per setting of the axes both
   * models share (as F4 pairs them), a series per model and per setting of the fields only that
   * model varies (the ConvNet's classifier activation, its depths).
   */
  private void models() {
    String x = data.varying.contains("error_probability") ? "error_probability"
        : data.varying.contains("precision") ? "precision" : null;
    List<Run> runs = data.usable().stream()
        .filter(r -> "vit".equals(r.get("model")) || "convnet".equals(r.get("model"))).toList();
    if (x == null || runs.stream().map(r -> r.get("model")).distinct().count() < 2) {
      return;
    }
    List<String> own = data.varyingExcept("interpolation");
    List<String> panelKeys = data.varyingExcept(Labels.withRecipeFields(
        Labels.withSizeOptions("model", "interpolation", x)).toArray(String[]::new));
    List<String> variant = own.stream()
        .filter(c -> !c.equals("model") && !c.equals(x) && !panelKeys.contains(c)).toList();
    List<Gain> gains = Gain.all(runs, own).stream().filter(g -> !g.atChance() && g.noisy())
        .toList();
    Map<Object, List<List<Object>>> variantsByModel = new LinkedHashMap<>();
    for (Gain g : gains) {
      List<List<Object>> seen = variantsByModel.computeIfAbsent(
          g.key().get(own.indexOf("model")), m -> new ArrayList<>());
      List<Object> v = g.values(own, variant);
      if (!seen.contains(v)) {
        seen.add(v);
      }
    }
    Map<List<Object>, List<Double>> pooled = new LinkedHashMap<>();
    Map<List<Object>, Double> chance = new LinkedHashMap<>();
    for (Gain g : gains) {
      Object model = g.key().get(own.indexOf("model"));
      String named = Labels.amongVariants(variantsByModel.get(model), variant,
          g.values(own, variant));
      String series = model + (named.isEmpty() ? "" : " " + named);
      List<Object> cell = List.of(panel(panelKeys, g.values(own, panelKeys)), series,
          ((Number) g.key().get(own.indexOf(x))).doubleValue());
      for (double gain : g.gains()) {
        pooled.computeIfAbsent(cell, k -> new ArrayList<>()).add(gain);
      }
      chance.put(cell, g.chance());
    }
    List<Point> points = new ArrayList<>();
    pooled.forEach((cell, values) -> points.add(new Point((String) cell.get(0),
        (String) cell.get(1), (Double) cell.get(2),
        values.stream().mapToDouble(Double::doubleValue).toArray(), false, chance.get(cell))));
    if (points.isEmpty()) {
      return;
    }
    String xTitle = x.equals("precision") ? "precision p" : "error probability EP";
    Figure figure = LinePanels.draw(headline("F4", Finding.MEAN_VIEW,
        "ConvNet gain minus ViT gain", "The ConvNet gains more than the ViT by", " points")
        + Finding.MEAN_VIEW + "; a series per model and per setting only it varies; bars: 95% "
        + "intervals; settings with an end at chance left out" + everyPanel(panelKeys), points,
        xTitle, "gain (pct points)", false);
    out.add(new Named("gain_by_model", figure, "Gain (percentage points) of the ConvNet and "
        + "the ViT against " + xTitle + "; F4 in the findings compares them at matched "
        + "settings."));
  }

  /**
   * F2 in a headline: the gain under noise and, for accuracy figures, the equivalence without
   * noise; each ends with ". " (empty where the sweep has no such rows).
   */
  private String f2Headline(String view, boolean withEquivalence) {
    String out = headline("F2", view, "gain from ReLU end to smooth end",
        "Under noise, smooth end minus ReLU end:", " points");
    if (withEquivalence) {
      out += headline("F2", view, "ends equivalent without noise", "Without noise (ends "
          + "equivalent if within +-" + Labels.value(TrainingFindings.EQUIVALENCE_MARGIN_POINTS)
          + " point):", " points");
    }
    return out.isEmpty() ? "" : out + "Drawn: ";
  }

  /**
   * One sentence stating a finding: "{lead} +2.8 points [1.1, 4.5] (holds, 1 setting, 3
   * seeds). " for up to three settings (each named where there are several), else the mean over
   * settings with how many lie on each side ("... +2.1 points on average (holds: 4 of 4
   * settings on the claim's side, ...; 3 seeds each). "). Empty where the finding has no row.
   */
  private String headline(String finding, String view, String statistic, String lead,
      String unit) {
    return headline(findings, finding, view, statistic, lead, unit);
  }

  /** {@link #headline(String, String, String, String, String)} over given findings. */
  static String headline(List<Finding> findings, String finding, String view, String statistic,
      String lead, String unit) {
    List<Finding> rows = findings.stream().filter(f -> f.finding().equals(finding)
        && f.view().equals(view) && f.statistic().startsWith(statistic) && !f.summary())
        .toList();
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(lead).append(' ');
    if (rows.size() <= 3) {
      for (int k = 0; k < rows.size(); k++) {
        Finding f = rows.get(k);
        Estimate e = f.estimate();
        sb.append(k == 0 ? "" : "; ").append(rows.size() > 1 ? f.setting() + " " : "")
            .append(Reports.number(f, e.value(), true)).append(unit)
            .append(e.hasInterval() ? " [" + Reports.number(f, e.low(), false) + ", "
                + Reports.number(f, e.high(), false) + "]" : "")
            .append(" (").append(f.verdict()).append(rows.size() > 1 ? "" : ", 1 setting")
            .append(", ").append(f.seeds()).append(" seeds)");
      }
      return sb.append(". ").toString();
    }
    Finding summary = findings.stream().filter(f -> f.finding().equals(finding)
        && f.view().equals(view) && f.statistic().startsWith(statistic)
        && f.setting().startsWith("summary over")).findFirst().orElse(null);
    long chance = rows.stream().filter(f -> f.verdict().equals(Finding.AT_CHANCE)).count();
    long above = rows.stream().filter(f -> Finding.forClaim(f.verdict())).count();
    long below = rows.stream().filter(f -> Finding.againstClaim(f.verdict())).count();
    long tested = rows.size() - chance;
    if (tested == 0) {
      return sb.append("no gain to state: in all ").append(rows.size())
          .append(" settings an end sits at chance. ").toString();
    }
    Finding first = rows.get(0);
    return sb.append(summary == null ? "(" : Reports.number(first, summary.estimate().value(),
        true) + unit + " on average (" + summary.verdict() + ": ")
        .append(above).append(" of ").append(tested).append(" settings on the claim's side, ")
        .append(below).append(" against, ").append(chance).append(" at chance; ")
        .append(summary == null ? "" : summary.seeds()).append(" seeds each). ").toString();
  }
}
