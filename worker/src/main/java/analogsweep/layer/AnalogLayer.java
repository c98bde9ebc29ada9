package analogsweep.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import analogsweep.analog.AnalogChain;
import analogsweep.grid.ChainSites;
import analogsweep.tensor.Scalars;

/**
 * A weight layer (Linear or Conv2d) with the analog chain where its {@link ChainSites} put it:
 * the input passes Clamp, ReducePrecision, Noise before the layer, the output Noise, Clamp,
 * ReducePrecision after it, and the weight and bias pass Clamp, ReducePrecision, Noise on every
 * forward pass. The gradient reaches the clean stored parameters straight through; the optimizer
 * updates those, so the stored weights never hold noise. Noise stays on in evaluation: it models
 * the hardware.
 */
public abstract class AnalogLayer extends AbstractBlock {
  protected final int outputs;
  private final AnalogChain chain;
  private final ChainSites sites;
  private final long initSeed;
  protected final Parameter weight;
  protected final Parameter bias;

  protected AnalogLayer(int outputs, AnalogChain chain, ChainSites sites, long initSeed) {
    this.outputs = outputs;
    this.chain = chain;
    this.sites = sites;
    this.initSeed = initSeed;
    weight = addParameter(
        Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
  }

  /** The weight's shape for this input shape; dimension 0 is the output count. */
  protected abstract Shape weightShape(Shape input);

  /** The plain layer: Linear or Conv2d of x with (possibly noisy) weight and bias. */
  protected abstract NDArray compute(NDArray x, NDArray w, NDArray b);

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape ws = weightShape(inputShapes[0]);
    weight.setShape(ws);
    bias.setShape(new Shape(outputs));
    double bound = 1.0 / Math.sqrt((double) ws.size() / ws.get(0));
    weight.setInitializer(new SeededUniformInitializer(bound, initSeed));
    bias.setInitializer(new SeededUniformInitializer(bound, ~initSeed));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    if (sites.beforeLayers()) {
      x = chain.toAnalog(x);
    }
    if (sites.weights()) {
      // Start from an array of the input's (per-batch) manager so that every array the chain
      // makes from the weights is freed with the batch, not kept with the model.
      NDArray zero = Scalars.of(x, 0);
      w = chain.toAnalog(zero.add(w));
      b = chain.toAnalog(zero.add(b));
    }
    NDArray y = compute(x, w, b);
    if (sites.afterLayers()) {
      y = chain.toDigital(y);
    }
    return new NDList(y);
  }

  /** What the chain does on each side, for printed models. */
  protected String chainDescription() {
    StringBuilder sb = new StringBuilder();
    if (sites.beforeLayers()) {
      sb.append("in: ").append(chain.describeToAnalog()).append("; ");
    }
    if (sites.weights()) {
      sb.append("weights: ").append(chain.describeToAnalog()).append("; ");
    }
    if (sites.afterLayers()) {
      sb.append("out: ").append(chain.describeToDigital()).append("; ");
    }
    return sb.length() == 0 ? "digital" : sb.substring(0, sb.length() - 2);
  }

  /** The input's size along {@code axis}, or "?" before initialisation. */
  protected String inputSize(int axis) {
    if (!isInitialized()) {
      return "?";
    }
    Shape in = getInputShapes()[0];
    return String.valueOf(in.get(axis < 0 ? in.dimension() + axis : axis));
  }
}
