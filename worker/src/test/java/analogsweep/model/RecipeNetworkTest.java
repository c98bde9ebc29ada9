package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import analogsweep.EngineTest;
import analogsweep.grid.GridPoint;
import analogsweep.layer.AnalogConv2d;
import analogsweep.layer.AnalogLayer;
import analogsweep.layer.AnalogLinear;
import analogsweep.layer.LayerInit;
import analogsweep.train.Autograd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the recipe's choices do to a network: the ConvNet's layout (dropout and FC widths) under
 * the authors' recipe and under analogsweep-1, the activation after the classifier (and its
 * width and cost with a gated family), and the initialization laws of every model's layers,
 * tested statistically on the drawn weights at a fixed seed.
 */
class RecipeNetworkTest extends EngineTest {

  static GridPoint.Builder convnet(String recipe) {
    return GridPoint.builder().set("data_path", "/unused").set("model", "convnet")
        .set("recipe", recipe);
  }

  /** The layout as one letter per step: C conv, A activation, M pool, D dropout, F flatten, L. */
  static String letters(GridPoint p, int classes) {
    SequentialArchitecture a = (SequentialArchitecture) Architectures.of(p.model().kind());
    StringBuilder sb = new StringBuilder();
    for (LayerSpec s : a.layout(p.model(), p.activation().family().gated() ? 2 : 1, classes)) {
      sb.append(s instanceof LayerSpec.Conv ? "C" : s instanceof LayerSpec.Activate ? "A"
          : s instanceof LayerSpec.MaxPool ? "M" : s instanceof LayerSpec.Dropout d
              ? (d.rate() == 0.25f ? "d" : "D") : s instanceof LayerSpec.Flatten ? "F" : "L");
    }
    return sb.toString();
  }

  /**
   * ConvModel at 5bd8b46: dropout 0.25 before conv 3 and after pools 2 and 3, none after pool 1;
   * FC 512 only at linear_depth 3, 256 from 2; the activation after the classifier.
   * analogsweep-1: dropout after pools 1 and 2; FC widths as a prefix; no last activation.
   */
  @Test
  void convnetLayoutFollowsTheRecipe() {
    assertEquals("CACAMdCACAMdCACAMdFLADLADLA", letters(convnet("authors").build(), 10));
    assertEquals("CACAMdCACAMdCACAMFLADLADL", letters(convnet("analogsweep-1").build(), 10));
    assertEquals("CACAMFLADLA", letters(convnet("authors").set("conv_depth", 2)
        .set("linear_depth", 2).build(), 10));
    assertEquals("CACAMdFLADL", letters(convnet("analogsweep-1").set("conv_depth", 2)
        .set("linear_depth", 2).build(), 10));
    assertEquals("CACAMdCAFLA", letters(convnet("authors").set("conv_depth", 3)
        .set("linear_depth", 1).build(), 10));
    assertEquals(List.of(256), convnet("authors").set("linear_depth", 2).build().model()
        .hiddenSizes());
    assertEquals(List.of(512), convnet("analogsweep-1").set("linear_depth", 2).build().model()
        .hiddenSizes());
    // the authors' recipe without the last activation, and analogsweep-1 with it
    assertEquals("CACAMdCACAMdCACAMdFLADLADL", letters(convnet("authors")
        .set("classifier_activation", false).build(), 10));
    assertEquals("FLALALA", letters(GridPoint.builder().set("data_path", "/unused")
        .set("model", "linear").set("recipe", "analogsweep-1")
        .set("classifier_activation", true).build(), 10));
  }

  /**
   * A gated family halves the classifier's output when an activation follows it, so the
   * classifier is twice as wide: the count without building is the built one's, and exceeds the
   * count without the last activation by one more classifier's weights and biases.
   */
  @ParameterizedTest
  @CsvSource({"convnet, reglu-geglu, 1, 28, 10", "linear, reglu-geglu, 3, 32, 100",
      "convnet, relu-silu, 3, 32, 10"})
  void classifierActivationKeepsTheCountRight(String model, String family, int channels,
      int side, int classes) {
    GridPoint.Builder b = GridPoint.builder().set("data_path", "/unused").set("model", model)
        .set("family", family).set("classifier_activation", true);
    if (model.equals("convnet")) {
      b.set("conv_depth", 2);
    }
    GridPoint with = b.build();
    GridPoint without = with.toBuilder().set("classifier_activation", false).build();
    SequentialBlock net = AnalogNetworks.build(with, classes);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
    long built = AnalogNetworks.parameterCount(net);
    assertEquals(built, ModelSize.parameters(with, channels, side, side, classes));
    long in = without.model().hiddenSizes().get(without.model().hiddenSizes().size() - 1);
    long extra = family.equals("reglu-geglu") ? classes * (in + 1) : 0;
    assertEquals(ModelSize.parameters(without, channels, side, side, classes) + extra, built);
  }

