package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import analogsweep.EngineTest;
import analogsweep.data.Dataset;
import analogsweep.grid.GridPoint;
import analogsweep.grid.LearningRateSchedule;
import analogsweep.grid.TrainingSection;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Learning-rate schedule, weight decay, normalization and augmentation, against closed forms. */
class TrainingSettingsTest extends EngineTest {

  static TrainingSection training(String... fields) {
    GridPoint.Builder b = GridPoint.builder().set("data_path", "/unused");
    for (int k = 0; k < fields.length; k += 2) {
      b.set(fields[k], analogsweep.common.Json.scalar(fields[k + 1]));
    }
    return b.build().training();
  }

  @Test
  void cosineScheduleStepsOncePerEpoch() {
    TrainingSection t = training("learning_rate", "0.001", "max_epochs", "4",
        "learning_rate_schedule", "cosine");
    EpochLearningRate rate = new EpochLearningRate(t, 3);
    // epoch e of 4 trains at 0.001 (1 + cos(pi (e - 1) / 4)) / 2
    double[] expected = {0.001, 0.001 * (1 + Math.cos(Math.PI / 4)) / 2, 0.0005,
        0.001 * (1 + Math.cos(3 * Math.PI / 4)) / 2};
    for (int update = 1; update <= 12; update++) {
      assertEquals(expected[(update - 1) / 3], rate.getNewValue(update), 1e-9, "update " + update);
    }
    EpochLearningRate fixed = new EpochLearningRate(training("learning_rate", "0.01"), 3);
    assertEquals(0.01f, fixed.getNewValue(1));
    assertEquals(0.01f, fixed.getNewValue(1000));
    assertEquals(0.0005, LearningRateSchedule.COSINE.rate(0.001, 2, 2), 1e-15);
  }

  /** One Adam step of one weight with gradient g: Adam moves each weight by about lr sign(g). */
  private static float step(Optimizer adam, NDArray w, float gradient) {
    float before = w.getFloat(0);
    Autograd.recording(true, () -> {
      NDArray loss = w.mul(manager.create(gradient)).sum();
      Autograd.backward(loss);
      return loss;
    });
    Autograd.recording(false, () -> {
      adam.update("w", w, w.getGradient());
      return null;
    });
    return w.getFloat(0) - before;
  }

  /** DJL's Adam asks the schedule with its update count: epoch 2 of 2 moves at half the rate. */
  @Test
  void adamFollowsTheScheduleEpochByEpoch() {
    Optimizer adam = GridPointTrainer.adam(training("learning_rate", "0.001", "max_epochs", "2",
        "learning_rate_schedule", "cosine"), 1);
    NDArray w = manager.create(new float[] {0.5f});
    w.setRequiresGradient(true);
    assertEquals(-0.001, step(adam, w, 1f), 1e-6);
    assertEquals(-0.0005, step(adam, w, 1f), 1e-6);
  }

  /**
   * Weight decay is torch.optim.Adam's: added to the gradient before the moments, so with a zero
   * gradient Adam still moves a weight by about lr towards zero (AdamW would move it by lr wd w,
   * here 5e-6).
   */
  @Test
  void weightDecayIsL2InTheGradientAsTorchAdam() {
    Optimizer adam = GridPointTrainer.adam(training("learning_rate", "0.001",
        "weight_decay", "0.01"), 1);
    NDArray w = manager.create(new float[] {0.5f});
    w.setRequiresGradient(true);
    assertEquals(-0.001, step(adam, w, 0f), 1e-5);
    Optimizer none = GridPointTrainer.adam(training("learning_rate", "0.001"), 1);
    NDArray v = manager.create(new float[] {0.5f});
    v.setRequiresGradient(true);
    assertEquals(0.0, step(none, v, 0f), 0.0);
  }

  static Dataset images(int channels, int size, int train, int test, long seed) {
    Random r = new Random(seed);
    byte[] tr = new byte[train * channels * size * size];
    byte[] te = new byte[test * channels * size * size];
    r.nextBytes(tr);
    r.nextBytes(te);
    for (int k = 0; k < tr.length; k++) {
      tr[k] = (byte) ((tr[k] & 0x7f) + 40 * ((k / (size * size)) % channels)); // channels differ
    }
    return new Dataset("test", "test", channels, size, size, 10, tr, new byte[train], te,
        new byte[test], "sha");
  }

  static GridPoint.Builder pipelinePoint() {
    return GridPoint.builder().set("data_path", "/unused");
  }

