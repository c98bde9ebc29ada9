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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A weight layer (Linear or Conv2d) with the analog chain where its {@link ChainSites} put it:
 * the input passes Clamp, ReducePrecision, Noise before the layer, the output Noise, Clamp,
 * ReducePrecision after it, and the weight and bias pass Clamp, ReducePrecision, Noise on every
 * forward pass. The gradient reaches the clean stored parameters straight through; the optimizer
 * updates those, so the stored weights never hold noise. Noise stays on in evaluation: it models
 * the hardware. Weight and bias start from the layer's {@link LayerInit} (PyTorch's default
 * unless the model says otherwise), drawn from the layer's seed.
 */
public abstract class AnalogLayer extends AbstractBlock {
  protected final int outputs;
  private final AnalogChain chain;
  private final ChainSites sites;
  private final long initSeed;
  protected final Parameter weight;
  protected final Parameter bias;
  private LayerInit init = LayerInit.PYTORCH;

  protected AnalogLayer(int outputs, AnalogChain chain, ChainSites sites, long initSeed) {
    this(outputs, true, chain, sites, initSeed);
  }

  /** A layer with a bias, or without one (a convolution followed by batch norm, ViT's qkv). */
  protected AnalogLayer(int outputs, boolean withBias, AnalogChain chain, ChainSites sites,
      long initSeed) {
    this.outputs = outputs;
    this.chain = chain;
    this.sites = sites;
    this.initSeed = initSeed;
    weight = addParameter(
        Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    bias = withBias
        ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
        : null;
  }

  /** The weight's shape for this input shape; dimension 0 is the output count. */
  protected abstract Shape weightShape(Shape input);

  /** The plain layer: Linear or Conv2d of x with (possibly noisy) weight and bias (or null). */
  protected abstract NDArray compute(NDArray x, NDArray w, NDArray b);

  /** Sets the laws the weight and bias start from; call before initialisation. */
  protected void setInit(LayerInit layerInit) {
    this.init = Objects.requireNonNull(layerInit, "init");
  }

  /** The laws the weight and bias start from. */
  public LayerInit init() {
    return init;
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape ws = weightShape(inputShapes[0]);
    weight.setShape(ws);
    weight.setInitializer(init.weightInitializer(ws.getShape(), initSeed));
    if (bias != null) {
      bias.setShape(new Shape(outputs));
      bias.setInitializer(init.biasInitializer(ws.getShape(), initSeed));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    NDArray w = ps.getValue(weight, input.getDevice(), training);
    NDArray b = bias == null ? null : ps.getValue(bias, input.getDevice(), training);
    NDArray x = sites.beforeLayers() ? chain.toAnalog(input) : input;
    if (sites.weights()) {
      // Every array the chain makes from the weights belongs to the input's (per-batch) manager,
      // so it is freed with the batch, not kept with the model.
      w = chain.toAnalog(w, x.getManager());
      b = b == null ? null : chain.toAnalog(b, x.getManager());
    }
    NDArray y = compute(x, w, b);
    // Autograd keeps what it needs of these; freeing them now lowers a large layer's peak.
    if (x != input) {
      x.close();
    }
    if (sites.weights()) {
      w.close();
      if (b != null) {
        b.close();
      }
    }
    if (sites.afterLayers()) {
      NDArray analog = y;
      y = chain.toDigital(analog);
      analog.close();
    }
    return new NDList(y);
  }

  /** What the chain does on each side, for printed models; says so where there is no bias. */
  protected String chainDescription() {
    List<String> parts = new ArrayList<>();
    if (sites.beforeLayers()) {
      parts.add("in: " + chain.describeToAnalog());
    }
    if (sites.weights()) {
      parts.add("weights: " + chain.weightSide().describeToAnalog()
          + (chain.weightGradientPassesClamp() ? " (gradient passes the clamp)" : ""));
    }
    if (sites.afterLayers()) {
      parts.add("out: " + chain.describeToDigital());
    }
    if (parts.isEmpty()) {
      parts.add("digital");
    }
    if (bias == null) {
      parts.add(0, "no bias");
    }
    if (init != LayerInit.PYTORCH) {
      parts.add("init: " + init.describe());
    }
    return String.join("; ", parts);
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
