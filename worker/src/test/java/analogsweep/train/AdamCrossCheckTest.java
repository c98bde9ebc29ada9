package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import analogsweep.CrossCheckScript;
import analogsweep.EngineTest;
import analogsweep.grid.AdamEpsilon;
import analogsweep.packed.PackedAdam;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The project's optimizer (DJL 0.32's Adam through {@link GridPointTrainer#adam}) against Adam
 * written out here in both of its published forms, and against torch.optim.Adam run by
 * {@code scripts/crosscheck/crosscheck.py adam} (skipped where no python3 with torch is found).
 *
 * <p>Found: DJL adds eps to sqrt(v) before the bias correction (MXNet's form), torch after it,
 * so DJL's update equals torch's with eps / sqrt(1 - beta2^t): at step 1 an eps 32 times larger.
 * The two agree to float precision wherever |gradient| is well above 1e-6; a weight whose
 * gradients are near 1e-7 moves several times less under DJL's. The weight decay is the same L2
 * term in both. The authors trained with torch.optim.Adam; {@code adam_epsilon: torch} trains
 * with its form ({@link TorchAdam}), checked here against both, and so does a pack's optimizer
 * ({@link PackedAdam}).
 */
class AdamCrossCheckTest extends EngineTest {
  static final double[] W0 = {0.5, -0.3, 1e-3, 0.0, 2.0, -1e-5};
  static final int STEPS = 30;
  static final double LR = 1e-3;
  static final double B1 = 0.9;
  static final double B2 = 0.999;
  static final double EPS = 1e-8;

  /** crosscheck.py's adam_gradient: magnitudes 1 to 1e-3 for weights 0-4, 1e-7 for weight 5. */
  static double gradient(int t, int k) {
    double s = Math.sin(0.7 * t + 1.3 * k);
    if (k == 5) {
      return 1e-7 * s;
    }
    return t % 7 == 0 && k == 1 ? 0 : s * Math.pow(10, -k);
  }

  /** The project's Adam (the default placement, DJL's) over the sequence, in float. */
  static double[] project(double weightDecay) {
    return project(weightDecay, "djl");
  }

  /** The project's Adam with {@code adam_epsilon} = {@code placement} over the sequence. */
  static double[] project(double weightDecay, String placement) {
    Optimizer adam = GridPointTrainer.adam(TrainingSettingsTest.training("learning_rate",
        String.valueOf(LR), "weight_decay", String.valueOf(weightDecay), "adam_epsilon",
        placement), 1);
    float[] w0 = new float[W0.length];
    for (int k = 0; k < w0.length; k++) {
      w0[k] = (float) W0[k];
    }
    NDArray w = manager.create(w0);
    for (int t = 1; t <= STEPS; t++) {
      float[] g = new float[W0.length];
      for (int k = 0; k < g.length; k++) {
        g[k] = (float) gradient(t, k);
      }
      adam.update("w", w, manager.create(g));
    }
    float[] out = w.toFloatArray();
    double[] d = new double[out.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = out[k];
    }
    return d;
  }

  /**
   * The packed trainer's Adam ({@link PackedAdam}, no weight decay: packs have none) over the
   * sequence, the gradients set by a backward pass.
   */
  static double[] packed(String placement) {
    float[] w0 = new float[W0.length];
    for (int k = 0; k < w0.length; k++) {
      w0[k] = (float) W0[k];
    }
    NDArray w = manager.create(w0);
    w.setRequiresGradient(true);
    PackedAdam adam = new PackedAdam((float) LR, AdamEpsilon.parse("adam_epsilon", placement),
        List.of(w));
    for (int t = 1; t <= STEPS; t++) {
      float[] g = new float[W0.length];
      for (int k = 0; k < g.length; k++) {
        g[k] = (float) gradient(t, k);
      }
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        c.backward(w.mul(manager.create(g)).sum());
      }
      adam.step(List.of(w));
    }
    float[] out = w.toFloatArray();
    double[] d = new double[out.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = out[k];
    }
    return d;
  }

  /**
   * Adam with L2 weight decay in the gradient, in double: eps after the bias correction
   * (torch.optim.Adam) or before it (MXNet and DJL).
   */
  static double[] closedForm(double weightDecay, boolean torchEpsilon) {
    double[] w = W0.clone();
    double[] m = new double[w.length];
    double[] v = new double[w.length];
    for (int t = 1; t <= STEPS; t++) {
      double c1 = 1 - Math.pow(B1, t);
      double c2 = 1 - Math.pow(B2, t);
      for (int k = 0; k < w.length; k++) {
        double g = gradient(t, k) + weightDecay * w[k];
        m[k] = B1 * m[k] + (1 - B1) * g;
        v[k] = B2 * v[k] + (1 - B2) * g * g;
        w[k] -= torchEpsilon ? LR * (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPS)
            : LR * Math.sqrt(c2) / c1 * m[k] / (Math.sqrt(v[k]) + EPS);
      }
    }
    return w;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    for (int k = 0; k < expected.length; k++) {
      // float training: 30 steps of about 1e-3 on weights up to 2
      double tolerance = 2e-6 + 1e-6 * Math.abs(expected[k]);
      assertEquals(expected[k], actual[k], tolerance, what + ", weight " + k);
    }
  }

  @Test
  void projectIsAdamWithEpsilonBeforeTheBiasCorrection() {
    for (double wd : new double[] {0, 1e-4, 0.1}) {
      double[] project = project(wd);
      assertClose(closedForm(wd, false), project, "DJL's form, weight decay " + wd);
      double[] torch = closedForm(wd, true);
      // the gradients of 1 to 1e-3 agree with torch's form too
      assertClose(new double[] {torch[0], torch[1]}, new double[] {project[0], project[1]},
          "torch's form, large gradients, weight decay " + wd);
    }
    // adam_epsilon torch: torch's form for every weight, the 1e-7 gradients included
    for (double wd : new double[] {0, 1e-4, 0.1}) {
      assertClose(closedForm(wd, true), project(wd, "torch"), "torch placement, decay " + wd);
    }
    // weight 5 (gradients near 1e-7), no decay: torch moves it 2.8 times as far as DJL
    double[] project = project(0);
    double[] torch = closedForm(0, true);
    double ratio = (torch[5] - W0[5]) / (project[5] - W0[5]);
    assertTrue(ratio > 2.5 && ratio < 3.2, "torch/DJL displacement of weight 5: " + ratio);
  }

  /** A pack's Adam is the one-point trainer's, to the bit, under either placement. */
  @Test
  void packedAdamIsTheOnePointTrainersUnderEitherPlacement() {
    for (String placement : new String[] {"djl", "torch"}) {
      double[] packed = packed(placement);
      assertArrayEquals(project(0, placement), packed, 0.0, placement);
      assertClose(closedForm(0, placement.equals("torch")), packed, "packed, " + placement);
    }
  }

  @Test
  void torchOptimAdamAgreesWithTheProjectOnlyWithDjlsEpsilon() throws Exception {
    String python = CrossCheckScript.python();
    assumeTrue(python != null, "no python3 with torch and pandas (set CROSSCHECK_PYTHON)");
    Path script = CrossCheckScript.script();
    assumeTrue(script != null, "scripts/crosscheck/crosscheck.py not found");
    Process p = new ProcessBuilder(python, script.toString(), "adam", "--steps",
        String.valueOf(STEPS)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "crosscheck.py adam did not finish");
    assertEquals(0, p.exitValue(), out);
    Map<String, double[]> torch = new HashMap<>();
    for (String line : out.strip().split("\n")) {
      String[] c = line.split("\t");
      if (c[0].equals("weight_decay")) {
        continue;
      }
      torch.computeIfAbsent(c[0] + "/" + c[1], x -> new double[W0.length])
          [Integer.parseInt(c[2])] = Double.parseDouble(c[3]);
    }
    for (double wd : new double[] {0, 1e-4, 0.1}) {
      String key = wd == 0 ? "0" : wd == 1e-4 ? "0.0001" : "0.1";
      double[] project = project(wd);
      assertClose(torch.get(key + "/djl"), project, "torch with DJL's eps, decay " + wd);
      assertClose(new double[] {torch.get(key + "/torch")[0], torch.get(key + "/torch")[1]},
          new double[] {project[0], project[1]}, "torch.optim.Adam, large gradients, " + wd);
      assertClose(torch.get(key + "/torch"), project(wd, "torch"),
          "torch.optim.Adam against adam_epsilon torch, decay " + wd);
    }
    double[] plain = torch.get("0/torch");
    double ratio = (plain[5] - W0[5]) / (project(0)[5] - W0[5]);
    assertTrue(ratio > 2.5 && ratio < 3.2, "torch/DJL displacement of weight 5: " + ratio);
  }
}
