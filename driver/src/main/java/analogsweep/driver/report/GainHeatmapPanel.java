package analogsweep.driver.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean gains over (EP across, p up) as a figure panel: one cell per setting with its value
 * written in, on a diverging scale from {@code -bound} (red) through 0 (white) to
 * {@code +bound} (blue) that the caller shares across panels, with a labelled colour bar;
 * settings without a value (at chance, or not swept) stay empty.
 */
final class GainHeatmapPanel implements Figure.Panel {
  private static final int LEFT = 44;
  private static final int TOP = 18;
  private static final int BOTTOM = 32;
  private static final int BAR = 48;
  private static final int CELL_W = 40;
  private static final Color[] RAMP = {new Color(178, 24, 43), Color.WHITE,
      new Color(33, 102, 172)};

  private final String title;
  private final List<String> xs;
  private final List<String> ys;
  private final Map<List<Integer>, Double> cells;
  private final double bound;

  GainHeatmapPanel(String title, List<String> xs, List<String> ys,
      Map<List<Integer>, Double> cells, double bound) {
    this.title = title;
    this.xs = xs;
    this.ys = ys;
    this.cells = cells;
    this.bound = bound;
  }

  @Override
  public int width() {
    return Math.max(Charts.PANEL_W, LEFT + CELL_W * xs.size() + BAR + 10);
  }

  @Override
  public int height() {
    return Charts.PANEL_H;
  }

  static Color color(double v, double bound) {
    return Charts.ramp(RAMP, (v + bound) / (2 * bound));
  }

  @Override
  public void paint(Graphics2D g) {
    int plotW = width() - LEFT - BAR - 10;
    int plotH = height() - TOP - BOTTOM;
    double cw = plotW / (double) xs.size();
    double ch = plotH / (double) ys.size();
    g.setFont(Charts.TEXT);
    FontMetrics fm = g.getFontMetrics();
    for (Map.Entry<List<Integer>, Double> c : cells.entrySet()) {
      int x = LEFT + (int) Math.round(c.getKey().get(0) * cw);
      int y = TOP + plotH - (int) Math.round((c.getKey().get(1) + 1) * ch);
      g.setColor(color(c.getValue(), bound));
      g.fillRect(x, y, (int) Math.ceil(cw), (int) Math.ceil(ch));
      String label = String.format(Locale.ROOT, "%+.1f", c.getValue());
      g.setColor(Math.abs(c.getValue()) > 0.6 * bound ? Color.WHITE : Color.BLACK);
      g.drawString(label, x + (int) (cw - fm.stringWidth(label)) / 2,
          y + (int) (ch + fm.getAscent()) / 2 - 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.setColor(Color.BLACK);
    for (int k = 0; k < xs.size(); k++) {
      String label = xs.get(k);
      int cx = LEFT + (int) Math.round((k + 0.5) * cw);
      g.drawString(label, cx - fm.stringWidth(label) / 2, TOP + plotH + 3 + fm.getAscent());
    }
    for (int k = 0; k < ys.size(); k++) {
      String label = ys.get(k);
      int cy = TOP + plotH - (int) Math.round((k + 0.5) * ch);
      g.drawString(label, LEFT - 4 - fm.stringWidth(label), cy + fm.getAscent() / 2 - 1);
    }
    String xTitle = "error probability EP";
    g.drawString(xTitle, LEFT + (plotW - fm.stringWidth(xTitle)) / 2, height() - 4);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    String yTitle = "precision p";
    r.drawString(yTitle, -(TOP + (plotH + fm.stringWidth(yTitle)) / 2), 10);
    r.dispose();
    g.setFont(Charts.TITLE);
    FontMetrics tf = g.getFontMetrics();
    g.drawString(title, LEFT + (plotW - tf.stringWidth(title)) / 2, TOP - 5);
    g.setFont(Charts.TEXT);
    int bx = LEFT + plotW + 10;
    for (int k = 0; k < plotH; k++) {
      g.setColor(color(bound - 2 * bound * k / (plotH - 1.0), bound));
      g.fillRect(bx, TOP + k, 9, 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(bx, TOP, 9, plotH);
    g.setColor(Color.BLACK);
    for (double f : new double[] {-1, 0, 1}) {
      int py = TOP + plotH / 2 - (int) Math.round(f * plotH / 2);
      String label = f == 0 ? "0" : String.format(Locale.ROOT, "%+.0f", f * bound);
      g.drawString(label, bx + 12, py + fm.getAscent() / 2 - 1);
    }
    g.drawString("pts", bx + 12, TOP + plotH + 3 + fm.getAscent());
  }
}
