package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Draws line panels from points: one panel per panel name, one colour per line name across
 * panels, 95% interval bars over seeds clipped to what the quantity can take, grey bars for
 * settings at chance, and a dashed chance (accuracy) or zero (gain) line. Gains share one y range
 * with zero on it; accuracy is scaled to each panel's data (a 3-point effect on a 0-100 axis
 * looks flat), with chance drawn where it falls inside. Points are joined by lines only where a
 * line has at least {@value #MIN_JOINED} values of x; fewer (two EP values, say) are markers
 * with bars, since a line between sparse values claims a course nobody measured.
 */
final class LinePanels {
  /** Values (one per seed) at one x of one line of one panel. */
  record Point(String panel, String line, double x, double[] values, boolean atChance,
      double chance) {}

  private final List<String> lineNames;
  private final boolean chanceLine;
  private final Map<Point, Estimate> estimates = new LinkedHashMap<>();
  private final double[] range;
  private final double xMin;
  private final double xMax;
  /** One x value (a sweep at one EP): an axis around it, with ticks, and lines set apart. */
  private final boolean single;
  private final double span;
  private final double dodge;
  private boolean anyChance;
  /** Whether some panel's chance line fell outside its y range. */
  private boolean chanceOutside;
  /** Whether some line was drawn joined, and some as markers only. */
  private boolean anyJoined;
  private boolean anyMarkers;
  /** Lines with fewer values of x than this are markers with bars, not joined. */
  static final int MIN_JOINED = 4;

  private final double chanceValue;

  /** The fewest values of x a line is joined from ({@link #MIN_JOINED}; curves: 2). */
  private final int minJoined;

  private LinePanels(List<Point> points, boolean chanceLine, int minJoined) {
    this.chanceLine = chanceLine;
    this.minJoined = minJoined;
    chanceValue = points.isEmpty() ? Double.NaN : points.get(0).chance();
    lineNames = new ArrayList<>(new LinkedHashSet<>(points.stream().map(Point::line).toList()));
    lineNames.sort(null);
    List<Double> extent = new ArrayList<>();
    // accuracy lies in [0, 100] and a gain in [-100, 100]: intervals are drawn clipped to that
    double floor = chanceLine ? 0 : -100;
    for (Point p : points) {
      Estimate raw = Intervals.mean(p.values(), TrainingFindings.LEVEL);
      Estimate e = raw.hasInterval() ? new Estimate(raw.value(), Math.max(floor, raw.low()),
          Math.min(100, raw.high()), raw.n(), raw.method()) : raw;
      estimates.put(p, e);
      if (p.atChance()) {
        continue; // a gain not read does not set the scale (its bar sits at the edge)
      }
      extent.add(e.value());
      extent.add(e.hasInterval() ? e.low() : e.value());
      extent.add(e.hasInterval() ? e.high() : e.value());
      if (!chanceLine) {
        extent.add(0.0);
      }
    }
    range = Charts.percentRange(extent);
    range[0] = Math.max(floor, range[0]);
    range[1] = Math.min(100, range[1]);
    xMin = points.stream().mapToDouble(Point::x).min().orElse(0);
    xMax = points.stream().mapToDouble(Point::x).max().orElse(1);
    single = xMax == xMin;
    span = single ? Math.max(Math.abs(xMax) * 0.4, 0.2) : xMax - xMin;
    dodge = span * (single ? 0.06 : 0.012);
  }

  /** Training curves: test accuracy per epoch, one line per end of i, chance dashed. */
  static Figure curves(String headline, List<Point> points) {
    return draw(headline, points, "epoch", "test accuracy (%)", true, 2);
  }

  /** Line panels from points; a chance line where {@code chanceLine}, else a zero line. */
  static Figure draw(String headline, List<Point> points, String xTitle, String yTitle,
      boolean chanceLine) {
    return draw(headline, points, xTitle, yTitle, chanceLine, MIN_JOINED);
  }

  private static Figure draw(String headline, List<Point> points, String xTitle,
      String yTitle, boolean chanceLine, int minJoined) {
    LinePanels drawing = new LinePanels(points, chanceLine, minJoined);
    Map<String, List<Point>> panels = new LinkedHashMap<>();
    for (Point p : points) {
      panels.computeIfAbsent(p.panel(), k -> new ArrayList<>()).add(p);
    }
    List<Figure.Panel> charts = new ArrayList<>();
    int width = Charts.widthFor(panels.keySet()); // every title fits its panel
    for (Map.Entry<String, List<Point>> panel : panels.entrySet()) {
      charts.add(drawing.panel(panel.getKey(), panel.getValue(), xTitle, yTitle, width));
    }
    return new Figure(headline, charts, 3, drawing.legend());
  }

  /** A panel's y range: the figure's for gains, its own points' for accuracy. */
  private double[] rangeOf(List<Point> points) {
    if (!chanceLine) {
      return range;
    }
    List<Double> extent = new ArrayList<>();
    for (Point p : points) {
      Estimate e = estimates.get(p);
      extent.add(e.value());
      extent.add(e.hasInterval() ? e.low() : e.value());
      extent.add(e.hasInterval() ? e.high() : e.value());
    }
    double[] r = Charts.dataRange(extent);
    return new double[] {Math.max(0, r[0]), Math.min(100, r[1])};
  }

  private Figure.Panel panel(String title, List<Point> points, String xTitle, String yTitle,
      int width) {
    double[] y = rangeOf(points);
    XYChart chart = Charts.panel(title, xTitle, yTitle, y[0], y[1], width);
    double pad = single ? span / 2 : span * 0.04 + 1e-9;
    chart.getStyler().setXAxisMin(xMin - pad);
    chart.getStyler().setXAxisMax(xMax + pad);
    Map<String, List<Point>> byLine = new LinkedHashMap<>();
    for (Point p : points) {
      byLine.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<String, List<Point>> line : byLine.entrySet()) {
      line(chart, line.getKey(), line.getValue());
    }
    if (chanceLine) {
      double chance = points.get(0).chance();
      if (chance >= y[0] && chance <= y[1]) {
        Charts.reference(chart, "chance", xMin - pad, xMax + pad, chance);
      } else {
        chanceOutside = true;
      }
    } else {
      Charts.reference(chart, "zero", xMin - pad, xMax + pad, 0);
    }
    return Charts.panelOf(chart);
  }

  /** One line with its interval bars, set apart from the others; a grey bar per chance point. */
  private void line(XYChart chart, String name, List<Point> points) {
    int index = lineNames.indexOf(name);
    List<Point> ps = points.stream().filter(p -> !p.atChance()).toList();
    List<Point> flat = points.stream().filter(Point::atChance).toList();
    double shift = (index - (lineNames.size() - 1) / 2.0) * dodge;
    if (!ps.isEmpty()) {
      boolean joined = ps.stream().mapToDouble(Point::x).distinct().count() >= minJoined;
      anyJoined |= joined;
      anyMarkers |= !joined;
      Charts.line(chart, name, ps.stream().mapToDouble(Point::x).toArray(),
          ps.stream().mapToDouble(p -> estimates.get(p).value()).toArray(),
          ps.stream().mapToDouble(p -> estimates.get(p).low()).toArray(),
          ps.stream().mapToDouble(p -> estimates.get(p).high()).toArray(),
          Charts.color(index), shift, joined);
    }
    for (Point p : flat) {
      anyChance = true;
      double[] y = rangeOf(points);
      Charts.bar(chart, name + " at chance " + p.x(), p.x() + shift - 3 * dodge,
          p.x() + shift + 3 * dodge, Math.max(y[0], Math.min(y[1], estimates.get(p).value())));
    }
  }

  private List<Figure.Key> legend() {
    List<Figure.Key> legend = new ArrayList<>();
    for (int k = 0; k < lineNames.size(); k++) {
      legend.add(new Figure.Key(lineNames.get(k), Charts.color(k),
          anyJoined && !anyMarkers ? Figure.Style.LINE : Figure.Style.MARKER));
    }
    String chance = chanceOutside ? "chance " + Labels.percent(chanceValue) + " (off the axis)"
        : "chance";
    legend.add(new Figure.Key(chanceLine ? chance : "no gain", Charts.CHANCE,
        Figure.Style.DASHED));
    if (anyChance) {
      legend.add(new Figure.Key("an end at chance (no gain read)", Charts.CHANCE,
          Figure.Style.BAR));
    }
    return legend;
  }
}
