package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.data.TestData;
import analogsweep.grid.GridPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridPointTrainerTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  @TempDir
  Path tmp;

  static GridPoint.Builder fashionSlice() {
    return GridPoint.builder().set("data_path", FASHION).set("train_limit", 2000)
        .set("test_limit", 500).set("max_epochs", 2).set("batch_size", 100)
        .set("hidden_sizes", java.util.List.of(64));
  }

  @Test
  void trainsUnderNoiseAndTheSameSeedGivesTheSameResult() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    GridPoint p = fashionSlice().set("precision", 16).set("error_probability", 0.5)
        .set("interpolation", 0.5).build();
    TaskResult a = GridPointTrainer.train(p, Device.cpu(), 1);
    TaskResult b = GridPointTrainer.train(p, Device.cpu(), 1);
    assertEquals(Status.OK, a.status(), a.message());
    assertEquals(2, a.epochs());
    assertEquals("max_epochs", a.stopReason());
    assertTrue(a.maxTestAccuracy() > 0.4, "far above chance (0.1): " + a.maxTestAccuracy());
    assertEquals(a.epochRows().size(), b.epochRows().size());
    for (int k = 0; k < a.epochRows().size(); k++) {
      assertEquals(a.epochRows().get(k).trainLoss(), b.epochRows().get(k).trainLoss(), 0.0);
      assertEquals(a.epochRows().get(k).testAccuracy(), b.epochRows().get(k).testAccuracy(), 0.0);
    }
    TaskResult other = GridPointTrainer.train(fashionSlice().set("precision", 16)
        .set("error_probability", 0.5).set("interpolation", 0.5).set("seed", 2).build(),
        Device.cpu(), 1);
    assertNotEquals(a.epochRows().get(0).trainLoss(), other.epochRows().get(0).trainLoss());
    Provenance prov = a.provenance();
    assertEquals(p.taskId(), prov.taskId());
    assertEquals("0.32.0", prov.djlVersion());
    assertEquals("2.5.1", prov.pytorchVersion());
    assertEquals(235146 - 784 * 256 - 256 * 128 - 128 * 10 - 256 - 128 - 10 + 784 * 64 + 64
        + 64 * 10 + 10, prov.parameterCount());
    assertEquals(64, prov.datasetSha256().length());
    assertEquals(0.5, prov.gsd(), 1e-12);
    long trained = a.epochRows().stream().mapToLong(EpochMetrics::trainSamples).sum();
    assertEquals(2 * 2000, trained);
    assertEquals(trained * 1000.0 / a.trainMillis(), a.samplesPerSecond(), 1e-9);
  }

  /**
   * Evaluation repeats: one repeat is the stored behaviour (same task id, no spread); without
   * noise every repeat sees the same network and data, so the spread is 0 and the mean the single
   * pass; under noise the passes differ, and the first epoch's training (before any evaluation)
   * is untouched by how often it is evaluated.
   */
  @Test
  void evaluationRepeatsKeepTheMeanAndTheSpread() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 300, 200, 12, 12, true);
    GridPoint.Builder b = GridPoint.builder().set("data_path", dir.toString())
        .set("max_epochs", 2).set("batch_size", 50).set("hidden_sizes", java.util.List.of(32));
    GridPoint once = b.build();
    assertEquals(once.taskId(), b.set("eval_repeats", 1).build().taskId(), "default: same id");
    TaskResult clean1 = GridPointTrainer.train(once, Device.cpu(), 1);
    TaskResult clean3 = GridPointTrainer.train(b.set("eval_repeats", 3).build(), Device.cpu(), 1);
    for (int k = 0; k < 2; k++) {
      EpochMetrics e1 = clean1.epochRows().get(k);
      EpochMetrics e3 = clean3.epochRows().get(k);
      assertTrue(Double.isNaN(e1.testAccuracySd()), "one repeat has no spread");
      assertEquals(e1.testAccuracy(), e3.testAccuracy(), 1e-12);
      assertEquals(e1.testLoss(), e3.testLoss(), 1e-6);
      assertEquals(0.0, e3.testAccuracySd(), 1e-12);
    }

    GridPoint noisy1 = b.set("eval_repeats", 1).set("precision", 8)
        .set("error_probability", 0.6).build();
    GridPoint noisy8 = b.set("eval_repeats", 8).build();
    TaskResult n1 = GridPointTrainer.train(noisy1, Device.cpu(), 1);
    TaskResult n8 = GridPointTrainer.train(noisy8, Device.cpu(), 1);
    assertEquals(n1.epochRows().get(0).trainLoss(), n8.epochRows().get(0).trainLoss(), 0.0);
    EpochMetrics e8 = n8.epochRows().get(0);
    assertTrue(e8.testAccuracySd() > 0, "fresh noise in every pass: " + e8.testAccuracySd());
    // one pass is one draw from the distribution whose mean and spread the 8 passes estimate
    assertEquals(e8.testAccuracy(), n1.epochRows().get(0).testAccuracy(),
        5 * e8.testAccuracySd() + 1e-9);
  }

  /** Training many tasks leaves no arrays behind in the engine's managers. */
  @Test
  void closesEverything() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 300, 100, 12, 12, true);
    GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("max_epochs", 1)
        .set("batch_size", 50).set("precision", 8).set("error_probability", 0.3)
        .set("hidden_sizes", java.util.List.of(32)).build();
    GridPointTrainer.train(p, Device.cpu(), 1);
    int before = liveArrays();
    for (int k = 0; k < 5; k++) {
      assertEquals(Status.OK, GridPointTrainer.train(p, Device.cpu(), 1).status());
    }
    assertEquals(before, liveArrays());
  }

  /** Arrays alive in all of the engine's managers. */
  static int liveArrays() {
    try (NDManager probe = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      return probe.getParentManager().getManagedArrays().size();
    }
  }

  @Test
  void nanLossIsADivergedResult() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 300, 100, 12, 12, false);
    Dataset data = DatasetCache.get(dir.toString(), false);
    GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("max_epochs", 3)
        .set("batch_size", 50).set("hidden_sizes", java.util.List.of(16)).build();
    AtomicInteger calls = new AtomicInteger();
    Loss base = Loss.softmaxCrossEntropyLoss();
    Loss poisoned = new Loss("poisoned") {
      @Override
      public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray l = base.evaluate(labels, predictions);
        return calls.incrementAndGet() > 9 ? l.mul(Float.NaN) : l;
      }
    };
    TaskResult r = GridPointTrainer.train(p, data, Device.cpu(), 1, 0, poisoned);
    assertEquals(Status.DIVERGED, r.status());
    assertEquals("diverged", r.stopReason());
    assertTrue(r.message().contains("NaN"), r.message());
    // epoch 1: 6 training calls + 1 test call; the 10th call is batch 3 of epoch 2
    assertEquals(2, r.epochs());
    assertEquals(100, r.epochRows().get(1).trainSamples());
    assertEquals(r.epochRows().get(0).testAccuracy(), r.maxTestAccuracy(), 0.0,
        "epoch 1 still counts");
  }

  @Test
  void failuresBecomeFailedResults() throws IOException {
    TaskResult missing = GridPointTrainer.train(GridPoint.builder()
        .set("data_path", tmp.resolve("nothing").toString()).build(), Device.cpu(), 1);
    assertEquals(Status.FAILED, missing.status());
    assertTrue(missing.message().contains(tmp.resolve("nothing") + ": no such folder"),
        missing.message());
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 200, 50, 12, 12, false);
    GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("max_epochs", 3)
        .set("early_stopping", false).set("hidden_sizes", java.util.List.of(8)).build();
    System.setProperty(FaultInjection.PROPERTY, p.taskId().substring(0, 10) + "@2");
    try {
      TaskResult r = GridPointTrainer.train(p, Device.cpu(), 1);
      assertEquals(Status.FAILED, r.status());
      assertTrue(r.message().contains("injected failure after epoch 2"), r.message());
    } finally {
      System.clearProperty(FaultInjection.PROPERTY);
    }
  }

  @Test
  void timeBudgetEndsTheRun() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 2000, 100, 16, 16, false);
    GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("max_epochs", 100000)
        .set("batch_size", 10).set("early_stopping", false).set("time_budget_seconds", 2)
        .build();
    long t0 = System.nanoTime();
    TaskResult r = GridPointTrainer.train(p, Device.cpu(), 1);
    assertEquals(Status.OK, r.status(), r.message());
    assertEquals("time_budget", r.stopReason());
    assertTrue((System.nanoTime() - t0) / 1e9 < 20, "stopped near the budget");
  }

  @Test
  void earlyStoppingRules() {
    assertNull(GridPointTrainer.earlyStop(9, 0.10, 0.10, 0.10, 10), "chance rule waits for 10");
    assertEquals("early_stop_chance", GridPointTrainer.earlyStop(10, 0.12, 0.10, 0.10, 10));
    assertNull(GridPointTrainer.earlyStop(10, 0.13, 0.13, 0.13, 10));
    assertEquals("early_stop_drop", GridPointTrainer.earlyStop(3, 0.8, 0.749, 0.8, 10));
    assertNull(GridPointTrainer.earlyStop(3, 0.8, 0.751, 0.8, 10));
  }

  /** The paper's ConvNet at full depth trains a few batches of 32x32x3 data, colour and gray. */
  @Test
  void convNetTrainsAtFullDepth() throws IOException {
    Path dir = TestData.writeCifar10(tmp.resolve("cifar"), 16, 32);
    for (boolean gray : new boolean[] {false, true}) {
      GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("model", "convnet")
          .set("grayscale", gray).set("family", "relu-silu").set("interpolation", 0.3)
          .set("precision", 32).set("error_probability", 0.4).set("max_epochs", 1)
          .set("batch_size", 32).build();
      TaskResult r = GridPointTrainer.train(p, Device.cpu(), 2);
      assertEquals(Status.OK, r.status(), r.message());
      assertEquals(1, r.epochs());
      assertEquals(80, r.epochRows().get(0).trainSamples());
      assertTrue(Double.isFinite(r.finalTrainLoss()));
      assertEquals(gray ? 1_171_546 : 1_172_410, r.provenance().parameterCount());
    }
  }

  /** The gated family doubles the width before each activation and still trains. */
  @Test
  void gatedFamilyTrains() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 400, 100, 12, 12, false);
    GridPoint p = GridPoint.builder().set("data_path", dir.toString()).set("family", "reglu-geglu")
        .set("interpolation", 1).set("precision", 16).set("error_probability", 0.2)
        .set("hidden_sizes", java.util.List.of(32)).set("max_epochs", 3).set("batch_size", 20)
        .build();
    TaskResult r = GridPointTrainer.train(p, Device.cpu(), 1);
    assertEquals(Status.OK, r.status(), r.message());
    assertEquals(144 * 64 + 64 + 32 * 10 + 10, r.provenance().parameterCount());
    assertTrue(r.maxTestAccuracy() > 0.5, "learns the banded images: " + r.maxTestAccuracy());
  }
}
