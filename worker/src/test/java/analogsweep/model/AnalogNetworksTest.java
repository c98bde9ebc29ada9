package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import analogsweep.EngineTest;
import analogsweep.activation.InterpolatedActivation;
import analogsweep.grid.GridPoint;
import analogsweep.train.Autograd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalogNetworksTest extends EngineTest {

  static GridPoint.Builder linear() {
    return GridPoint.builder().set("data_path", "/unused").set("hidden_sizes", List.of(16, 8))
        .set("interpolation", 0.5);
  }

  static SequentialBlock init(GridPoint p, NDManager m, Shape input) {
    SequentialBlock net = AnalogNetworks.build(p, 10);
    net.initialize(m, DataType.FLOAT32, input);
    return net;
  }

  static NDArray forward(SequentialBlock net, NDArray x, boolean grad) {
    return Autograd.recording(grad, () -> {
      NDArray y = net.forward(new ParameterStore(x.getManager(), false), new NDList(x), grad)
          .singletonOrThrow();
      if (grad) {
        Autograd.backward(y.sum());
      }
      return y;
    });
  }

  static List<float[]> weights(SequentialBlock net) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : net.getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /** A noisy forward and backward pass leaves the stored weights as they were. */
  @Test
  void noisyPassLeavesStoredWeightsClean() {
    GridPoint p = linear().set("precision", 16).set("error_probability", 0.5).build();
    SequentialBlock net = init(p, manager, new Shape(4, 1, 6, 6));
    List<float[]> before = weights(net);
    try (NDManager batch = manager.newSubManager()) {
      NDArray x = batch.randomUniform(0f, 1f, new Shape(4, 1, 6, 6));
      forward(net, x, true);
      List<float[]> after = weights(net);
      for (int k = 0; k < before.size(); k++) {
        assertArrayEquals(before.get(k), after.get(k), "stored parameter " + k + " changed");
      }
      for (Pair<String, Parameter> param : net.getParameters()) {
        NDArray g = param.getValue().getArray().getGradient();
        assertTrue(g.abs().sum().getFloat() > 0, "no gradient reached " + param.getKey());
      }
    }
  }

  /** Noise is drawn anew on every pass, so two passes on the same input differ. */
  @Test
  void noiseIsFreshEachPass() {
    GridPoint p = linear().set("precision", 64).set("error_probability", 0.5).build();
    SequentialBlock net = init(p, manager, new Shape(2, 1, 6, 6));
    try (NDManager batch = manager.newSubManager()) {
      NDArray x = batch.randomUniform(0f, 1f, new Shape(2, 1, 6, 6));
      assertFalse(java.util.Arrays.equals(forward(net, x, false).toFloatArray(),
          forward(net, x, false).toFloatArray()));
    }
  }

  /** With the chain switched off, the network is exactly Linear, activation, Linear, ... */
  @Test
  void chainOffIsExactlyThePlainNetwork() {
    GridPoint p = linear().set("precision", 4).set("error_probability", 0.8)
        .set("analog_inputs", false).set("analog_outputs", false).set("analog_weights", false)
        .build();
    SequentialBlock net = init(p, manager, new Shape(3, 1, 6, 6));
    InterpolatedActivation act = InterpolatedActivation.of(p.activation());
    try (NDManager batch = manager.newSubManager()) {
      NDArray x = batch.randomUniform(-2f, 2f, new Shape(3, 1, 6, 6));
      float[] got = forward(net, x, false).toFloatArray();
      List<NDArray> params = new ArrayList<>();
      for (Pair<String, Parameter> param : net.getParameters()) {
        params.add(param.getValue().getArray());
      }
      NDArray h = x.reshape(3, 36);
      for (int layer = 0; layer < 3; layer++) {
        h = Linear.linear(h, params.get(2 * layer), params.get(2 * layer + 1)).singletonOrThrow();
        if (layer < 2) {
          h = act.apply(h);
        }
      }
      assertArrayEquals(h.toFloatArray(), got, 0f);
    }
  }

  /** The paper's ConvNet has about 1.2M parameters on 32x32x3 and prints what it is. */
  @Test
  void convNetHasPaperSizeAndDescribesItself() {
    GridPoint p = GridPoint.builder().set("data_path", "/unused").set("model", "convnet")
        .set("precision", 8).set("error_probability", 0.3).build();
    assertEquals(6, p.model().convDepth());
    assertEquals(3, p.model().linearDepth());
    SequentialBlock net = init(p, manager, new Shape(1, 3, 32, 32));
    long total = 0;
    for (Pair<String, Parameter> param : net.getParameters()) {
      total += param.getValue().getArray().size();
    }
    // 3x3 convs 3-48-48-96-96-192-192 and FC 768-512-256-10, with biases
    assertEquals(1_172_410, total);
    String printed = AnalogNetworks.describe(net);
    assertEquals(6, printed.lines().filter(l -> l.startsWith("AnalogConv2d")).count(), printed);
    assertEquals(3, printed.lines().filter(l -> l.startsWith("AnalogLinear")).count(), printed);
    assertTrue(printed.contains("in: clamp>RP(p=8)>noise(sigma="), printed);
    assertTrue(printed.contains("out: noise(sigma="), printed);
    assertTrue(printed.contains("-> (192, 2, 2)"), printed);
  }

  /** Initial weights depend on the seed only. */
  @Test
  void initialisationFollowsTheSeed() {
    Engine.getInstance().setRandomSeed(1);
    List<float[]> a = weights(init(linear().set("seed", 3).build(), manager, new Shape(1, 36)));
    Engine.getInstance().setRandomSeed(99);
    List<float[]> b = weights(init(linear().set("seed", 3).build(), manager, new Shape(1, 36)));
    List<float[]> c = weights(init(linear().set("seed", 4).build(), manager, new Shape(1, 36)));
    for (int k = 0; k < a.size(); k++) {
      assertArrayEquals(a.get(k), b.get(k));
    }
    assertNotEquals(a.get(0)[0], c.get(0)[0]);
  }

  /** The printout names the placement and shows the chain layer by layer. */
  @Test
  void printoutShowsThePlacementLayerByLayer() {
    GridPoint every = linear().set("precision", 16).set("error_probability", 0.5)
        .set("noise", "laplace").build();
    String printed = AnalogNetworks.describe(every, init(every, manager, new Shape(1, 36)));
    assertTrue(printed.startsWith("placement: every-boundary (the linear model's own); chain "
        + "acts: before each weight layer, after each weight layer, weights and biases\n"),
        printed);
    assertEquals(3, printed.lines().filter(l -> l.startsWith("AnalogLinear") && l.contains(
        "in: clamp>RP(p=16)>laplace(scale=") && l.contains("out: laplace(scale=")).count(),
        printed);

    GridPoint before = linear().set("precision", 16).set("error_probability", 0.5)
        .set("placement", "before-layers").build();
    printed = AnalogNetworks.describe(before, init(before, manager, new Shape(1, 36)));
    assertTrue(printed.startsWith("placement: before-layers (chosen; the linear model's own is "
        + "every-boundary)"), printed);
    assertFalse(printed.contains("out:"), printed);

    GridPoint input = linear().set("precision", 16).set("error_probability", 0.5)
        .set("placement", "input-only").build();
    SequentialBlock net = init(input, manager, new Shape(1, 36));
    printed = AnalogNetworks.describe(input, net);
    List<String> lines = printed.lines().toList();
    assertTrue(lines.get(1).startsWith("AnalogInput(image: clamp>RP(p=16)>noise(sigma="), printed);
    assertEquals(3, lines.stream().filter(l -> l.startsWith("AnalogLinear") && l.endsWith(
        "digital) -> " + l.substring(l.lastIndexOf("-> ") + 3))).count(), printed);
  }

  /**
   * Placement digital is the network without any chain: on inputs far outside [-1, 1] it computes
   * relu(x W1' + b1) W2' + b2 from its own parameters, where precision none (which still clamps
   * every boundary) does not; and it is one training whatever precision-free settings it carries.
   */
  @Test
  void digitalPlacementIsTheNetworkWithoutAnyChain() {
    GridPoint digital = linear().set("hidden_sizes", List.of(8)).set("interpolation", 0)
        .set("placement", "digital").build();
    assertTrue(AnalogNetworks.describe(digital, init(digital, manager, new Shape(1, 6)))
        .contains("chain acts: nowhere (digital)"));
    NDArray x = manager.randomUniform(-5f, 5f, new Shape(4, 6));
    SequentialBlock net = init(digital, manager, new Shape(4, 6));
    List<NDArray> p = new ArrayList<>();
    for (Pair<String, Parameter> param : net.getParameters()) {
      p.add(param.getValue().getArray()); // weight 1, bias 1, weight 2, bias 2
    }
    NDArray hidden = x.matMul(p.get(0).transpose()).add(p.get(1));
    NDArray expected = hidden.maximum(0f).matMul(p.get(2).transpose()).add(p.get(3));
    NDArray y = forward(net, x, false);
    assertTrue(hidden.abs().max().getFloat() > 1.5f, "the check needs values the clamp cuts");
    assertTrue(y.sub(expected).abs().max().getFloat() < 1e-4f, y + " vs " + expected);

    GridPoint none = digital.toBuilder().set("placement", "model").build();
    SequentialBlock clamped = init(none, manager, new Shape(4, 6));
    ParameterList from = net.getParameters();
    ParameterList to = clamped.getParameters();
    for (int k = 0; k < from.size(); k++) {
      to.valueAt(k).getArray().set(from.valueAt(k).getArray().toFloatArray());
    }
    assertTrue(forward(clamped, x, false).sub(expected).abs().max().getFloat() > 0.1f);

    assertEquals(digital.trainingKey(), digital.toBuilder().set("analog_inputs", false).build()
        .trainingKey());
    assertEquals(digital.trainingKey(), none.toBuilder().set("analog_inputs", false)
        .set("analog_outputs", false).set("analog_weights", false).build().trainingKey());
    assertNotEquals(digital.trainingKey(), none.trainingKey());
    assertThrows(analogsweep.common.InvalidValueException.class,
        () -> digital.toBuilder().set("precision", 16).build());
  }

  /** The recipe's choices in one line, as {@code train --print-model} prints them first. */
  @Test
  void describeRecipeNamesEveryChoice() {
    GridPoint authors = GridPoint.builder().set("data_path", "/unused").set("model", "convnet")
        .set("family", "relu-silu").build();
    assertEquals("recipe: authors; init: authors (kaiming-uniform FC weights; conv weights, all "
        + "biases PyTorch's default); layout: the authors' ConvModel (dropout before conv 3 and "
        + "after pools 2 and 3; FC 256 from linear_depth 2, 512 at 3); classifier activation: "
        + "yes; R'(0) = 1; weight gradient: passes the clamp (AnalogVNN's parametrization); "
        + "Adam epsilon: torch (torch.optim.Adam's)", AnalogNetworks.describeRecipe(authors));
    GridPoint old = authors.toBuilder().set("recipe", "analogsweep-1").set("init", "uniform")
        .set("classifier_activation", false).set("relu_derivative_at_zero", "a")
        .set("adam_epsilon", "djl").build();
    assertEquals("recipe: analogsweep-1; init: uniform (PyTorch's default: U(+-1/sqrt(fan_in)) "
        + "weights and biases); layout: analogsweep-1 (dropout after pools 1 and 2; FC 512, 256 "
        + "as a prefix); classifier activation: no; R'(0) = a (= 0.0); weight gradient: masked "
        + "where |w| > 1; Adam epsilon: djl (DJL's, before the bias correction)",
        AnalogNetworks.describeRecipe(old));
    GridPoint vgg = GridPoint.builder().set("data_path", "/unused").set("model", "vgg-a")
        .build();
    assertTrue(AnalogNetworks.describeRecipe(vgg).contains("init: authors (kaiming-normal "
        + "fan_out conv weights, fan_in FC weights; zero biases); layout: the model's"),
        AnalogNetworks.describeRecipe(vgg));
  }

  /** The gated family halves the feature axis, and the printout shows the halved width. */
  @Test
  void gatedActivationHalvesTheFeatureAxis() {
    GridPoint p = GridPoint.builder().set("data_path", "/unused").set("model", "convnet")
        .set("conv_depth", 2).set("linear_depth", 2).set("family", "reglu-geglu")
        .set("analog_inputs", false).set("analog_outputs", false).set("analog_weights", false)
        .set("recipe", "analogsweep-1").build();
    String printed = AnalogNetworks.describe(init(p, manager, new Shape(1, 1, 12, 12)));
    assertTrue(printed.contains("AnalogConv2d(1 -> 96, 3x3, pad 1; digital) -> (96, 12, 12)\n"
        + "Activation reglu-geglu(i=0.0) -> (48, 12, 12)\n"), printed);
    assertTrue(printed.contains("AnalogLinear(1200 -> 1024; digital) -> (1024)\n"
        + "Activation reglu-geglu(i=0.0) -> (512)\n"), printed);
    // the last axis of a rank-3 input (tokens): (2, 5, 8) -> (2, 5, 4)
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.randomUniform(-1f, 1f, new Shape(2, 5, 8));
      NDArray y = InterpolatedActivation.of(p.activation()).apply(x);
      assertEquals(new Shape(2, 5, 4), y.getShape());
      NDArray u = x.get(":, :, :4");
      NDArray v = x.get(":, :, 4:");
      assertArrayEquals(u.mul(v.maximum(0f)).toFloatArray(), y.toFloatArray(), 1e-7f);
    }
  }
}
