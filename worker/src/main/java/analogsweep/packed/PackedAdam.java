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
    for (int j = 0; j < params.size(); j++) {
      NDArray w = params.get(j);
      try (NDArray g = w.getGradient()) {
        update(w, g, means.get(j), variances.get(j), learningRate, 0f, steps, placement);
      }
      JniUtils.zeroGrad((PtNDArray) w);
    }
  }

  /**
   * Adam's update number {@code t} (from 1) of {@code weight} in place, with its moments
   * {@code mean} and {@code variance}: DJL's fused kernel with the learning-rate bias correction,
   * L2 {@code weightDecay} in the gradient (torch.optim.Adam's weight_decay), and epsilon where
   * {@code placement} puts it. The one update of packs and of torch's placement alone.
   */
  public static void update(NDArray weight, NDArray grad, NDArray mean, NDArray variance,
      float rate, float weightDecay, int t, AdamEpsilon placement) {
    double coef1 = 1.0 - Math.pow(BETA1, t);
    double coef2 = 1.0 - Math.pow(BETA2, t);
    float corrected = (float) (rate * Math.sqrt(coef2) / coef1);
    weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance),
        new NDList(weight), rate, corrected, weightDecay, 1f, -1f, BETA1, BETA2,
        placement.fusedEpsilon(EPSILON, BETA2, t), true, false);
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
