package analogsweep.packed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import analogsweep.EngineTest;
import analogsweep.activation.InterpolatedActivation;
import analogsweep.grid.AdamEpsilon;
import analogsweep.grid.ActivationSection;
import analogsweep.grid.GridPoint;
import analogsweep.model.AnalogNetworks;
import analogsweep.train.Autograd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pack of networks computes what each of its points' own networks computes: the same initial
 * weights, the same outputs and the same gradients (up to the rounding of a batched product),
 * with each point's own activation parameters; and points leave the pack cleanly.
 */
class PackedNetworkTest extends EngineTest {
  static final Shape IMAGE = new Shape(1, 12, 12);

  /** Three points of one architecture that differ in what a point keeps as its own. */
  static List<GridPoint> points(String model, String family) {
    return points(model, family, "authors", false);
  }

  /**
   * Three points under {@code recipe}, which differ in what a point keeps as its own; with
   * {@code mixed} also in the rectified part's derivative at 0 (a, 1, a) and the initialization
   * (the recipe's, the recipe's, uniform), and the linear model then takes the classifier
   * activation.
   */
  static List<GridPoint> points(String model, String family, String recipe, boolean mixed) {
    List<GridPoint> out = new ArrayList<>();
    double[][] own = {{0, 1, 0}, {0.5, 1.5, 0.1}, {1, 2, 0.3}}; // i, s, a
    for (int k = 0; k < own.length; k++) {
      GridPoint.Builder b = GridPoint.builder().set("data_path", "/unused").set("model", model)
          .set("family", family).set("interpolation", own[k][0]).set("gate_scale", own[k][1])
          .set("leak", own[k][2]).set("seed", 10 + k).set("analog_inputs", false)
          .set("analog_outputs", false).set("analog_weights", false).set("recipe", recipe);
      if (mixed) {
        b.set("relu_derivative_at_zero", k == 1 ? "1" : "a");
        if (k == 2) {
          b.set("init", "uniform");
        }
        if (model.equals("linear")) {
          b.set("classifier_activation", true);
        }
      }
      if (model.equals("convnet")) {
        b.set("conv_depth", 2).set("linear_depth", 2);
      } else {
        b.set("hidden_sizes", List.of(16, 8));
      }
      out.add(b.build());
    }
    return out;
  }

  static SequentialBlock alone(GridPoint p, NDManager m) {
    SequentialBlock net = AnalogNetworks.build(p, 10);
    net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
    return net;
  }

