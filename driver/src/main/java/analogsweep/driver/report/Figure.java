package analogsweep.driver.report;

import analogsweep.driver.store.OutputFolder;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One figure of the report: a headline naming what it shows (the view, the interval), panels in
 * a grid, and one legend for all panels below them. Sized in points; written as PNG at
 * {@value #PNG_SCALE}x (180 dpi at the figure's size) and as SVG.
 */
final class Figure {
  static final double PNG_SCALE = 2.5;
  private static final int HEADLINE_H = 18;
  private static final int LEGEND_ROW_H = 16;

  /** Something a figure can paint at its origin. */
  interface Panel {
    int width();

    int height();

    void paint(Graphics2D g);

    /** The panel's title, drawn above it ("" where it has none). */
    default String title() {
      return "";
    }
  }

  /** How a legend entry is drawn; MARKER: a dot with an interval bar, no line. */
  enum Style { LINE, DASHED, BAR, MARKER }

  /** A legend entry: a line with a marker, a dashed reference line, or a thick short bar. */
  record Key(String name, Color color, Style style) {}

  private final String headline;
  private final List<Panel> panels;
  private final int columns;
  private final List<Key> legend;

  Figure(String headline, List<Panel> panels, int columns, List<Key> legend) {
    this.headline = headline;
    this.panels = List.copyOf(panels);
    this.columns = Math.max(1, Math.min(columns, panels.size()));
    this.legend = List.copyOf(legend);
  }

  String headline() {
    return headline;
  }

  List<Panel> panels() {
    return panels;
  }

  private int cellW() {
    return panels.stream().mapToInt(Panel::width).max().orElse(1);
  }

  private int cellH() {
    return panels.stream().mapToInt(Panel::height).max().orElse(1);
  }

  private int rows() {
    return (panels.size() + columns - 1) / columns;
  }

  int width() {
    return cellW() * columns;
  }

  int height() {
    return headlineH() + cellH() * rows() + legendRows() * LEGEND_ROW_H
        + (legend.isEmpty() ? 0 : 6);
  }

  private static final Font HEADLINE = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  /** The headline in lines that fit the figure's width. */
  private List<String> headlineLines() {
    FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
        .getFontMetrics(HEADLINE);
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : headline.split(" ")) {
      // 6% to spare: text drawn antialiased at the PNG's scale runs wider than measured here
      if (line.length() > 0 && fm.stringWidth(line + " " + word) * 1.06 > width() - 12) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private int headlineH() {
    return HEADLINE_H + (headlineLines().size() - 1) * 12;
  }

  private List<List<Key>> legendLayout() {
    List<List<Key>> rows = new ArrayList<>();
    FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
        .getFontMetrics(Charts.TEXT);
    int x = 0;
    for (Key k : legend) {
      int w = 34 + (int) Math.ceil(fm.stringWidth(k.name()) * 1.06);
      if (rows.isEmpty() || x + w > width() - 10) {
        rows.add(new ArrayList<>());
        x = 0;
      }
      rows.get(rows.size() - 1).add(k);
      x += w;
    }
    return rows;
  }

  private int legendRows() {
    return legendLayout().size();
  }

  void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    g.setColor(Color.DARK_GRAY);
    g.setFont(HEADLINE);
    int line = 13;
    for (String text : headlineLines()) {
      g.drawString(text, 6, line);
      line += 12;
    }
    for (int k = 0; k < panels.size(); k++) {
      AffineTransform saved = g.getTransform();
      g.translate((k % columns) * cellW(), headlineH() + (k / columns) * cellH());
      panels.get(k).paint(g);
      g.setTransform(saved);
    }
    int y = headlineH() + cellH() * rows() + 4;
    g.setFont(Charts.TEXT);
    FontMetrics fm = g.getFontMetrics();
    for (List<Key> row : legendLayout()) {
      int x = 8;
      for (Key k : row) {
        int mid = y + LEGEND_ROW_H / 2;
        g.setColor(k.color());
        g.setStroke(k.style() == Style.DASHED ? Charts.dashed()
            : new BasicStroke(k.style() == Style.BAR ? 3f : 1.4f));
        g.draw(k.style() == Style.BAR ? new Line2D.Double(x + 6, mid, x + 16, mid)
            : k.style() == Style.MARKER ? new Line2D.Double(x + 11, mid - 6, x + 11, mid + 6)
                : new Line2D.Double(x, mid, x + 22, mid));
        if (k.style() == Style.LINE || k.style() == Style.MARKER) {
          g.fill(new Ellipse2D.Double(x + 8.5, mid - 2.5, 5, 5));
        }
        g.setColor(Color.BLACK);
        g.drawString(k.name(), x + 26, mid + fm.getAscent() / 2 - 1);
        x += 34 + fm.stringWidth(k.name());
      }
      y += LEGEND_ROW_H;
    }
  }

  byte[] png() throws IOException {
    BufferedImage image = new BufferedImage((int) Math.ceil(width() * PNG_SCALE),
        (int) Math.ceil(height() * PNG_SCALE), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.scale(PNG_SCALE, PNG_SCALE);
    paint(g);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  byte[] svg() throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()))
        .writeTo(out);
    return out.toByteArray();
  }

  /** Writes {@code name}.png and {@code name}.svg into the report folder. */
  void write(OutputFolder folder, String name) throws IOException {
    folder.writeReportFile(name + ".png", png());
    folder.writeReportFile(name + ".svg", svg());
  }
}
