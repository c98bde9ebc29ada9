package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import analogsweep.grid.GridPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Convergence on all of Fashion-MNIST (tagged slow: about a minute on 2 cores). The linear model
 * without noise reaches 85% in a few epochs; with p = 16, EP = 0.5 it still trains far above
 * chance (10%).
 */
@Tag("slow")
class FashionMnistConvergenceTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  static TaskResult train(GridPoint.Builder b) {
    TaskResult r = GridPointTrainer.train(b.set("data_path", FASHION).set("max_epochs", 3)
        .build(), Device.cpu(), 2);
    System.out.printf("fashion-mnist %s: max test accuracy %.4f after %d epochs, %.0f samples/s%n",
        r.point().analog().anySwitch() && r.point().analog().precision() != null
            ? "p=" + r.point().analog().precision() + " EP="
                + r.point().analog().errorProbability() : "digital",
        r.maxTestAccuracy(), r.epochs(), r.samplesPerSecond());
    return r;
  }

  @Test
  void linearModelLearnsWithAndWithoutNoise() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    TaskResult clean = train(GridPoint.builder().set("analog_inputs", false)
        .set("analog_outputs", false).set("analog_weights", false));
    assertEquals(Status.OK, clean.status());
    assertTrue(clean.maxTestAccuracy() >= 0.85, "clean: " + clean.maxTestAccuracy());
    TaskResult noisy = train(GridPoint.builder().set("precision", 16)
        .set("error_probability", 0.5).set("interpolation", 1));
    assertEquals(Status.OK, noisy.status());
    assertTrue(noisy.maxTestAccuracy() >= 0.5, "p=16, EP=0.5: " + noisy.maxTestAccuracy());
  }
}
