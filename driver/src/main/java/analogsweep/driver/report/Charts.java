package analogsweep.driver.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Report plots with XChart: line panels with error bars, heatmaps, and grids of panels. */
final class Charts {
  static final int PANEL_W = 460;
  static final int PANEL_H = 340;

  private Charts() {}

  /** One named line: x values, y values and (optional, may be null) error bars. */
  record Line(String name, double[] x, double[] y, double[] err) {
    /** From points {x, y} or {x, y, error}; error bars when every point has a third value. */
    static Line of(String name, List<double[]> points) {
      boolean bars = points.stream().allMatch(p -> p.length > 2);
      return new Line(name, column(points, 0), column(points, 1), bars ? column(points, 2) : null);
    }

    private static double[] column(List<double[]> points, int k) {
      double[] out = new double[points.size()];
      for (int j = 0; j < out.length; j++) {
        out[j] = points.get(j)[k];
      }
      return out;
    }
  }

  static XYChart lines(String title, String xTitle, String yTitle, List<Line> lines) {
    XYChart chart = new XYChartBuilder().width(PANEL_W).height(PANEL_H).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Styler s = chart.getStyler();
    s.setLegendPosition(Styler.LegendPosition.InsideSE);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendBackgroundColor(new Color(255, 255, 255, 200));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    for (Line l : lines) {
      XYSeries series = l.err() == null ? chart.addSeries(l.name(), l.x(), l.y())
          : chart.addSeries(l.name(), l.x(), l.y(), l.err());
      series.setMarker(SeriesMarkers.CIRCLE);
    }
    return chart;
  }

  /**
   * A heatmap of values over (x category, y category), labelled with {@code pattern}; missing
   * cells stay empty. Panels widen with the number of columns so that labels do not collide.
   */
  static HeatMapChart heatmap(String title, String xTitle, String yTitle, List<String> xs,
      List<String> ys, Map<List<Integer>, Double> cells, String pattern) {
    int width = Math.max(PANEL_W, 200 + 64 * xs.size());
    HeatMapChart chart = new HeatMapChartBuilder().width(width).height(PANEL_H).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setDecimalPattern(pattern);
    chart.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setGradientColorColumnWeight(14);
    chart.getStyler().setHeatMapValueDecimalPattern(pattern);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    double bound = 0;
    for (Double v : cells.values()) {
      bound = Math.max(bound, Math.abs(v));
    }
    // a symmetric scale, rounded up to a whole number, keeps the legend readable
    bound = Math.max(1, Math.ceil(bound));
    chart.getStyler().setMin(-bound);
    chart.getStyler().setMax(bound);
    chart.getStyler().setRangeColors(new Color[] {new Color(178, 24, 43), Color.WHITE,
        new Color(33, 102, 172)});
    java.util.List<Number[]> data = new java.util.ArrayList<>();
    cells.forEach((k, v) -> data.add(new Number[] {k.get(0), k.get(1), v}));
    chart.addSeries("gain", xs, ys, data);
    return chart;
  }

  /** Lays charts out in a grid, at most {@code columns} wide, on a white background. */
  static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns) {
    int cols = Math.max(1, Math.min(columns, charts.size()));
    int rows = (charts.size() + cols - 1) / cols;
    int w = 0;
    int h = 0;
    for (Chart<?, ?> c : charts) {
      w = Math.max(w, c.getWidth());
      h = Math.max(h, c.getHeight());
    }
    BufferedImage out = new BufferedImage(w * cols, h * rows, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int k = 0; k < charts.size(); k++) {
      g.drawImage(BitmapEncoder.getBufferedImage(charts.get(k)), (k % cols) * w, (k / cols) * h,
          null);
    }
    g.dispose();
    return out;
  }
}
