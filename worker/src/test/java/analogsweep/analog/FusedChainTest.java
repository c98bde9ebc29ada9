package analogsweep.analog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import analogsweep.EngineTest;
import analogsweep.grid.NoiseKind;
import analogsweep.grid.Rounding;
import analogsweep.train.Autograd;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fused chain (one straight-through step, in-place work on its own arrays) gives the values
 * and gradients of the three layers composed one by one, as PAPER.md defines them, to the bit:
 * with and without gradient recording, for every noise model drawn from the same seed.
 */
class FusedChainTest extends EngineTest {

  /** The paper's composition: clamp, reduce precision (straight through), noise. */
  static NDArray stepwiseToAnalog(AnalogChain c, NDArray x) {
    return c.noise(c.reducePrecision(AnalogChain.clamp(x)));
  }

  static NDArray stepwiseToDigital(AnalogChain c, NDArray x) {
    return c.reducePrecision(AnalogChain.clamp(c.noise(x)));
  }

  @ParameterizedTest
  @CsvSource({"gaussian, 16, 0.5, deterministic", "gaussian, 4, 0, deterministic",
      "laplace, 64, 0.3, deterministic", "uniform, 8, 0.8, deterministic",
      "poisson, 16, 0.5, deterministic", "gaussian, 16, 0.5, stochastic"})
  void fusedEqualsStepwise(String noise, int p, double ep, String rounding) {
    for (boolean analogSide : new boolean[] {true, false}) {
      for (boolean grad : new boolean[] {true, false}) {
        float[][] fused = run(noise, p, ep, rounding, grad,
            analogSide ? AnalogChain::toAnalog : AnalogChain::toDigital);
        float[][] stepwise = run(noise, p, ep, rounding, grad,
            analogSide ? FusedChainTest::stepwiseToAnalog : FusedChainTest::stepwiseToDigital);
        String what = noise + " p=" + p + " EP=" + ep + " " + rounding + " "
            + (analogSide ? "toAnalog" : "toDigital") + (grad ? " with" : " without")
            + " gradients";
        assertArrayEquals(stepwise[0], fused[0], 0f, what + ": values");
        if (grad) {
          assertArrayEquals(stepwise[1], fused[1], 0f, what + ": gradients");
          double sum = 0;
          for (float g : fused[1]) {
            sum += Math.abs(g);
          }
          assertTrue(sum > 0, what + ": some gradient");
        }
      }
    }
  }

  /** Values and (with gradients) d(sum(out * w))/dx, from the same engine and host seeds. */
  private float[][] run(String noise, int p, double ep, String rounding, boolean grad,
      BiFunction<AnalogChain, NDArray, NDArray> side) {
    Engine.getInstance().setRandomSeed(7);
    AnalogChain chain = new AnalogChain(p, NoiseModel.of(NoiseKind.valueOf(noise.toUpperCase()),
        ep, p), Rounding.valueOf(rounding.toUpperCase()), 3);
    try (NDManager m = manager.newSubManager()) {
      float[] xs = new float[4096];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = (float) (-1.4 + 2.8 * k / (xs.length - 1)); // beyond the clamp on both sides
      }
      NDArray x = m.create(xs, new Shape(64, 64));
      NDArray weight = m.randomUniform(-1f, 1f, new Shape(64, 64));
      if (grad) {
        x.setRequiresGradient(true);
      }
      float[] values = Autograd.recording(grad, () -> {
        NDArray out = side.apply(chain, x);
        if (grad) {
          Autograd.backward(out.mul(weight).sum());
        }
        return out.toFloatArray();
      });
      return new float[][] {values, grad ? x.getGradient().toFloatArray() : null};
    }
  }
}
