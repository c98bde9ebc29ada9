package analogsweep.packed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import analogsweep.grid.ActivationSection;
import analogsweep.grid.AnalogSection;
import analogsweep.grid.ChainSites;
import analogsweep.grid.GridPoint;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.layer.DrawnDropout;
import analogsweep.layer.LayerInit;
import analogsweep.model.Architectures;
import analogsweep.model.LayerSpec;
import analogsweep.model.LayoutCost;
import analogsweep.model.SequentialArchitecture;
import analogsweep.seed.EngineDraws;
import analogsweep.seed.PointSeeds;
import analogsweep.tensor.Scalars;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K networks of one architecture (the linear model or the ConvNet) trained as one, in the manner
 * of HFTA (MLSys 2021): each weight layer holds the K points' weights stacked along a leading
 * pack axis, dense layers run as one batched matrix product and convolutions as one grouped
 * convolution with K groups; the analog chain and the activation take each point's own precision,
 * noise parameter, interpolation factor, gate scale and leak along that axis. Each point's initial
 * weights are those its own unpacked network would have (the same seeds, drawn in the same
 * order), and the points share no parameter, so a point's gradient is the one it would have alone.
 *
 * <p>Inputs are (K, batch, channels, height, width): each point its own batch. Dense activations
 * are (K, batch, features); convolutional ones (batch, K x channels, height, width). Outputs are
 * logits (K, batch, classes). {@link #select} keeps some of the points (those still training).
 */
public final class PackedNetwork implements AutoCloseable {
  private final List<LayerSpec> steps;
  private final NDManager manager;
  private final ChainSites sites;
  private final boolean convInput;
  /** The recipe's weight-gradient rule, one for the pack (its points share a model section). */
  private final boolean weightGradientPassesClamp;
  private PackedChain chain;
  /** The pack's dropout masks, one stream for the pack (seeded by its first point). */
  private final EngineDraws dropoutDraws;
  private PackedActivation activation;
  /** Per weight layer: weight then bias, each with the pack axis first. */
  private List<NDArray> parameters;
  private int packSize;

  private PackedNetwork(List<LayerSpec> steps, NDManager manager, ChainSites sites,
      boolean convInput, boolean weightGradientPassesClamp, PackedChain chain,
      EngineDraws dropoutDraws, PackedActivation activation, List<NDArray> parameters,
      int packSize) {
    this.steps = steps;
    this.manager = manager;
    this.sites = sites;
    this.convInput = convInput;
    this.weightGradientPassesClamp = weightGradientPassesClamp;
    this.chain = chain;
    this.dropoutDraws = dropoutDraws;
    this.activation = activation;
    this.parameters = parameters;
    this.packSize = packSize;
  }

  /** Whether grid points of this model kind can train packed. */
  public static boolean supports(ModelKind kind) {
    return Architectures.of(kind).packs();
  }

  /**
   * The packed network of {@code points} (of one architecture: see
   * {@code TrainingJob.packable}) for images (channels, height, width) and {@code classes}
   * classes; parameters live in {@code manager}'s child and require gradients.
   */
  public static PackedNetwork build(List<GridPoint> points, Shape image, int classes,
      NDManager manager) {
    GridPoint first = points.get(0);
    if (!supports(first.model().kind())) {
      throw new IllegalArgumentException("model " + first.model().kind() + " does not pack");
    }
    ModelSection model = first.model();
    int widen = first.activation().family().gated() ? 2 : 1;
    SequentialArchitecture architecture = (SequentialArchitecture) Architectures.of(model.kind());
    List<LayerSpec> steps = architecture.layout(model, widen, classes);
    boolean conv = architecture.convolutional();
    NDManager params = manager.newSubManager();
    List<SplittableRandom> seeds = new ArrayList<>();
    for (GridPoint p : points) {
      seeds.add(PointSeeds.of(p.seed()).initialization()); // as each point's own network draws them
    }
    List<NDArray> parameters = new ArrayList<>();
    List<LayerSpec> weightSteps = new ArrayList<>();
    for (LayerSpec s : steps) {
      if (s instanceof LayerSpec.Conv || s instanceof LayerSpec.Dense) {
        weightSteps.add(s);
      }
    }
    List<LayoutCost.WeightLayer> layers = LayoutCost.weightLayers(steps, image.get(0),
        image.get(1), image.get(2));
    for (int l = 0; l < layers.size(); l++) {
      List<LayerInit> inits = new ArrayList<>();
      for (GridPoint p : points) {
        inits.add(architecture.initOf(weightSteps.get(l), p.recipe().init()));
      }
      addLayer(parameters, params, seeds, inits, new Shape(layers.get(l).weightShape()),
          layers.get(l).outputs());
    }
    List<AnalogSection> analog = new ArrayList<>();
    List<ActivationSection> act = new ArrayList<>();
    for (GridPoint p : points) {
      analog.add(p.analog());
      act.add(p.activation());
    }
    return new PackedNetwork(steps, params, first.chainSites(), conv,
        model.recipe().weightGradientPassesClamp(),
        PackedChain.of(analog, PointSeeds.of(first.seed()).chain()),
        PointSeeds.of(first.seed()).dropout(),
        PackedActivation.of(act), parameters, points.size());
  }

  /**
   * Stacks each point's weight (of {@code shape}) and bias, drawn as its own layer would (from
   * the same seed, by the same laws).
   */
  private static void addLayer(List<NDArray> parameters, NDManager m,
      List<SplittableRandom> seeds, List<LayerInit> inits, Shape shape, int out) {
    int k = seeds.size();
    int size = Math.toIntExact(shape.size());
    long[] dims = shape.getShape();
    float[] weights = new float[k * size];
    float[] biases = new float[k * out];
    for (int j = 0; j < k; j++) {
      long seed = seeds.get(j).nextLong();
      System.arraycopy(inits.get(j).weightValues(dims, seed), 0, weights, j * size, size);
      System.arraycopy(inits.get(j).biasValues(dims, seed), 0, biases, j * out, out);
    }
    boolean conv = dims.length == 4;
    // conv weights (K x out, in, kh, kw) for a grouped convolution; dense (K, out, in)
    Shape stacked = conv ? new Shape(k * dims[0], dims[1], dims[2], dims[3])
        : new Shape(k, dims[0], dims[1]);
    NDArray wt = m.create(weights, stacked);
    NDArray b = m.create(biases, conv ? new Shape(k * out) : new Shape(k, 1, out));
    wt.setRequiresGradient(true);
    b.setRequiresGradient(true);
    parameters.add(wt);
    parameters.add(b);
  }

  /** The number of points still in the pack. */
  public int packSize() {
    return packSize;
  }

  /** The stacked parameters (each with the pack axis first, K equal slices along it). */
  public List<NDArray> parameters() {
    return parameters;
  }

  /** Parameters of one point's network. */
  public long parametersPerPoint() {
    long total = 0;
    for (NDArray p : parameters) {
      total += p.size();
    }
    return total / packSize;
  }

  /**
   * Logits (K, batch, classes) for inputs (K, batch, C, H, W); arrays are made in the input's
   * manager. Dropout is on when {@code training}; the analog chain always is.
   */
  public NDArray forward(NDArray x, boolean training) {
    long k = packSize;
    long batch = x.getShape().get(1);
    NDArray h;
    if (convInput) {
      // (K, B, C, H, W) -> (B, K x C, H, W)
      Shape s = x.getShape();
      h = x.transpose(1, 0, 2, 3, 4).reshape(batch, k * s.get(2), s.get(3), s.get(4));
    } else {
      h = x.reshape(k, batch, -1);
    }
    boolean flat = !convInput;
    int param = 0;
    for (LayerSpec s : steps) {
      if (s instanceof LayerSpec.Conv cv) {
        h = conv(h, parameters.get(param), parameters.get(param + 1), cv.padding());
        param += 2;
      } else if (s instanceof LayerSpec.Dense) {
        h = dense(h, parameters.get(param), parameters.get(param + 1));
        param += 2;
      } else if (s instanceof LayerSpec.Activate a) {
        h = a.channels() ? channelActivation(h) : activation.apply(h, 0, 2);
      } else if (s instanceof LayerSpec.MaxPool) {
        h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
      } else if (s instanceof LayerSpec.Dropout d) {
        h = training ? DrawnDropout.drop(h, d.rate(), dropoutDraws) : h;
      } else if (s instanceof LayerSpec.Flatten && !flat) {
        h = h.reshape(batch, k, -1).transpose(1, 0, 2);
        flat = true;
      }
    }
    return h;
  }

  /** A copy of the parameter in the batch's manager, through the chain where it acts on weights. */
  private NDArray weightOf(NDArray like, NDArray parameter) {
    NDArray w = Scalars.of(like, 0).add(parameter);
    if (!sites.weights()) {
      return w;
    }
    Shape shape = w.getShape();
    return chain.toAnalogWeights(w.reshape(packSize, -1), 0, weightGradientPassesClamp)
        .reshape(shape);
  }

  private NDArray conv(NDArray x, NDArray weight, NDArray bias, int padding) {
    Shape in = x.getShape();
    if (sites.beforeLayers()) {
      x = chain.toAnalog(x.reshape(in.get(0), packSize, -1), 1).reshape(in);
    }
    NDArray y = Conv2d.conv2d(x, weightOf(x, weight), weightOf(x, bias), new Shape(1, 1),
        new Shape(padding, padding), new Shape(1, 1), packSize).singletonOrThrow();
    if (sites.afterLayers()) {
      Shape out = y.getShape();
      y = chain.toDigital(y.reshape(out.get(0), packSize, -1), 1).reshape(out);
    }
    return y;
  }

  private NDArray dense(NDArray x, NDArray weight, NDArray bias) {
    if (sites.beforeLayers()) {
      x = chain.toAnalog(x, 0);
    }
    NDArray y = x.matMul(weightOf(x, weight).transpose(0, 2, 1)).add(weightOf(x, bias));
    if (sites.afterLayers()) {
      y = chain.toDigital(y, 0);
    }
    return y;
  }

  /** (B, K x C, H, W): each point's channels (halved by a gated family). */
  private NDArray channelActivation(NDArray x) {
    Shape s = x.getShape();
    NDArray view = x.reshape(s.get(0), packSize, s.get(1) / packSize, s.get(2) * s.get(3));
    NDArray y = activation.apply(view, 1, 2);
    return y.reshape(s.get(0), -1, s.get(2), s.get(3));
  }

  /**
   * Keeps the points at {@code keep} (indices into the current pack, ascending): their slices of
   * every parameter become the new parameters (leaves that require gradients), the old ones are
   * closed. Returns the slices of {@code state} (one array per parameter, optimizer state) kept
   * alike, in the same order.
   */
  public List<NDArray> select(int[] keep, List<NDArray> state) {
    List<NDArray> kept = new ArrayList<>();
    for (NDArray p : parameters) {
      NDArray q = slices(p, keep);
      q.setRequiresGradient(true);
      kept.add(q);
      p.close();
    }
    List<NDArray> keptState = new ArrayList<>();
    for (NDArray s : state) {
      keptState.add(slices(s, keep));
      s.close();
    }
    parameters = kept;
    chain = chain.select(keep);
    activation = activation.select(keep);
    packSize = keep.length;
    return keptState;
  }

  /** The slices {@code keep} of an array of K equal slices along axis 0, as a new array. */
  private NDArray slices(NDArray a, int[] keep) {
    try (NDArray detached = a.stopGradient()) {
      NDList parts = detached.split(packSize, 0);
      NDList chosen = new NDList();
      for (int j : keep) {
        chosen.add(parts.get(j));
      }
      NDArray out = chosen.size() == 1 ? chosen.get(0).duplicate() : NDArrays.concat(chosen, 0);
      out.attach(manager);
      parts.close();
      return out.toType(DataType.FLOAT32, false);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
