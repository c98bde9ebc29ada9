package analogsweep.driver.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's chart parts with XChart, sized in points for print: a panel is
 * {@value #PANEL_W} x {@value #PANEL_H} pt with 9-10 pt text, so a figure of three panels is 720
 * pt wide and keeps 7 pt text at a paper's 7-inch width. Lines carry 95% intervals as bars (drawn
 * as segments, so they may be asymmetric), chance is a dashed grey line, axes show percent with
 * short tick labels, and legends are drawn once per figure, outside the data ({@link Figure}).
 * Colours are Okabe and Ito's, distinguishable with colour-vision deficiencies.
 */
final class Charts {
  static final int PANEL_W = 240;
  static final int PANEL_H = 190;
  static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0),
      new Color(0, 158, 115), new Color(230, 159, 0), new Color(86, 180, 233),
      new Color(204, 121, 167), new Color(0, 0, 0), new Color(240, 228, 66)};
  static final Color CHANCE = new Color(120, 120, 120);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 10);
  static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 9);

  private Charts() {}

  static Color color(int k) {
    return PALETTE[k % PALETTE.length];
  }

  /** An empty line panel with a fixed y range (shared across a figure's panels). */
  static XYChart panel(String title, String xTitle, String yTitle, double yMin, double yMax) {
    return panel(title, xTitle, yTitle, yMin, yMax, PANEL_W);
  }

  /** The width a panel needs for {@code titles}: {@value #PANEL_W}, or wider for a long title. */
  static int widthFor(Collection<String> titles) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      FontMetrics fm = g.getFontMetrics(TITLE);
      int widest = titles.stream().mapToInt(fm::stringWidth).max().orElse(0);
      // XChart draws titles somewhat wider than AWT measures them, and pads the chart
      return Math.max(PANEL_W, (int) Math.ceil(widest * 1.15) + 24);
    } finally {
      g.dispose();
    }
  }

  /** {@link #panel(String, String, String, double, double)} {@code width} points wide. */
  static XYChart panel(String title, String xTitle, String yTitle, double yMin, double yMax,
      int width) {
    XYChart chart = new XYChartBuilder().width(width).height(PANEL_H).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Styler s = chart.getStyler();
    s.setLegendVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(TITLE);
    s.setChartPadding(4);
    chart.getStyler().setAxisTitleFont(TEXT);
    chart.getStyler().setAxisTickLabelsFont(TEXT);
    chart.getStyler().setYAxisMin(yMin);
    chart.getStyler().setYAxisMax(yMax);
    chart.getStyler().setYAxisDecimalPattern("0.#");
    chart.getStyler().setXAxisDecimalPattern("0.##");
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setAxisTicksLineVisible(false);
    return chart;
  }

  /**
   * A line with markers and, where {@code low}/{@code high} are given and finite, a vertical
   * interval bar at each point. {@code dodge} shifts the points sideways (in x units) so that
   * bars of several lines do not hide each other.
   */
  static void line(XYChart chart, String name, double[] x, double[] y, double[] low,
      double[] high, Color color, double dodge) {
    line(chart, name, x, y, low, high, color, dodge, true);
  }

  /** As {@link #line}, the points joined only where {@code joined} (else markers alone). */
  static void line(XYChart chart, String name, double[] x, double[] y, double[] low,
      double[] high, Color color, double dodge, boolean joined) {
    double[] xs = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      xs[k] = x[k] + dodge;
    }
    XYSeries s = chart.addSeries(name, xs, y);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
    s.setLineColor(color);
    s.setLineWidth(1.4f);
    if (!joined) {
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    if (low == null) {
      return;
    }
    for (int k = 0; k < x.length; k++) {
      if (Double.isFinite(low[k]) && Double.isFinite(high[k])) {
        segment(chart, name + " interval " + k, xs[k], low[k], xs[k], high[k], color, false);
      }
    }
  }

  /** A straight segment without markers or legend entry. */
  static void segment(XYChart chart, String name, double x0, double y0, double x1, double y1,
      Color color, boolean dashed) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y0, y1});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(dashed ? 1.0f : 1.1f);
    if (dashed) {
      s.setLineStyle(SeriesLines.DASH_DASH);
    }
    s.setShowInLegend(false);
  }

  /** A thick short grey horizontal bar at y from x0 to x1 (a value not read: at chance). */
  static void bar(XYChart chart, String name, double x0, double x1, double y) {
    XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(CHANCE);
    s.setLineWidth(3f);
    s.setShowInLegend(false);
  }

  /** A horizontal dashed reference line (chance, or zero gain) across [x0, x1]. */
  static void reference(XYChart chart, String name, double x0, double x1, double y) {
    segment(chart, name, x0, y, x1, y, CHANCE, true);
  }

  /** The colour at {@code t} in [0, 1] along evenly spaced stops, mixed linearly. */
  static Color ramp(Color[] stops, double t) {
    double u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int k = Math.min((int) u, stops.length - 2);
    double f = u - k;
    Color a = stops[k];
    Color b = stops[k + 1];
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /** A symmetric colour bound, rounded up to a whole number, covering every value. */
  static double symmetricBound(Iterable<Double> values) {
    double bound = 0;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        bound = Math.max(bound, Math.abs(v));
      }
    }
    return Math.max(1, Math.ceil(bound));
  }

  /** The least and greatest of the finite values, or null where there is none. */
  private static double[] finiteBounds(List<Double> values) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Double v : values) {
      if (v != null && Double.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo > hi ? null : new double[] {lo, hi};
  }

  /** A y range in percent covering the values and chance, padded and rounded to 5 points. */
  static double[] percentRange(List<Double> values) {
    double[] b = finiteBounds(values);
    if (b == null) {
      return new double[] {0, 100};
    }
    double lo = b[0];
    double hi = b[1];
    double pad = Math.max(1, (hi - lo) * 0.05);
    return new double[] {Math.floor((lo - pad) / 5) * 5, Math.ceil((hi + pad) / 5) * 5};
  }

  /**
   * A y range around the values alone (no chance or zero forced in), padded by 10% of their
   * spread (at least 0.5) and rounded outward to a step of 1, 2, 5 or 10 that gives about five
   * ticks: a 3-point effect fills the panel.
   */
  static double[] dataRange(List<Double> values) {
    double[] b = finiteBounds(values);
    if (b == null) {
      return new double[] {0, 100};
    }
    double lo = b[0];
    double hi = b[1];
    double pad = Math.max(0.5, (hi - lo) * 0.1);
    lo -= pad;
    hi += pad;
    double step = 1;
    for (double s : new double[] {1, 2, 5, 10, 20}) {
      step = s;
      if ((hi - lo) / s <= 6) {
        break;
      }
    }
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
  }

  /** An XChart chart as a panel of a {@link Figure}. */
  static Figure.Panel panelOf(Chart<?, ?> chart) {
    return new Figure.Panel() {
      @Override
      public int width() {
        return chart.getWidth();
      }

      @Override
      public int height() {
        return chart.getHeight();
      }

      @Override
      public void paint(Graphics2D g) {
        chart.paint(g, chart.getWidth(), chart.getHeight());
      }

      @Override
      public String title() {
        return chart.getTitle();
      }
    };
  }

  static BasicStroke dashed() {
    return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {4f, 3f}, 0f);
  }
}
