package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import analogsweep.grid.GridPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A point's numbers depend on its seed alone, whatever its JVM trains before it or beside it:
 * trained again after other noisy trainings, in another order, or on one thread while other
 * trainings run on others (as Spark's task threads share an executor), its epoch rows are the
 * same to the bit. The points draw everything the engine draws: Gaussian noise, stochastic
 * rounding, Laplace noise and the ConvNet's dropout masks.
 */
class ReproducibleDrawsTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  static GridPoint.Builder noisy(long seed) {
    return noisyModel(seed).set("hidden_sizes", List.of(64));
  }

  private static GridPoint.Builder noisyModel(long seed) {
    return GridPoint.builder().set("data_path", FASHION).set("train_limit", 600)
        .set("test_limit", 200).set("max_epochs", 2).set("batch_size", 100)
        .set("precision", 16).set("error_probability", 0.5).set("interpolation", 0.5)
        .set("seed", seed);
  }

  /** Gaussian noise; stochastic rounding with Laplace noise; a ConvNet with dropout. */
  static List<GridPoint> points() {
    return List.of(noisy(1).build(),
        noisy(1).set("rounding", "stochastic").set("noise", "laplace").build(),
        noisyModel(3).set("model", "convnet").set("train_limit", 200).set("test_limit", 100)
            .set("max_epochs", 1).build());
  }

  static void assertSameNumbers(TaskResult a, TaskResult b, String what) {
    assertEquals(Status.OK, a.status(), a.message());
    assertEquals(Status.OK, b.status(), b.message());
    assertEquals(a.epochRows().size(), b.epochRows().size(), what);
    for (int k = 0; k < a.epochRows().size(); k++) {
      EpochMetrics x = a.epochRows().get(k);
      EpochMetrics y = b.epochRows().get(k);
      assertEquals(x.trainLoss(), y.trainLoss(), 0.0, what + ": train loss, epoch " + (k + 1));
      assertEquals(x.testLoss(), y.testLoss(), 0.0, what + ": test loss, epoch " + (k + 1));
      assertEquals(x.testAccuracy(), y.testAccuracy(), 0.0, what + ": accuracy");
    }
    assertEquals(a.maxTestAccuracy(), b.maxTestAccuracy(), 0.0, what);
  }

  private static TaskResult train(GridPoint p) {
    return GridPointTrainer.train(p, Device.cpu(), 1);
  }

  @Test
  void aPointTrainsAlikeInAnyOrderAndBesideOtherTrainings() throws Exception {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    List<GridPoint> points = points();
    List<TaskResult> first = new ArrayList<>();
    for (GridPoint p : points) {
      first.add(train(p));
    }
    // the noise differs between seeds: the comparisons below could fail
    assertNotEquals(first.get(0).epochRows().get(0).trainLoss(),
        train(noisy(2).build()).epochRows().get(0).trainLoss());
    // the reverse order, each point after the others' draws
    for (int k = points.size() - 1; k >= 0; k--) {
      assertSameNumbers(first.get(k), train(points.get(k)), "reverse order, point " + k);
    }
    // all at once on three threads, each drawing while the others draw
    ExecutorService pool = Executors.newFixedThreadPool(points.size());
    try {
      List<Future<TaskResult>> running = new ArrayList<>();
      for (GridPoint p : points) {
        running.add(pool.submit(() -> train(p)));
      }
      for (int k = 0; k < points.size(); k++) {
        assertSameNumbers(first.get(k), running.get(k).get(), "concurrent, point " + k);
      }
    } finally {
      pool.shutdown();
    }
  }

  /** A pack draws from streams of its own: the same pack trains alike before and beside others. */
  @Test
  void aPackTrainsAlikeBesideOtherTrainings() throws Exception {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    TrainingJob pack = new TrainingJob(List.of(noisy(1).build(),
        noisy(2).set("interpolation", 1).set("error_probability", 0.3).build()));
    List<TaskResult> alone = GridPointTrainer.train(pack, Device.cpu(), 1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TaskResult> other = pool.submit(() -> train(noisy(5).build()));
      Future<List<TaskResult>> again = pool.submit(
          () -> GridPointTrainer.train(pack, Device.cpu(), 1));
      other.get();
      for (int k = 0; k < alone.size(); k++) {
        assertSameNumbers(alone.get(k), again.get().get(k), "pack, point " + k);
      }
    } finally {
      pool.shutdown();
    }
  }
}