  /**
   * With the activation after the classifier the logits are the chain's levels in [-1, 1]
   * passed through I: at i = 0 (ReLU) they are multiples of 1/p in [0, 1]; the gated family
   * gives (batch, classes).
   */
  @ParameterizedTest
  @CsvSource({"relu-gelu", "reglu-geglu"})
  void logitsAreBoundedQuantizedAndActivated(String family) {
    GridPoint p = convnet("authors").set("family", family).set("interpolation", 0)
        .set("conv_depth", 2).set("precision", 8).set("error_probability", 0).build();
    try (NDManager m = manager.newSubManager()) {
      SequentialBlock net = AnalogNetworks.build(p, 10);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
      NDArray x = m.randomUniform(0f, 1f, new Shape(16, 1, 12, 12));
      float[] y = Autograd.recording(false, () -> net.forward(new ParameterStore(m, false),
          new NDList(x), false).singletonOrThrow()).toFloatArray();
      assertEquals(16 * 10, y.length);
      for (float v : y) {
        if (family.equals("relu-gelu")) {
          assertTrue(v >= 0 && v <= 1 && Math.abs(v * 8 - Math.rint(v * 8)) < 1e-5, "" + v);
        } else {
          // u * ReLU(v) with both levels in [-1, 1]: a product of two multiples of 1/8
          assertTrue(Math.abs(v) <= 1 && Math.abs(v * 64 - Math.rint(v * 64)) < 1e-4, "" + v);
        }
      }
    }
  }

  /** Every AnalogLayer under {@code b}, in order. */
  static void layers(Block b, List<AnalogLayer> out) {
    if (b instanceof AnalogLayer a) {
      out.add(a);
      return;
    }
    for (Pair<String, Block> child : b.getChildren()) {
      layers(child.getValue(), out);
    }
  }

  static float[] values(AnalogLayer l, String name) {
    return l.getParameters().get(name).getArray().toFloatArray();
  }

  static long[] weightShape(AnalogLayer l) {
    return l.getParameters().get("weight").getArray().getShape().getShape();
  }

  static double fanIn(long[] s) {
    return (double) new Shape(s).size() / s[0];
  }

  static double fanOut(long[] s) {
    return (double) new Shape(s).size() / s[1];
  }

  /** Draws of U(-bound, bound): none outside, mean and variance within 5 standard errors. */
  static void assertUniform(float[] v, double bound, String what) {
    double var = bound * bound / 3;
    assertMoments(v, var, Math.sqrt(bound * bound * bound * bound / 5 - var * var), what);
    for (float x : v) {
      assertTrue(Math.abs(x) <= bound, what + ": " + x + " beyond " + bound);
    }
    double max = 0;
    for (float x : v) {
      max = Math.max(max, Math.abs(x));
    }
    assertTrue(v.length < 50 || max > 0.9 * bound, what + ": max " + max + " of " + bound);
  }

  /** Draws of N(0, sd^2): mean and variance within 5 standard errors. */
  static void assertNormal(float[] v, double sd, String what) {
    assertMoments(v, sd * sd, Math.sqrt(2) * sd * sd, what);
  }

  /** Mean 0 and variance {@code var} (the sd of one squared draw {@code sdSquare}). */
  static void assertMoments(float[] v, double var, double sdSquare, String what) {
    double sum = 0;
    double squares = 0;
    for (float x : v) {
      sum += x;
      squares += (double) x * x;
    }
    int n = v.length;
    double mean = sum / n;
    double second = squares / n;
    assertTrue(Math.abs(mean) <= 5 * Math.sqrt(var / n), what + ": mean " + mean);
    assertTrue(Math.abs(second - var) <= 5 * sdSquare / Math.sqrt(n),
        what + ": variance " + second + ", expected " + var);
  }

  /**
   * The ConvNet under init authors: FC weights Kaiming-uniform, U(+-sqrt(6/fan_in)); FC biases
   * and every conv weight and bias PyTorch's default U(+-1/sqrt(fan_in)). Under uniform all are
   * the default.
   */
  @ParameterizedTest
  @CsvSource({"authors", "uniform"})
  void convnetInitialization(String init) {
    GridPoint p = convnet("authors").set("init", init).set("seed", 3).build();
    SequentialBlock net = AnalogNetworks.build(p, 10);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
    List<AnalogLayer> all = new ArrayList<>();
    layers(net, all);
    assertEquals(9, all.size());
    for (AnalogLayer l : all) {
      long[] s = weightShape(l);
      double fanIn = fanIn(s);
      boolean kaiming = init.equals("authors") && l instanceof AnalogLinear;
      assertUniform(values(l, "weight"), kaiming ? Math.sqrt(6 / fanIn) : 1 / Math.sqrt(fanIn),
          l + " weight");
      assertUniform(values(l, "bias"), 1 / Math.sqrt(fanIn), l + " bias");
    }
  }

