package analogsweep.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import analogsweep.train.EpochMetrics;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.Status;
import analogsweep.train.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grid points with one training key train to the same numbers, and points that train otherwise
 * have other keys: each rule of the activation's and the chain's judgement, and trainings of
 * pairs the keys call alike compared epoch by epoch.
 */
class TrainingKeyTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  private static GridPoint.Builder point() {
    return GridPoint.builder().set("data_path", "/data").set("precision", 16)
        .set("error_probability", 0.5);
  }

  private static String key(GridPoint.Builder b) {
    return b.build().trainingKey();
  }

  @Test
  void settingsATrainingCannotSeeShareItsKey() {
    GridPoint plain = point().build();
    assertEquals(plain.taskId(), plain.trainingKey(), "nothing unseen: the key is the id");
    // i = 0: the smooth end and its gate scale are unseen (one derivative-at-zero convention)
    assertEquals(key(point().set("recipe", "analogsweep-1")),
        key(point().set("recipe", "analogsweep-1").set("family", "relu-silu")
            .set("gate_scale", 2.5)));
    assertEquals(key(point().set("family", "relu-silu").set("relu_derivative_at_zero", "a")),
        key(point()));
    // the authors' SiLU family has R'(0) = 1 where their GELU family has a: other trainings
    assertNotEquals(key(point()), key(point().set("family", "relu-silu")));
    assertNotEquals(key(point()), key(point().set("family", "reglu-geglu")),
        "the gated form is another network");
    assertEquals(key(point().set("family", "reglu-geglu")),
        key(point().set("family", "reglu-geglu").set("gate_scale", 3)));
    // i = 1: the leak and the derivative at zero are unseen
    assertEquals(key(point().set("interpolation", 1)),
        key(point().set("interpolation", 1).set("leak", 0.1).set("relu_derivative_at_zero", 1)));
    assertNotEquals(key(point().set("interpolation", 1)),
        key(point().set("interpolation", 1).set("family", "relu-silu")));
    // in between, everything is seen
    assertNotEquals(key(point().set("interpolation", 0.5)),
        key(point().set("interpolation", 0.5).set("family", "relu-silu")
            .set("relu_derivative_at_zero", "a")));
    assertNotEquals(key(point()), key(point().set("leak", 0.1)));
    // EP 0 or no precision: the noise distribution is unseen; no precision: the rounding too
    assertEquals(key(point().set("error_probability", 0)),
        key(point().set("error_probability", 0).set("noise", "poisson")));
    assertNotEquals(key(point()), key(point().set("noise", "laplace")));
    assertEquals(key(point().set("precision", "none").set("error_probability", 0)),
        key(point().set("precision", "none").set("error_probability", 0)
            .set("rounding", "stochastic").set("noise", "uniform")));
    assertNotEquals(key(point().set("error_probability", 0)),
        key(point().set("error_probability", 0).set("rounding", "stochastic")));
  }

  /** Pairs the keys call alike, trained one after the other: the same numbers to the bit. */
  @Test
  void pointsOfOneKeyTrainToTheSameNumbers() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    GridPoint.Builder slice = GridPoint.builder().set("data_path", FASHION)
        .set("train_limit", 1000).set("test_limit", 300).set("max_epochs", 2)
        .set("batch_size", 100).set("hidden_sizes", List.of(32)).set("precision", 16)
        .set("error_probability", 0.5).set("recipe", "analogsweep-1");
    List<List<GridPoint>> pairs = List.of(
        List.of(slice.build(), slice.set("family", "relu-silu").set("gate_scale", 2).build()),
        List.of(slice.set("family", "relu-gelu").set("gate_scale", 1)
            .set("error_probability", 0).set("noise", "gaussian").build(),
            slice.set("noise", "laplace").build()),
        List.of(slice.set("noise", "gaussian").set("error_probability", 0.5)
            .set("interpolation", 1).build(), slice.set("leak", 0.2).build()));
    for (List<GridPoint> pair : pairs) {
      assertEquals(pair.get(0).trainingKey(), pair.get(1).trainingKey());
      assertNotEquals(pair.get(0).taskId(), pair.get(1).taskId());
      TaskResult a = GridPointTrainer.train(pair.get(0), Device.cpu(), 1);
      TaskResult b = GridPointTrainer.train(pair.get(1), Device.cpu(), 1);
      assertEquals(Status.OK, a.status(), a.message());
      assertEquals(a.epochRows().size(), b.epochRows().size());
      for (int k = 0; k < a.epochRows().size(); k++) {
        EpochMetrics x = a.epochRows().get(k);
        EpochMetrics y = b.epochRows().get(k);
        assertEquals(x.trainLoss(), y.trainLoss(), 0.0, pair.get(1).columns().toString());
        assertEquals(x.testLoss(), y.testLoss(), 0.0);
        assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0);
      }
      TaskResult shared = a.forPoint(pair.get(1));
      assertEquals(pair.get(1).taskId(), shared.taskId());
      assertEquals(a.maxTestAccuracy(), shared.maxTestAccuracy(), 0.0);
    }
  }
}
