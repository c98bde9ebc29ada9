package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import analogsweep.EngineTest;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.grid.GridPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The project's side of the cross-check of one forward pass ({@code scripts/crosscheck/
 * crosscheck.py forward}): the linear model and the ConvNet under the authors' recipe at i = 1,
 * p = 16, without noise and at EP 0.5, freshly initialized from seeds 1 to 20, applied (noise on,
 * dropout off) to the first 64 Fashion-MNIST test images. Each logit is written to the TSV named
 * by {@code crosscheck.forward.out}; PyTorch's are compared with them seed by seed in
 * distribution. Here: the logits are those of the chain's end and the classifier's activation
 * where the recipe puts it, a pass without noise repeats to the bit and one with noise does not.
 * Slow: 80 networks, about 4 minutes on 2 shared cores.
 */
@Tag("slow")
class ForwardOutputsTest extends EngineTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";
  static final int IMAGES = 64;
  static final int SEEDS = 20;

  /** The logits of one fresh network for {@code point} on {@code x}, twice. */
  private static float[][] twice(GridPoint point, NDArray x) {
    SequentialBlock net = AnalogNetworks.build(point, 10);
    net.initialize(manager, DataType.FLOAT32, x.getShape());
    ParameterStore ps = new ParameterStore(manager, false);
    float[][] out = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (NDList y = net.forward(ps, new NDList(x), false)) {
        out[k] = y.singletonOrThrow().toFloatArray();
      }
    }
    return out;
  }

  @Test
  void logitsOfOneForwardPass() throws IOException {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    Dataset data = DatasetCache.get(FASHION, false);
    float[] pixels = new float[IMAGES * 28 * 28];
    for (int k = 0; k < pixels.length; k++) {
      pixels[k] = (data.testImages()[k] & 0xff) / 255f;
    }
    List<String> rows = new ArrayList<>();
    rows.add("model\terror_probability\tseed\tindex\tlogit");
    try (NDArray x = manager.create(pixels, new Shape(IMAGES, 1, 28, 28))) {
      for (String model : List.of("linear", "convnet")) {
        for (double ep : new double[] {0, 0.5}) {
          for (int seed = 1; seed <= SEEDS; seed++) {
            GridPoint p = GridPoint.builder().set("data_path", FASHION).set("model", model)
                .set("interpolation", 1).set("precision", 16).set("error_probability", ep)
                .set("seed", seed).build();
            float[][] y = twice(p, x);
            assertEquals(IMAGES * 10, y[0].length);
            if (ep == 0) {
              assertArrayEquals(y[0], y[1], "no noise: the same pass twice");
            } else {
              assertFalse(Arrays.equals(y[0], y[1]), "fresh noise in each pass");
            }
            for (int k = 0; k < y[0].length; k++) {
              float v = y[0][k];
              if (model.equals("convnet")) {
                // GELU of a value the chain clamped to [-1, 1]: within [GELU min, GELU(1)]
                assertTrue(v >= -0.1701f && v <= 0.8414f, model + " logit " + v);
              } else {
                // the chain's end: a level of step 1/16 in [-1, 1]
                assertEquals(Math.rint(v * 16) / 16, v, 1e-6, model + " logit " + v);
              }
              rows.add(model + "\t" + ep + "\t" + seed + "\t" + k + "\t" + v);
            }
          }
        }
      }
    }
    String out = System.getProperty("crosscheck.forward.out", "");
    if (!out.isBlank()) {
      Files.write(Path.of(out), rows);
    }
  }
}
