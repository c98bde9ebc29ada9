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
import analogsweep.grid.ModelKind;
import analogsweep.layer.AnalogLayer;
import analogsweep.layer.LayerInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The share of each weight layer's weights (and biases) that the chain's reduce-precision step
 * leaves nonzero at initialization, for every model on a Fashion-MNIST-shaped input (1 x 28 x 28,
 * 10 classes) and p in {4, 8, 16, 64}: the project's side of the independent PyTorch cross-check
 * ({@code scripts/crosscheck/crosscheck.py nonzero}). Each parameter is drawn as the model draws
 * it under init uniform (U(+-1/sqrt(fan_in))) and under init authors (the model's own laws,
 * {@code LayerInit}), clamped and quantized by the chain's own operators (noise is not applied:
 * the question is what quantization alone zeroes). A value is zeroed where |w| <= 1/(2p), so the
 * law's expected share is {@code max(0, 1 - 1/(2 p bound))} for U(+-bound),
 * {@code erfc(1/(2 p sd sqrt 2))} for N(0, sd^2) and 0 for zeros; the counts must match it
 * within 5 binomial standard errors. With the system property {@code crosscheck.nonzero.out}
 * the table is written there as TSV; it is also printed. The system property
 * {@code nonzero.models} (comma-separated) replaces the default models (VGG-A, a minute of CPU
 * per init, is left out by default).
 */
class NonzeroFractionsTest extends EngineTest {
  static final List<String> MODELS = List.of("linear", "convnet", "vgg-a", "resnet-18", "vit");
  static final List<String> DEFAULT_SUITE_MODELS = List.of("linear", "convnet", "resnet-18",
      "vit");
  static final int[] PRECISIONS = {4, 8, 16, 64};
  static final String HEADER = "model\tparameter\tkind\tshape\tcount\tfan_in\tp\tnonzero";

  /** A TSV row and the share of nonzero values its law expects. */
  record Share(String row, double expected) {}

  /** The TSV rows (after {@link #HEADER}) of one model at seed {@code seed}, under {@code init}. */
  static List<String> rows(String model, long seed, String init) {
    return shares(model, seed, init).stream().map(Share::row).toList();
  }

  /** The rows of one model under {@code init} with the shares their laws expect. */
  static List<Share> shares(String model, long seed, String init) {
    GridPoint point = point(model, seed, init);
    SequentialBlock net = AnalogNetworks.build(point, 10);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    List<Share> out = new ArrayList<>();
    List<Pair<String, AnalogLayer>> layers = new ArrayList<>();
    collect(net, "", layers);
    for (Pair<String, AnalogLayer> layer : layers) {
      for (Pair<String, Parameter> param : layer.getValue().getDirectParameters()) {
        NDArray w = param.getValue().getArray();
        String kind = param.getKey();
        Shape shape = w.getShape();
        Shape ws = layer.getValue().getParameters().get("weight").getArray().getShape();
        long fanIn = ws.size() / ws.get(0);
        long fanOut = ws.size() / ws.get(1);
        LayerInit.Law law = kind.equals("weight") ? layer.getValue().init().weight()
            : layer.getValue().init().bias();
        for (int p : PRECISIONS) {
          long nonzero;
          try (NDArray clamped = AnalogChain.clamp(w);
              NDArray q = AnalogChain.deterministicLevels(clamped, p);
              NDArray nz = q.neq(0f); NDArray count = nz.sum()) {
            nonzero = count.toType(DataType.INT64, false).getLong();
          }
          out.add(new Share(String.join("\t", model, layer.getKey(), kind,
              shape.toString().replace(" ", ""), String.valueOf(shape.size()),
              String.valueOf(fanIn), String.valueOf(p), String.valueOf(nonzero)),
              expectedShare(law, fanIn, fanOut, p)));
        }
      }
    }
    return out;
  }

  /** The grid point whose network {@link #shares} reads: the default recipe, {@code init} given. */
  static GridPoint point(String model, long seed, String init) {
    return GridPoint.builder().set("data_path", "/unused").set("model", model)
        .set("seed", seed).set("init", init).build();
  }

  /** The share of draws of {@code law} with |w| > 1/(2p), which quantization keeps nonzero. */
  static double expectedShare(LayerInit.Law law, double fanIn, double fanOut, int p) {
    double half = 1.0 / (2 * p);
    return switch (law) {
      case DEFAULT -> Math.max(0, 1 - half * Math.sqrt(fanIn));
      case KAIMING_UNIFORM -> Math.max(0, 1 - half / Math.sqrt(6 / fanIn));
      case KAIMING_NORMAL_FAN_IN -> Erf.erfc(half / (Math.sqrt(2 / fanIn) * Math.sqrt(2)));
      case KAIMING_NORMAL_FAN_OUT -> Erf.erfc(half / (Math.sqrt(2 / fanOut) * Math.sqrt(2)));
      case ZERO -> 0;
    };
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

  @ParameterizedTest
  @ValueSource(strings = {"uniform", "authors"})
  void fractionsFollowTheInitializationLaw(String init) {
    List<String> table = new ArrayList<>();
    table.add(HEADER);
    String only = System.getProperty("nonzero.models", "");
    // VGG-A's 129M weights cost about a minute of CPU: the slow NonzeroCrossCheckTest has it
    List<String> models = only.isBlank() ? DEFAULT_SUITE_MODELS : List.of(only.split(","));
    for (String model : models) {
      if (init.equals("authors") && !Architectures.of(new ModelKind(model.strip()))
          .authorsInitialize()) {
        continue; // authors means uniform for this model: the other run has it
      }
      List<Share> shares = shares(model.strip(), 1, init);
      assertTrue(!shares.isEmpty(), model + " has no weight layer");
      for (Share share : shares) {
        String row = share.row();
        String[] f = row.split("\t");
        long n = Long.parseLong(f[4]);
        long nonzero = Long.parseLong(f[7]);
        double expected = share.expected();
        double se = Math.sqrt(expected * (1 - expected) / n);
        assertTrue(Math.abs((double) nonzero / n - expected) <= 5 * se + 1.0 / n,
            row + ": expected fraction " + expected + " under init " + init);
        if (expected == 0) {
          assertEquals(0, nonzero, row);
        }
        table.add(row);
        System.out.printf(Locale.ROOT, "init %s: %s %s %s p=%d: nonzero %.4f (law %.4f)%n",
            init, f[0], f[1], f[2], Integer.parseInt(f[6]), (double) nonzero / n, expected);
      }
    }
    String text = String.join("\n", table) + "\n";
    System.out.print(text);
    String target = System.getProperty("crosscheck.nonzero.out");
    if (target != null) {
      try {
        Files.writeString(Path.of(target.replace("{init}", init)), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
