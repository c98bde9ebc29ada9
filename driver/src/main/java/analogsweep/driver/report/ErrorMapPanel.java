package analogsweep.driver.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * One gradient-error map as a figure panel: the error |I'(noisy x w) - I'(x w)| over weights w
 * (across) and inputs x (up), each from -1 to 1 with ticks, on a colour scale from 0 (white) to
 * {@code max} (dark red) that the caller shares across panels, with a labelled colour bar.
 */
final class ErrorMapPanel implements Figure.Panel {
  private static final int W = Charts.PANEL_W;
  private static final int H = Charts.PANEL_H;
  private static final int LEFT = 38;
  private static final int TOP = 18;
  private static final int BOTTOM = 30;
  private static final int BAR = 44;
  private static final Color[] RAMP = {Color.WHITE, new Color(253, 174, 97),
      new Color(165, 0, 38)};

  private final String title;
  private final int size;
  private final List<Double> values;
  private final double max;

  ErrorMapPanel(String title, int size, List<Double> values, double max) {
    this.title = title;
    this.size = size;
    this.values = values;
    this.max = max;
  }

  @Override
  public int width() {
    return W;
  }

  @Override
  public int height() {
    return H;
  }

  static Color color(double v, double max) {
    return Charts.ramp(RAMP, max <= 0 ? 0 : v / max);
  }

  @Override
  public void paint(Graphics2D g) {
    int side = Math.min(W - LEFT - BAR - 6, H - TOP - BOTTOM);
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < size; x++) {
      for (int w = 0; w < size; w++) {
        // row x of the map is input x; the image's top row is x = +1
        image.setRGB(w, size - 1 - x, color(values.get(x * size + w), max).getRGB());
      }
    }
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(image, LEFT, TOP, side, side, null);
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, TOP, side, side);
    g.setFont(Charts.TITLE);
    g.setColor(Color.BLACK);
    FontMetrics tf = g.getFontMetrics();
    g.drawString(title, LEFT + (side - tf.stringWidth(title)) / 2, TOP - 5);
    g.setFont(Charts.TEXT);
    FontMetrics fm = g.getFontMetrics();
    for (double t : new double[] {-1, -0.5, 0, 0.5, 1}) {
      String label = Table.number(t, 2);
      int px = LEFT + (int) Math.round((t + 1) / 2 * side);
      int py = TOP + side - (int) Math.round((t + 1) / 2 * side);
      g.drawLine(px, TOP + side, px, TOP + side + 3);
      g.drawString(label, px - fm.stringWidth(label) / 2, TOP + side + 3 + fm.getAscent());
      g.drawLine(LEFT - 3, py, LEFT, py);
      g.drawString(label, LEFT - 5 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    String wTitle = "weight w";
    g.drawString(wTitle, LEFT + (side - fm.stringWidth(wTitle)) / 2, H - 4);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    String xTitle = "input x";
    r.drawString(xTitle, -(TOP + (side + fm.stringWidth(xTitle)) / 2), 10);
    r.dispose();
    // the colour bar, labelled at 0, max/2 and max
    int bx = LEFT + side + 8;
    for (int k = 0; k < side; k++) {
      g.setColor(color(max * (side - 1 - k) / (side - 1.0), max));
      g.fillRect(bx, TOP + k, 9, 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(bx, TOP, 9, side);
    g.setColor(Color.BLACK);
    for (double f : new double[] {0, 0.5, 1}) {
      int py = TOP + side - (int) Math.round(f * side);
      String label = Table.number(f * max, 2);
      g.drawString(f == 0 ? "0" : label, bx + 12, py + fm.getAscent() / 2 - 1);
    }
  }
}
