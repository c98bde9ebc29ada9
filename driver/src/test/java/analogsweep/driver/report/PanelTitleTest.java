package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.report.SweepData.Run;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Panel titles fit their panels: the precision and EP that every run shares are said once in the
 * headline, not in each title, where three swept conventions already fill the title's width.
 */
class PanelTitleTest {
  private static Run run(double i, boolean classifier, String derivative, long seed,
      double accuracy) {
    Map<String, Object> values = new HashMap<>();
    values.put("model", "convnet");
    values.put("family", "relu-gelu");
    values.put("interpolation", i);
    values.put("precision", 64);
    values.put("error_probability", 0.5);
    values.put("classifier_activation", classifier);
    values.put("relu_derivative_at_zero", derivative);
    return new Run(i + "/" + classifier + "/" + derivative + "/" + seed, values, seed, "OK",
        accuracy, 0, 10, null);
  }

  @Test
  void fixedSettingsAreSaidOnceAndEveryTitleFitsItsPanel() {
    List<Run> runs = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      for (boolean classifier : new boolean[] {false, true}) {
        for (String derivative : List.of("a", "1")) {
          runs.add(run(0, classifier, derivative, seed, 30 + seed));
          runs.add(run(1, classifier, derivative, seed, 50 + seed));
        }
      }
    }
    SweepData data = SweepData.of("conventions", runs);
    Figure figure = TrainingFigures.of(data).stream()
        .filter(n -> n.name().equals("accuracy_vs_interpolation")).findFirst().orElseThrow()
        .figure();
    assertTrue(figure.headline().contains("every panel at p=64 EP=0.5"), figure.headline());
    assertEquals(4, figure.panels().size());
    FontMetrics metrics = metrics();
    for (Figure.Panel panel : figure.panels()) {
      assertFalse(panel.title().contains("p=64"), panel.title());
      assertTrue(panel.title().contains("R'(0)="), panel.title());
      assertTrue(metrics.stringWidth(panel.title()) <= panel.width() - 8,
          panel.title() + " is wider than its panel");
    }
  }

  /**
   * A joined ConvNet and ViT report: the schedule each model trains with (fixed, cosine) is left
   * to the model's name, and the long titles that remain (depths, EP, both conventions) widen the
   * panels instead of running over them.
   */
  @Test
  void joinedModelsLeaveTheirOwnChoicesToTheModelAndEveryTitleFits() {
    List<Run> runs = new ArrayList<>();
    for (String model : List.of("convnet", "vit")) {
      for (double ep : new double[] {0, 0.5}) {
        for (boolean classifier : new boolean[] {false, true}) {
          for (String derivative : List.of("a", "1")) {
            for (long seed = 1; seed <= 2; seed++) {
              for (double i : new double[] {0, 1}) {
                Run r = run(i, classifier, derivative, seed, 40 + 10 * i + seed);
                Map<String, Object> values = new HashMap<>(r.values());
                values.put("model", model);
                values.put("error_probability", ep);
                values.put("learning_rate_schedule", model.equals("vit") ? "cosine" : "fixed");
                values.put(model.equals("vit") ? "vit_depth" : "conv_depth", 2);
                values.put("linear_depth", model.equals("vit") ? null : 2);
                runs.add(new Run(model + ep + r.taskId(), values, seed, "OK", r.accuracy(), 0,
                    10, null));
              }
            }
          }
        }
      }
    }
    Figure figure = TrainingFigures.of(SweepData.of("joined", runs)).stream()
        .filter(n -> n.name().equals("accuracy_vs_interpolation")).findFirst().orElseThrow()
        .figure();
    assertEquals(16, figure.panels().size());
    FontMetrics metrics = metrics();
    for (Figure.Panel panel : figure.panels()) {
      assertFalse(panel.title().contains("learning_rate_schedule"), panel.title());
      assertTrue(panel.title().contains("R'(0)=") && panel.title().contains("EP="),
          panel.title());
      assertTrue(metrics.stringWidth(panel.title()) <= panel.width() - 8,
          panel.title() + " is wider than its panel");
    }
  }

  private static FontMetrics metrics() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return g.getFontMetrics(Charts.TITLE);
    } finally {
      g.dispose();
    }
  }
}