  /**
   * ResNet-18 under init authors: convolutions Kaiming-normal fan_out (sd sqrt(2/fan_out), fan_out
   * = out channels x k x k); batch norm scale 1 and shift 0; the final FC PyTorch's default.
   */
  @Test
  void resnetInitialization() {
    GridPoint p = GridPoint.builder().set("data_path", "/unused").set("model", "resnet-18")
        .set("init", "authors").set("seed", 4).build();
    SequentialBlock net = AnalogNetworks.build(p, 10);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    List<AnalogLayer> all = new ArrayList<>();
    layers(net, all);
    int convs = 0;
    for (AnalogLayer l : all) {
      long[] s = weightShape(l);
      if (l instanceof AnalogConv2d) {
        convs++;
        assertNormal(values(l, "weight"), Math.sqrt(2 / fanOut(s)), l + " weight");
      } else {
        assertUniform(values(l, "weight"), 1 / Math.sqrt(fanIn(s)), l + " weight");
        assertUniform(values(l, "bias"), 1 / Math.sqrt(fanIn(s)), l + " bias");
      }
    }
    assertTrue(convs >= 20, convs + " convolutions");
    int norms = 0;
    for (Pair<String, Parameter> param : net.getParameters()) {
      Parameter.Type t = param.getValue().getType();
      if (t == Parameter.Type.GAMMA || t == Parameter.Type.BETA) {
        norms++;
        float expected = t == Parameter.Type.GAMMA ? 1f : 0f;
        for (float v : param.getValue().getArray().toFloatArray()) {
          assertEquals(expected, v, 0f, param.getKey());
        }
      }
    }
    assertTrue(norms >= 2 * 20, norms + " batch-norm parameters");
    assertTrue(BatchNorm.class.isInstance(findNorm(net)), "has batch norm");
  }

  private static Block findNorm(Block b) {
    if (b instanceof BatchNorm) {
      return b;
    }
    for (Pair<String, Block> child : b.getChildren()) {
      Block found = findNorm(child.getValue());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * VGG-A under init authors (its 129M weights are left to NonzeroCrossCheckTest): every conv
   * starts Kaiming-normal fan_out with zero biases, every Linear Kaiming-normal fan_in with zero
   * biases; and those laws draw what they say on layers of VGG's shapes.
   */
  @Test
  void vggInitialization() {
    GridPoint p = GridPoint.builder().set("data_path", "/unused").set("model", "vgg-a")
        .set("init", "authors").build();
    List<AnalogLayer> all = new ArrayList<>();
    layers(AnalogNetworks.build(p, 10), all);
    assertEquals(11, all.size());
    for (AnalogLayer l : all) {
      assertEquals(l instanceof AnalogConv2d ? LayerInit.KAIMING_NORMAL_FAN_OUT_ZERO_BIAS
          : LayerInit.KAIMING_NORMAL_FAN_IN_ZERO_BIAS, l.init(), l.toString());
    }
    List<AnalogLayer> uniform = new ArrayList<>();
    layers(AnalogNetworks.build(p.toBuilder().set("init", "uniform").build(), 10), uniform);
    uniform.forEach(l -> assertEquals(LayerInit.PYTORCH, l.init()));

    long[] conv = {128, 64, 3, 3};
    assertNormal(LayerInit.KAIMING_NORMAL_FAN_OUT_ZERO_BIAS.weightValues(conv, 5),
        Math.sqrt(2.0 / (128 * 9)), "conv weight");
    long[] fc = {512, 2048};
    assertNormal(LayerInit.KAIMING_NORMAL_FAN_IN_ZERO_BIAS.weightValues(fc, 6),
        Math.sqrt(2.0 / 2048), "fc weight");
    for (float b : LayerInit.KAIMING_NORMAL_FAN_IN_ZERO_BIAS.biasValues(fc, 6)) {
      assertEquals(0f, b, 0f);
    }
    assertUniform(LayerInit.KAIMING_UNIFORM_WEIGHT.weightValues(fc, 7), Math.sqrt(6.0 / 2048),
        "kaiming-uniform weight");
  }
}
