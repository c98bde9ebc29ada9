package analogsweep.driver.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The figures of a gradient-error report: one per family, noise and chain setting, a panel per
 * interpolation factor, every panel of every figure on one colour scale.
 */
final class GradientErrorFigures {
  /** One figure: the setting it shows, its file name (without extension) and the drawing. */
  record MapFigure(String setting, String name, Figure figure) {}

  private GradientErrorFigures() {}

  /** The largest error of any map: the top of the shared colour scale. */
  static double scale(List<Row> maps) {
    double max = 0;
    for (Row m : maps) {
      for (Double v : m.<Double>getList(5)) {
        max = Math.max(max, v);
      }
    }
    return max;
  }

  /** The figures of the first-seed maps ({@link GradientErrorQueries#firstSeedMaps}). */
  static List<MapFigure> of(List<Row> maps, double max) {
    Map<String, List<Row>> bySetting = new LinkedHashMap<>();
    for (Row m : maps) {
      String noise = "gaussian".equals(m.getString(6)) ? "" : "_" + m.getString(6);
      bySetting.computeIfAbsent(m.getString(0) + noise + "_p" + m.getInt(2) + "_ep"
          + m.getDouble(3), k -> new ArrayList<>()).add(m);
    }
    List<MapFigure> figures = new ArrayList<>();
    for (Map.Entry<String, List<Row>> e : bySetting.entrySet()) {
      List<Figure.Panel> panels = new ArrayList<>();
      for (Row m : e.getValue()) {
        panels.add(new ErrorMapPanel(String.format(Locale.ROOT, "%s, i = %s", m.getString(0),
            Labels.value(m.getDouble(1))), m.getInt(4), m.getList(5), max));
      }
      Row first = e.getValue().get(0);
      String name = "gradient_error_" + e.getKey().replace('.', '_');
      Figure figure = new Figure(String.format(Locale.ROOT, "|I'(noisy x w) - I'(x w)| over "
          + "(w, x), p = %d, EP = %s, first noise seed; colour scale 0 to %.3g, shared",
          first.getInt(2), Labels.value(first.getDouble(3)), max), panels, 3, List.of());
      figures.add(new MapFigure(e.getKey(), name, figure));
    }
    return figures;
  }
}
