package analogsweep.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.DerivativeAtZero;
import analogsweep.train.Autograd;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpolatedActivationTest extends EngineTest {
  static final float[] XS = {-3f, -1.5f, -0.7f, -0.25f, -0.01f, -1e-4f, 0f, 1e-4f, 0.01f, 0.25f,
      0.7f, 1.5f, 3f};

  /** Values and autograd gradients of the tensor form equal the closed forms at every x. */
  @ParameterizedTest
  @CsvSource({
      "relu-gelu, 0, 1, 0", "relu-gelu, 0.3, 1, 0", "relu-gelu, 0.5, 1, 0", "relu-gelu, 1, 1, 0",
      "relu-gelu, 1, 2.5, 0", "relu-gelu, 0.6, 1.75, 0.1", "relu-gelu, 0, 1, 0.3",
      "relu-silu, 0, 1, 0", "relu-silu, 0.4, 1, 0", "relu-silu, 1, 1, 0", "relu-silu, 0.7, 2, 0.2"})
  void valuesAndGradientsMatchClosedForms(String family, double i, double s, double a) {
    InterpolatedActivation act =
        new InterpolatedActivation(ActivationFamily.parse("family", family), i, s, a);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(XS);
      x.setRequiresGradient(true);
      NDArray y = Autograd.recording(true, () -> {
        NDArray out = act.apply(x);
        Autograd.backward(out.sum());
        return out;
      });
      float[] values = y.toFloatArray();
      float[] grads = x.getGradient().toFloatArray();
      for (int k = 0; k < XS.length; k++) {
        assertEquals(act.value(XS[k]), values[k], 2e-6, "I(" + XS[k] + ") for " + act);
        assertEquals(act.derivative(XS[k]), grads[k], 2e-5, "I'(" + XS[k] + ") for " + act);
      }
    }
  }

  @Test
  void closedFormsAtZeroAndKnownPoints() {
    InterpolatedActivation gelu = new InterpolatedActivation(ActivationFamily.RELU_GELU, 1, 1, 0);
    assertEquals(0.5, gelu.derivative(0), 1e-12);
    // GELU(1) = Phi(1) = 0.841344746...
    assertEquals(0.8413447460685429, gelu.value(1), 1e-12);
    // GELU'(1) = Phi(1) + phi(1) = 0.841344746 + 0.241970725
    assertEquals(0.8413447460685429 + 0.24197072451914337, gelu.derivative(1), 1e-12);
    InterpolatedActivation silu = new InterpolatedActivation(ActivationFamily.RELU_SILU, 1, 1, 0);
    // SiLU'(x) = e^x (1 + x + e^x) / (1 + e^x)^2, PAPER.md's form
    for (double x : new double[] {-2, -0.3, 0, 0.4, 2}) {
      double e = Math.exp(x);
      assertEquals(e * (1 + x + e) / ((1 + e) * (1 + e)), silu.derivative(x), 1e-12);
    }
    InterpolatedActivation leaky = new InterpolatedActivation(ActivationFamily.RELU_GELU, 0, 1, 0.2);
    assertEquals(-0.2, leaky.value(-1), 1e-12);
    assertEquals(0.2, leaky.derivative(0), 1e-12);
    assertEquals(1.0, leaky.derivative(1e-9), 1e-12);
  }

  /** GSD(i) = I'(0+) - I'(0-) = 1 - i for GELU with s = 1, a = 0, measured through autograd. */
  @ParameterizedTest
  @CsvSource({"0", "0.1", "0.25", "0.5", "0.75", "0.9", "1"})
  void gradientStepDiscontinuityIsOneMinusI(double i) {
    InterpolatedActivation act = new InterpolatedActivation(ActivationFamily.RELU_GELU, i, 1, 0);
    assertEquals(1 - i, act.gsd(), 1e-12);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(new float[] {-1e-6f, 1e-6f});
      x.setRequiresGradient(true);
      Autograd.recording(true, () -> {
        Autograd.backward(act.apply(x).sum());
        return null;
      });
      float[] g = x.getGradient().toFloatArray();
      assertEquals(1 - i, g[1] - g[0], 1e-5);
    }
  }

  /** Gated: out = u * I(v) with (u, v) the halves of axis 1; GeGLU at i = 1, ReGLU at i = 0. */
  @ParameterizedTest
  @CsvSource({"0", "0.5", "1"})
  void gatedFamilySplitsAxisOne(double i) {
    InterpolatedActivation act = new InterpolatedActivation(ActivationFamily.REGLU_GEGLU, i, 1, 0);
    try (NDManager m = manager.newSubManager()) {
      float[] u = {0.5f, -2f, 1.5f};
      float[] v = {-0.8f, 0.3f, 2f};
      NDArray x = m.create(new float[] {u[0], u[1], u[2], v[0], v[1], v[2]}, new Shape(1, 6));
      float[] out = act.apply(x).toFloatArray();
      assertEquals(3, out.length);
      for (int k = 0; k < 3; k++) {
        assertEquals(u[k] * act.value(v[k]), out[k], 1e-6);
      }
    }
  }

  /**
   * Scalars the forward pass multiplies by are saved by autograd for the backward pass; they must
   * stay alive until then. A garbage collection and fresh allocations full of NaN between forward
   * and backward must not change the gradient.
   */
  @Test
  void gradientsSurviveGarbageCollectionBetweenForwardAndBackward() throws Exception {
    for (String family : new String[] {"relu-gelu", "relu-silu"}) {
      InterpolatedActivation act =
          new InterpolatedActivation(ActivationFamily.parse("family", family), 0.3, 1.5, 0.1);
      for (int round = 0; round < 5; round++) {
        try (NDManager m = manager.newSubManager()) {
          NDArray x = m.create(XS);
          x.setRequiresGradient(true);
          NDArray y = Autograd.recording(true, () -> act.apply(x).sum());
          for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(20);
          }
          java.util.List<NDArray> junk = new java.util.ArrayList<>();
          try (NDManager noise = manager.newSubManager()) {
            for (int k = 0; k < 20000; k++) {
              junk.add(noise.create(Float.NaN));
            }
            Autograd.recording(true, () -> {
              Autograd.backward(y);
              return null;
            });
          }
          float[] grads = x.getGradient().toFloatArray();
          for (int k = 0; k < XS.length; k++) {
            assertEquals(act.derivative(XS[k]), grads[k], 2e-5, family + " I'(" + XS[k] + ")");
          }
        }
      }
    }
  }

  /**
   * R'(0) is the leak a or 1 as asked, through autograd and in the closed form: at exactly 0,
   * I'(0) = (1 - i) R'(0) + i F'(0) with F'(0) = 1/2 for both smooth ends; every other x, and
   * every value, is the same under both conventions. The gated family applies it to the gate.
   */
  @ParameterizedTest
  @CsvSource({
      "relu-gelu, 0, 1, 0", "relu-gelu, 0.3, 1, 0.2", "relu-gelu, 1, 1, 0",
      "relu-silu, 0, 1, 0", "relu-silu, 0.6, 2, 0.1", "reglu-geglu, 0, 1, 0",
      "reglu-geglu, 0.5, 1, 0.3"})
  void derivativeAtZeroIsTheLeakOrOneAsAsked(String family, double i, double s, double a) {
    ActivationFamily f = ActivationFamily.parse("family", family);
    InterpolatedActivation leak = new InterpolatedActivation(f, i, s, a, DerivativeAtZero.LEAK);
    InterpolatedActivation one = new InterpolatedActivation(f, i, s, a, DerivativeAtZero.ONE);
    assertEquals((1 - i) * a + i * 0.5, leak.derivative(0), 1e-12);
    assertEquals((1 - i) + i * 0.5, one.derivative(0), 1e-12);
    float[][] gradsOf = new float[2][];
    float[][] valuesOf = new float[2][];
    InterpolatedActivation[] acts = {leak, one};
    for (int c = 0; c < 2; c++) {
      InterpolatedActivation act = acts[c];
      try (NDManager m = manager.newSubManager()) {
        // the gated family: u = 1.5 everywhere on the first half, v = XS on the second
        float[] in = new float[f.gated() ? 2 * XS.length : XS.length];
        for (int k = 0; k < XS.length; k++) {
          in[k] = f.gated() ? 1.5f : XS[k];
          if (f.gated()) {
            in[XS.length + k] = XS[k];
          }
        }
        NDArray x = m.create(in, new Shape(1, in.length));
        x.setRequiresGradient(true);
        NDArray y = Autograd.recording(true, () -> {
          NDArray out = act.apply(x);
          Autograd.backward(out.sum());
          return out;
        });
        valuesOf[c] = y.toFloatArray();
        float[] g = x.getGradient().toFloatArray();
        gradsOf[c] = new float[XS.length];
        for (int k = 0; k < XS.length; k++) {
          float gate = f.gated() ? g[XS.length + k] / 1.5f : g[k];
          gradsOf[c][k] = gate;
          assertEquals(act.derivative(XS[k]), gate, 2e-5, "I'(" + XS[k] + ") for " + act);
        }
      }
    }
    for (int k = 0; k < XS.length; k++) {
      assertEquals(valuesOf[0][k], valuesOf[1][k], 0f, "value at " + XS[k]);
      if (XS[k] != 0) {
        assertEquals(gradsOf[0][k], gradsOf[1][k], 0f, "gradient at " + XS[k]);
      }
    }
    int zero = Arrays.binarySearch(XS, 0f);
    assertEquals((1 - i) * a + i * 0.5, gradsOf[0][zero], 1e-6);
    assertEquals((1 - i) + i * 0.5, gradsOf[1][zero], 1e-6);
  }
}
