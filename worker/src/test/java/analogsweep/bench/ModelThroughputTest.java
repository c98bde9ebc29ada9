package analogsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import analogsweep.grid.GridPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of a tiny network's throughput run: forward FLOPs per sample by hand (the rates are
 * timings, checked only for being numbers).
 */
class ModelThroughputTest {
  /**
   * Linear model 784 -> 16 -> 8 -> 10: 2 x (784 x 16 + 16 x 8 + 8 x 10) = 2 x 12,752 = 25,504
   * FLOPs per sample (two per multiply-add; biases and activations not counted).
   */
  @Test
  void forwardFlopsOfTheLinearModelByHand() {
    GridPoint p = GridPoint.builder().set("data_path", "(random)").set("model", "linear")
        .set("hidden_sizes", List.of(16, 8)).set("batch_size", 8).build();
    ModelThroughput.Result r = ModelThroughput.measure(p, new Shape(1, 28, 28), 10,
        Device.cpu(), 1, 0, 1);
    assertEquals(25_504L, r.forwardFlopsPerSample());
    assertTrue(Double.isFinite(r.trainSamplesPerSecond()) && Double.isFinite(
        r.evalSamplesPerSecond()), r.toString());
  }
}
