package analogsweep.layer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.analog.AnalogChain;

/**
 * The chain's digital-to-analog end (Clamp, ReducePrecision, Noise) as a layer of its own, with
 * no weight layer after it: ResNet-18's identity shortcut under the authors' recipe. In
 * GeLUReLUInterpolation's {@code src/nn/ResNet.py} (commit a7933d5) a BasicBlock without a
 * downsample takes the same digital-to-analog layer as its shortcut that it puts in front of its
 * convolutions, so the residual stream is clamped, quantized and noisy on identity shortcuts too.
 * Gradients are the clamp's, as before a weight layer; the output has the input's shape. The
 * ViT's input image passes it too ({@link AnalogInput}).
 */
public class DigitalToAnalog extends AbstractBlock {
  private final String role;
  private final AnalogChain chain;

  /** @param role where it sits, for printouts ("identity shortcut") */
  public DigitalToAnalog(String role, AnalogChain chain) {
    this.role = role;
    this.chain = chain;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(chain.toAnalog(inputs.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** The layer's name in printouts. */
  protected String name() {
    return "DigitalToAnalog";
  }

  @Override
  public String toString() {
    return name() + "(" + role + ": " + chain.describeToAnalog() + ")";
  }
}
