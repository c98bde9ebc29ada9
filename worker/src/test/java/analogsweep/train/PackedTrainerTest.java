package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import analogsweep.grid.GridPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packed training against training alone: one result per point, the same accuracy distribution
 * over seeds, each point's own stopping and failure, and a pack of one that is today's run.
 */
class PackedTrainerTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  static GridPoint.Builder slice() {
    return GridPoint.builder().set("data_path", FASHION).set("train_limit", 3000)
        .set("test_limit", 1000).set("max_epochs", 2).set("batch_size", 100)
        .set("hidden_sizes", List.of(64)).set("precision", 16);
  }

  /**
   * Five seeds at i = 1 under noise, packed together and each alone: the points start from the
   * same weights and see the same batches, only the noise draws differ, so the paired accuracy
   * differences must average to zero within a few standard errors.
   */
  @Test
  void packedAndAloneAgreeOverSeeds() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    List<GridPoint> points = new ArrayList<>();
    for (int seed = 1; seed <= 5; seed++) {
      points.add(slice().set("interpolation", 1).set("error_probability", 0.5)
          .set("train_limit", 2000).set("seed", seed).build());
    }
    List<TaskResult> packed = GridPointTrainer.train(new TrainingJob(points), Device.cpu(), 2);
    double[] diff = new double[points.size()];
    for (int k = 0; k < points.size(); k++) {
      TaskResult alone = GridPointTrainer.train(points.get(k), Device.cpu(), 2);
      TaskResult p = packed.get(k);
      assertEquals(points.get(k).taskId(), p.taskId());
      assertEquals(Status.OK, p.status(), p.message());
      assertEquals(5, p.provenance().packSize());
      assertEquals(alone.provenance().parameterCount(), p.provenance().parameterCount());
      assertEquals(2, p.epochRows().size());
      diff[k] = p.maxTestAccuracy() - alone.maxTestAccuracy();
      System.out.printf("seed %d: alone %.4f packed %.4f%n", k + 1, alone.maxTestAccuracy(),
          p.maxTestAccuracy());
    }
    double mean = 0;
    for (double d : diff) {
      mean += d / diff.length;
    }
    double var = 0;
    for (double d : diff) {
      var += (d - mean) * (d - mean) / (diff.length - 1);
    }
    double se = Math.sqrt(var / diff.length);
    assertTrue(Math.abs(mean) <= 3 * se + 0.005, "mean paired difference " + mean + " (se "
        + se + ")");
  }

  /** A point that fails leaves the pack; the others train to the end. */
  @Test
  void aFailingPointLeavesThePack() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    List<GridPoint> points = new ArrayList<>();
    for (double i : new double[] {0, 0.5, 1}) {
      points.add(slice().set("interpolation", i).set("error_probability", 0.3)
          .set("train_limit", 1000).build());
    }
    String failing = points.get(1).taskId();
    System.setProperty(FaultInjection.PROPERTY, failing.substring(0, 16) + "@1");
    List<TaskResult> results;
    try {
      results = GridPointTrainer.train(new TrainingJob(points), Device.cpu(), 1);
    } finally {
      System.clearProperty(FaultInjection.PROPERTY);
    }
    assertEquals(Status.FAILED, results.get(1).status());
    assertEquals(1, results.get(1).epochRows().size(), "the epoch before the failure is kept");
    assertTrue(results.get(1).message().contains("injected failure after epoch 1"));
    for (int k : new int[] {0, 2}) {
      assertEquals(Status.OK, results.get(k).status(), results.get(k).message());
      assertEquals(2, results.get(k).epochs());
    }
  }

  /** A job of one point is that point trained alone, to the bit. */
  @Test
  void aPackOfOneIsTodaysRun() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    GridPoint p = slice().set("interpolation", 0.5).set("error_probability", 0.5)
        .set("train_limit", 500).set("max_epochs", 1).build();
    TaskResult job = GridPointTrainer.train(TrainingJob.of(p), Device.cpu(), 1).get(0);
    TaskResult alone = GridPointTrainer.train(p, Device.cpu(), 1);
    assertEquals(alone.epochRows().get(0).trainLoss(), job.epochRows().get(0).trainLoss(), 0.0);
    assertEquals(alone.maxTestAccuracy(), job.maxTestAccuracy(), 0.0);
    assertEquals(1, job.provenance().packSize());
  }
}