  /** Outputs and gradients of every point, packed and alone, without the (random) chain. */
  @ParameterizedTest
  @CsvSource({"linear, relu-gelu, authors, false", "linear, reglu-geglu, authors, true",
      "convnet, relu-silu, authors, false", "convnet, reglu-geglu, authors, true",
      "convnet, relu-gelu, analogsweep-1, true", "linear, relu-silu, analogsweep-1, false"})
  void packComputesWhatEachPointComputesAlone(String model, String family, String recipe,
      boolean mixed) {
    List<GridPoint> points = points(model, family, recipe, mixed);
    try (NDManager m = manager.newSubManager()) {
      NDArray images = m.randomUniform(0f, 1f, new Shape(3, 5, 1, 12, 12));
      PackedNetwork packed = PackedNetwork.build(points, IMAGE, 10, m);
      NDArray packedOut = Autograd.recording(true, () -> {
        NDArray out = packed.forward(images, false);
        Autograd.backward(out.sum());
        return out;
      });
      for (int k = 0; k < points.size(); k++) {
        SequentialBlock net = alone(points.get(k), m);
        NDArray x = images.get(k);
        NDArray out = Autograd.recording(true, () -> {
          NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false)
              .singletonOrThrow();
          Autograd.backward(y.sum());
          return y;
        });
        assertArrayEquals(out.toFloatArray(), packedOut.get(k).toFloatArray(), 2e-5f,
            "outputs of point " + k);
        int j = 0;
        for (Pair<String, Parameter> param : net.getParameters()) {
          NDArray stacked = packed.parameters().get(j++);
          NDArray slice = stacked.split(points.size(), 0).get(k);
          NDArray own = param.getValue().getArray();
          assertArrayEquals(own.toFloatArray(), slice.toFloatArray(), 0f,
              "initial " + param.getKey() + " of point " + k);
          // oneDNN may pick another convolution algorithm (Winograd, for one) for a grouped
          // convolution: gradients agree to a small fraction of their scale
          float[] expected = own.getGradient().toFloatArray();
          float[] got = stacked.getGradient().split(points.size(), 0).get(k).toFloatArray();
          float scale = 0;
          for (float g : expected) {
            scale = Math.max(scale, Math.abs(g));
          }
          assertArrayEquals(expected, got, 2e-5f + 0.02f * scale,
              "gradient of " + param.getKey() + " of point " + k);
        }
      }
    }
  }

  /** Points that leave take their slices with them; the others compute as before. */
  @ParameterizedTest
  @CsvSource({"linear, relu-gelu", "convnet, reglu-geglu"})
  void pointsLeaveThePack(String model, String family) {
    List<GridPoint> points = points(model, family);
    try (NDManager m = manager.newSubManager()) {
      NDArray images = m.randomUniform(0f, 1f, new Shape(3, 4, 1, 12, 12));
      PackedNetwork packed = PackedNetwork.build(points, IMAGE, 10, m);
      NDArray before = Autograd.recording(false, () -> packed.forward(images, false));
      PackedAdam adam = new PackedAdam(1e-3f, AdamEpsilon.TORCH, packed);
      adam.select(packed, new int[] {0, 2});
      assertEquals(2, packed.packSize());
      NDArray kept = Autograd.recording(false, () -> packed.forward(
          images.get(new ai.djl.ndarray.index.NDIndex("0:3:2")), false));
      assertArrayEquals(before.get(0).toFloatArray(), kept.get(0).toFloatArray(), 0f);
      assertArrayEquals(before.get(2).toFloatArray(), kept.get(1).toFloatArray(), 0f);
      long perPoint = packed.parametersPerPoint();
      long total = 0;
      for (NDArray p : packed.parameters()) {
        total += p.size();
        assertTrue(p.hasGradient(), "still a trainable leaf");
      }
      assertEquals(2 * perPoint, total);
    }
  }

  /** With the chain quantizing (no noise), packed and alone agree but where a level flips. */
  @ParameterizedTest
  @CsvSource({"linear", "convnet"})
  void quantizedPackAgreesWithEachPointAlone(String model) {
    List<GridPoint> points = new ArrayList<>();
    for (GridPoint p : points(model, "relu-gelu")) {
      points.add(p.toBuilder().set("precision", 16).set("analog_inputs", true)
          .set("analog_outputs", true).set("analog_weights", true).build());
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray images = m.randomUniform(0f, 1f, new Shape(3, 8, 1, 12, 12));
      PackedNetwork packed = PackedNetwork.build(points, IMAGE, 10, m);
      float[] all = Autograd.recording(false, () -> packed.forward(images, false))
          .toFloatArray();
      int differ = 0;
      int n = 0;
      for (int k = 0; k < points.size(); k++) {
        SequentialBlock net = alone(points.get(k), m);
        NDArray x = images.get(k);
        float[] own = Autograd.recording(false, () -> net.forward(new ParameterStore(m, false),
            new NDList(x), false).singletonOrThrow()).toFloatArray();
        for (int j = 0; j < own.length; j++) {
          differ += Math.abs(own[j] - all[k * own.length + j]) > 1e-4 ? 1 : 0;
          n++;
        }
      }
      // the outputs are levels of step 1/16: a rounding difference in a product flips a level
      // now and then, nothing else may differ
      assertTrue(differ <= n / 20, differ + " of " + n + " outputs differ");
    }
  }

  /**
   * With the chain quantizing everywhere (no noise) many pre-activations are exactly 0, where the
   * points' derivative conventions differ; and with the first layer's weights scaled up, many lie
   * beyond the clamp, where the recipes' weight-gradient rules differ. The pack's gradients are
   * each point's own but where a rounding difference flips a level; the weight gradient is zero
   * beyond the clamp under analogsweep-1 only.
   */
  @ParameterizedTest
  @CsvSource({"linear, analogsweep-1", "linear, authors", "convnet, authors"})
  void quantizedPackHasEachPointsGradients(String model, String recipe) {
    List<GridPoint> points = new ArrayList<>();
    for (GridPoint p : points(model, "relu-gelu", recipe, true)) {
      points.add(p.toBuilder().set("precision", 16).set("analog_inputs", true)
          .set("analog_outputs", true).set("analog_weights", true).build());
    }
    boolean passes = recipe.equals("authors");
    try (NDManager m = manager.newSubManager()) {
      NDArray images = m.randomUniform(0f, 1f, new Shape(3, 8, 1, 12, 12));
      PackedNetwork packed = PackedNetwork.build(points, IMAGE, 10, m);
      packed.parameters().get(0).muli(40);
      NDArray packedOut = Autograd.recording(true, () -> {
        NDArray out = packed.forward(images, false);
        Autograd.backward(out.sum());
        return out;
      });
      int differ = 0;
      int n = 0;
      int beyond = 0;
      int beyondWithGradient = 0;
      for (int k = 0; k < points.size(); k++) {
        SequentialBlock net = alone(points.get(k), m);
        NDArray first = net.getParameters().get(0).getValue().getArray();
        first.muli(40);
        NDArray x = images.get(k);
        Autograd.recording(true, () -> {
          NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false)
              .singletonOrThrow();
          Autograd.backward(y.sum());
          return y;
        });
        float[] w = first.toFloatArray();
        float[] own = first.getGradient().toFloatArray();
        float[] got = packed.parameters().get(0).getGradient().split(points.size(), 0).get(k)
            .toFloatArray();
        float scale = 0;
        for (float g : own) {
          scale = Math.max(scale, Math.abs(g));
        }
        for (int j = 0; j < own.length; j++) {
          differ += Math.abs(own[j] - got[j]) > 1e-4f + 0.02f * scale ? 1 : 0;
          n++;
          if (Math.abs(w[j]) > 1) {
            beyond++;
            beyondWithGradient += own[j] != 0 ? 1 : 0;
          }
        }
      }
      assertTrue(differ <= n / 20, differ + " of " + n + " gradients differ");
      assertTrue(beyond > n / 10, beyond + " of " + n + " weights beyond the clamp");
      if (passes) {
        // gradient reaches them but where the output's clamp (activations) cuts it
        assertTrue(beyondWithGradient > beyond / 10, beyondWithGradient + " of " + beyond);
      } else {
        assertEquals(0, beyondWithGradient, "the clamp masks them");
      }
    }
  }

  /** Each point's derivative at exactly 0, packed, is the one its own activation has. */
  @ParameterizedTest
  @CsvSource({"relu-gelu", "relu-silu", "reglu-geglu"})
  void packedActivationTakesEachPointsDerivativeAtZero(String family) {
    List<GridPoint> points = points("linear", family, "authors", true);
    List<ActivationSection> sections = new ArrayList<>();
    points.forEach(p -> sections.add(p.activation()));
    PackedActivation act = PackedActivation.of(sections);
    int width = family.equals("reglu-geglu") ? 8 : 4;
    float[] row = {0f, -0.3f, 0f, 0.6f, 1.2f, 0f, 0f, -0.5f};
    try (NDManager m = manager.newSubManager()) {
      float[] values = new float[3 * 2 * width];
      for (int j = 0; j < values.length; j++) {
        values[j] = row[j % width];
      }
      NDArray x = m.create(values, new Shape(3, 2, width));
      x.setRequiresGradient(true);
      NDArray y = Autograd.recording(true, () -> {
        NDArray out = act.apply(x, 0, 2);
        Autograd.backward(out.sum());
        return out;
      });
      float[] grads = x.getGradient().toFloatArray();
      float[] outs = y.toFloatArray();
      for (int k = 0; k < 3; k++) {
        InterpolatedActivation own = InterpolatedActivation.of(points.get(k).activation());
        try (NDManager single = manager.newSubManager()) {
          NDArray xs = single.create(Arrays.copyOfRange(values, k * 2 * width,
              (k + 1) * 2 * width), new Shape(2, width));
          xs.setRequiresGradient(true);
          NDArray ys = Autograd.recording(true, () -> {
            NDArray out = own.apply(xs);
            Autograd.backward(out.sum());
            return out;
          });
          int half = y.getShape().get(2) == width ? width : width / 2;
          assertArrayEquals(ys.toFloatArray(), Arrays.copyOfRange(outs, k * 2 * half,
              (k + 1) * 2 * half), 1e-6f, "values of point " + k);
          assertArrayEquals(xs.getGradient().toFloatArray(), Arrays.copyOfRange(grads,
              k * 2 * width, (k + 1) * 2 * width), 1e-6f, "gradients of point " + k);
        }
      }
    }
  }
}
