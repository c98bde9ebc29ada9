package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.analog.AnalogChain;

/**
 * DJL's {@link BatchNorm} (its defaults: channel axis 1, epsilon 1e-5, DJL's momentum 0.9, which
 * is PyTorch's 0.1) whose scale and shift pass the chain's weight path (Clamp, ReducePrecision,
 * Noise) on every forward pass, as a weight layer's weight and bias do: the batch statistics
 * and running statistics are untouched, the gradient reaches the clean stored scale and shift,
 * and those never hold noise. This is the authors' ResNet-18: run_resnet.py (GeLUReLUInterpolation
 * commit a7933d5) calls AnalogVNN's {@code PseudoParameter.parametrize_module} with types
 * (Conv2d, Linear), but that method tests the type of each parameter, not of its module, at the
 * top level only and recurses into child modules without the types
 * ({@code analogvnn/parameter/PseudoParameter.py}, AnalogVNN commit 8fb9aed), so every trained
 * parameter of the network, batch norm's weight and bias included, is parametrized.
 */
public final class AnalogBatchNorm extends AbstractBlock {
  private final BatchNorm norm;
  private final AnalogChain chain;

  public AnalogBatchNorm(AnalogChain chain) {
    this.norm = addChildBlock("BatchNorm", BatchNorm.builder().build());
    this.chain = chain;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDManager owner = x.getManager();
    NDArray gamma = chain.toAnalog(value(ps, "gamma", x, training), owner);
    NDArray beta = chain.toAnalog(value(ps, "beta", x, training), owner);
    NDList out = BatchNorm.batchNorm(x, value(ps, "runningMean", x, training),
        value(ps, "runningVar", x, training), gamma, beta, 1, 0.9f, 1e-5f, training);
    gamma.close();
    beta.close();
    return out;
  }

  private NDArray value(ParameterStore ps, String name, NDArray x, boolean training) {
    Parameter p = norm.getParameters().get(name);
    return ps.getValue(p, x.getDevice(), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
    norm.initialize(manager, dataType, inputs);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** The wrapped batch norm (its parameters are this block's). */
  public BatchNorm norm() {
    return norm;
  }

  @Override
  public String toString() {
    return "AnalogBatchNorm(scale, shift: " + chain.weightSide().describeToAnalog() + ")";
  }
}
