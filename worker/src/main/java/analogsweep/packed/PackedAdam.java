package analogsweep.packed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import analogsweep.grid.AdamEpsilon;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over a pack's stacked parameters: the one-point trainer's Adam update (DJL's fused kernel,
 * learning-rate bias correction and defaults: beta1 0.9, beta2 0.999, epsilon 1e-8, the epsilon
 * placed as the pack's points say) applied to each stacked parameter, which, element-wise, is
 * each point's own Adam. Its state follows the network when points leave the pack
 * ({@link #select}).
 */
public final class PackedAdam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  private final float learningRate;
  private final AdamEpsilon placement;
  private List<NDArray> means = new ArrayList<>();
  private List<NDArray> variances = new ArrayList<>();
  private int steps;

  public PackedAdam(float learningRate, AdamEpsilon placement, PackedNetwork net) {
    this(learningRate, placement, net.parameters());
  }

  /** Adam over {@code parameters}, trainable arrays of one shape each, in this order. */
  public PackedAdam(float learningRate, AdamEpsilon placement, List<NDArray> parameters) {
    this.learningRate = learningRate;
    this.placement = placement;
    for (NDArray p : parameters) {
      means.add(p.zerosLike());
      variances.add(p.zerosLike());
    }
  }

  /** One update of every parameter from its gradient, then the gradients are zeroed. */
  public void step(PackedNetwork net) {
    step(net.parameters());
  }

  /** {@link #step(PackedNetwork)} of the arrays this optimizer was made for, in their order. */
  public void step(List<NDArray> params) {
    steps++;
    double coef1 = 1.0 - Math.pow(BETA1, steps);
    double coef2 = 1.0 - Math.pow(BETA2, steps);
    float corrected = (float) (learningRate * Math.sqrt(coef2) / coef1);
    float epsilon = placement.fusedEpsilon(EPSILON, BETA2, steps);
    for (int j = 0; j < params.size(); j++) {
      NDArray w = params.get(j);
      try (NDArray g = w.getGradient()) {
        w.getNDArrayInternal().adamUpdate(new NDList(w, g, means.get(j), variances.get(j)),
            new NDList(w), learningRate, corrected, 0f, 1f, -1f, BETA1, BETA2, epsilon, true,
            false);
      }
      JniUtils.zeroGrad((PtNDArray) w);
    }
  }

  /** Keeps the points at {@code keep} in the network and in this optimizer's state. */
  public void select(PackedNetwork net, int[] keep) {
    List<NDArray> state = new ArrayList<>(means);
    state.addAll(variances);
    List<NDArray> kept = net.select(keep, state);
    int n = means.size();
    means = new ArrayList<>(kept.subList(0, n));
    variances = new ArrayList<>(kept.subList(n, 2 * n));
  }
}
