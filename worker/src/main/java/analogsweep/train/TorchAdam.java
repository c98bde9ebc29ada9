package analogsweep.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import analogsweep.grid.AdamEpsilon;
import analogsweep.packed.PackedAdam;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * torch.optim.Adam (the authors' optimizer) on DJL's fused Adam update: the same kernel, moments
 * and bias-corrected learning rate as DJL's {@code Adam}, with the epsilon given to the kernel at
 * step t scaled by sqrt(1 - beta2^t), which moves it after the bias correction, where torch adds
 * it ({@link AdamEpsilon#TORCH}). Weight decay is the same L2 term in the gradient. Betas 0.9 and
 * 0.999 and epsilon 1e-8, as both libraries' defaults; the update is the packs'
 * ({@link PackedAdam#update}), on this optimizer's per-parameter moments.
 */
final class TorchAdam extends Optimizer {
  private final ParameterTracker learningRate;
  private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
  private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();

  private TorchAdam(Builder builder) {
    super(builder);
    learningRate = builder.learningRate;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = updateCount(parameterId);
    float rate = learningRate.getNewValue(parameterId, t);
    NDArray mean = withDefaultState(means, parameterId, weight.getDevice(),
        k -> weight.zerosLike());
    NDArray variance = withDefaultState(variances, parameterId, weight.getDevice(),
        k -> weight.zerosLike());
    PackedAdam.update(weight, grad, mean, variance, rate, getWeightDecay(), t,
        AdamEpsilon.TORCH);
  }

  /** The builder: a learning-rate tracker and the common options (weight decay). */
  static final class Builder extends OptimizerBuilder<Builder> {
    private ParameterTracker learningRate;

    Builder optLearningRateTracker(ParameterTracker tracker) {
      this.learningRate = tracker;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    TorchAdam build() {
      if (learningRate == null) {
        throw new IllegalStateException("TorchAdam needs a learning-rate tracker");
      }
      return new TorchAdam(this);
    }
  }
}
