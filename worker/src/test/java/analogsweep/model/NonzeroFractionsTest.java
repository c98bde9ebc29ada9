package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import analogsweep.EngineTest;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.GridPoint;
import analogsweep.layer.AnalogLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The share of each weight layer's weights (and biases) that the chain's reduce-precision step
 * leaves nonzero at initialization, for every model on a Fashion-MNIST-shaped input (1 x 28 x 28,
 * 10 classes) and p in {4, 8, 16, 64}: the project's side of the independent PyTorch cross-check
 * ({@code scripts/crosscheck/crosscheck.py nonzero}). Each parameter is drawn as the model draws
 * it today (U(+-1/sqrt(fan_in)), {@code SeededInitializer}), clamped and quantized by the chain's
 * own operators (noise is not applied: the question is what quantization alone zeroes). With the
 * system property {@code crosscheck.nonzero.out} the table is written there as TSV; it is also
 * printed. The counts must match the law's expectation {@code n max(0, 1 - 1/(2 p bound))}
 * within 5 binomial standard errors.
 */
class NonzeroFractionsTest extends EngineTest {
  static final List<String> MODELS = List.of("linear", "convnet", "vgg-a", "resnet-18", "vit");
  static final List<String> DEFAULT_SUITE_MODELS = List.of("linear", "convnet", "resnet-18",
      "vit");
  static final int[] PRECISIONS = {4, 8, 16, 64};
  static final String HEADER = "model\tparameter\tkind\tshape\tcount\tfan_in\tp\tnonzero";

  /** The TSV rows (after {@link #HEADER}) of one model at seed {@code seed}. */
  static List<String> rows(String model, long seed) {
    GridPoint point = GridPoint.builder().set("data_path", "/unused").set("model", model)
        .set("seed", seed).build();
    SequentialBlock net = AnalogNetworks.build(point, 10);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    List<String> out = new ArrayList<>();
    List<Pair<String, AnalogLayer>> layers = new ArrayList<>();
    collect(net, "", layers);
    for (Pair<String, AnalogLayer> layer : layers) {
      for (Pair<String, Parameter> param : layer.getValue().getDirectParameters()) {
        NDArray w = param.getValue().getArray();
        String kind = param.getKey();
        Shape shape = w.getShape();
        long fanIn = layer.getValue().getParameters().get("weight").getArray().getShape().size()
            / layer.getValue().getParameters().get("weight").getArray().getShape().get(0);
        for (int p : PRECISIONS) {
          long nonzero;
          try (NDArray clamped = AnalogChain.clamp(w);
              NDArray q = AnalogChain.deterministicLevels(clamped, p);
              NDArray nz = q.neq(0f); NDArray count = nz.sum()) {
            nonzero = count.toType(DataType.INT64, false).getLong();
          }
          out.add(String.join("\t", model, layer.getKey(), kind,
              shape.toString().replace(" ", ""), String.valueOf(shape.size()),
              String.valueOf(fanIn), String.valueOf(p), String.valueOf(nonzero)));
        }
      }
    }
    return out;
  }

  /** Every AnalogLayer under {@code b}, in the order of the block tree, with its path. */
  private static void collect(Block b, String path, List<Pair<String, AnalogLayer>> out) {
    if (b instanceof AnalogLayer a) {
      out.add(new Pair<>(path.isEmpty() ? "layer" : path, a));
      return;
    }
    for (Pair<String, Block> child : b.getChildren()) {
      collect(child.getValue(), path.isEmpty() ? child.getKey() : path + "/" + child.getKey(),
          out);
    }
  }

  @Test
  void fractionsFollowTheInitializationLaw() {
    List<String> table = new ArrayList<>();
    table.add(HEADER);
    // VGG-A's 129M weights cost about a minute of CPU: the slow NonzeroCrossCheckTest has it
    for (String model : DEFAULT_SUITE_MODELS) {
      List<String> rows = rows(model, 1);
      assertTrue(!rows.isEmpty(), model + " has no weight layer");
      for (String row : rows) {
        String[] f = row.split("\t");
        long n = Long.parseLong(f[4]);
        long fanIn = Long.parseLong(f[5]);
        int p = Integer.parseInt(f[6]);
        long nonzero = Long.parseLong(f[7]);
        double expected = Math.max(0, 1 - Math.sqrt(fanIn) / (2.0 * p));
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertTrue(Math.abs((double) nonzero / n - expected) <= 5 * se + 1.0 / n,
            row + ": expected fraction " + expected);
        if (expected == 0) {
          assertEquals(0, nonzero, row);
        }
      }
      table.addAll(rows);
    }
    String text = String.join("\n", table) + "\n";
    System.out.print(text);
    String target = System.getProperty("crosscheck.nonzero.out");
    if (target != null) {
      try {
        Files.writeString(Path.of(target), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