  /** Per-channel normalization gives the training split mean 0 and standard deviation 1. */
  @Test
  void perChannelNormalizationStandardizesTheTrainingSplit() {
    Dataset d = images(3, 8, 200, 10, 1);
    InputPipeline pipeline = new InputPipeline(d,
        pipelinePoint().set("normalization", "per-channel").build().data(), 1);
    float[] out = new float[200 * 3 * 64];
    pipeline.fill(out, 0, d.trainImages(), null, 0, 200, true);
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      double squares = 0;
      int n = 0;
      for (int k = 0; k < 200; k++) {
        for (int j = 0; j < 64; j++) {
          double v = out[(k * 3 + c) * 64 + j];
          sum += v;
          squares += v * v;
          n++;
        }
      }
      assertEquals(0.0, sum / n, 1e-5, "channel " + c);
      assertEquals(1.0, Math.sqrt(squares / n - (sum / n) * (sum / n)), 1e-5, "channel " + c);
    }
    double[][] stats = InputPipeline.channelStatistics(d);
    float[] test = new float[3 * 64];
    pipeline.fill(test, 0, d.testImages(), null, 0, 1, false);
    int v = d.testImages()[64 + 5] & 0xff; // channel 1, pixel 5 of test image 0
    assertEquals((v / 255.0 - stats[1][0]) / stats[1][1], test[64 + 5], 1e-5);
    InputPipeline plain = new InputPipeline(d, pipelinePoint().build().data(), 1);
    plain.fill(test, 0, d.testImages(), null, 0, 1, false);
    assertEquals(v / 255f, test[64 + 5], 0f);
  }

  /**
   * crop-flip: each training image is the reflect-padded image cut at a uniform offset in
   * [-4, 4]^2 and flipped with probability 1/2; test images are never changed. Images whose pixel
   * encodes its position let the test read back the offset and the flip of each draw.
   */
  @Test
  void cropFlipShiftsByUpToFourReflectingAndFlipsHalfTheImages() {
    int size = 12;
    int n = 3000;
    byte[] img = new byte[n * size * size];
    for (int k = 0; k < n; k++) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          img[(k * size + y) * size + x] = (byte) (y * size + x);
        }
      }
    }
    Dataset d = new Dataset("t", "t", 1, size, size, 10, img, new byte[n], img, new byte[n], "s");
    InputPipeline pipeline = new InputPipeline(d,
        pipelinePoint().set("augmentation", "crop-flip").build().data(), 7);
    float[] out = new float[n * size * size];
    pipeline.fill(out, 0, d.trainImages(), null, 0, n, true);
    int flips = 0;
    int[] shifts = new int[9];
    for (int k = 0; k < n; k++) {
      // the centre pixel (6, 6) comes from (6 + dy, 6 +/- ... ) inside the image: no reflection
      int centre = Math.round(out[(k * size + 6) * size + 6] * 255);
      int dy = centre / size - 6;
      int right = Math.round(out[(k * size + 6) * size + 7] * 255) % size;
      boolean flip = right < centre % size;
      int dx = centre % size - (flip ? size - 1 - 6 : 6);
      flips += flip ? 1 : 0;
      shifts[dx + 4]++;
      assertTrue(Math.abs(dy) <= 4 && Math.abs(dx) <= 4, "offset " + dy + ", " + dx);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int sy = InputPipeline.reflect(y + dy, size);
          int sx = InputPipeline.reflect((flip ? size - 1 - x : x) + dx, size);
          assertEquals(sy * size + sx, Math.round(out[(k * size + y) * size + x] * 255),
              "image " + k + " at " + y + ", " + x);
        }
      }
    }
    // Binomial(3000, 1/2) and (3000, 1/9): within 4 standard errors
    assertEquals(n / 2.0, flips, 4 * Math.sqrt(n / 4.0));
    for (int count : shifts) {
      assertEquals(n / 9.0, count, 4 * Math.sqrt(n * (1 / 9.0) * (8 / 9.0)), Arrays.toString(shifts));
    }
    assertEquals(1, InputPipeline.reflect(-1, size));
    assertEquals(size - 2, InputPipeline.reflect(size, size));
    float[] test = new float[size * size];
    pipeline.fill(test, 0, d.testImages(), null, 0, 1, false);
    for (int j = 0; j < test.length; j++) {
      assertEquals(j, Math.round(test[j] * 255), "test images are not augmented");
    }
    // the same seed draws the same crops, another seed others
    float[] again = new float[out.length];
    new InputPipeline(d, pipelinePoint().set("augmentation", "crop-flip").build().data(), 7)
        .fill(again, 0, d.trainImages(), null, 0, n, true);
    assertArrayEquals(out, again, 0f);
    new InputPipeline(d, pipelinePoint().set("augmentation", "crop-flip").build().data(), 8)
        .fill(again, 0, d.trainImages(), null, 0, n, true);
    assertFalse(Arrays.equals(out, again));
  }

  @Test
  void cropFlipRefusesTinyImages() {
    Dataset d = images(1, 4, 2, 2, 3);
    assertThrows(IllegalArgumentException.class, () -> new InputPipeline(d,
        pipelinePoint().set("augmentation", "crop-flip").build().data(), 1));
  }
}
