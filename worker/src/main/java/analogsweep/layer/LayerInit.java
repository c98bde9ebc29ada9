package analogsweep.layer;

import ai.djl.training.initializer.Initializer;

/**
 * The laws a weight layer's weight and bias start from, each drawn by {@link SeededInitializer}
 * from the layer's own seed (the weight from the seed, the bias from its complement), so that
 * they depend on the grid point's seed only. With fan_in the weight's size over its outputs and
 * fan_out its outputs times its kernel's pixels, the laws are PyTorch's:
 * {@link Law#DEFAULT} U(+-1/sqrt(fan_in)) (what Linear and Conv2d draw unless told otherwise),
 * {@link Law#KAIMING_UNIFORM} U(+-sqrt(6/fan_in)) ({@code kaiming_uniform_} with a = 0: gain
 * sqrt 2), {@link Law#KAIMING_NORMAL_FAN_IN} and {@link Law#KAIMING_NORMAL_FAN_OUT}
 * N(0, 2/fan) ({@code kaiming_normal_}, ReLU gain), and {@link Law#ZERO}.
 */
public record LayerInit(Law weight, Law bias) {
  /** PyTorch's default for Linear and Conv2d: weight and bias U(+-1/sqrt(fan_in)). */
  public static final LayerInit PYTORCH = new LayerInit(Law.DEFAULT, Law.DEFAULT);
  /** The authors' ConvNet FC layers: Kaiming-uniform weights, the default bias. */
  public static final LayerInit KAIMING_UNIFORM_WEIGHT =
      new LayerInit(Law.KAIMING_UNIFORM, Law.DEFAULT);
  /** Kaiming-normal (fan_out) weights, the default bias: the authors' ResNet convolutions. */
  public static final LayerInit KAIMING_NORMAL_FAN_OUT_WEIGHT =
      new LayerInit(Law.KAIMING_NORMAL_FAN_OUT, Law.DEFAULT);
  /** Kaiming-normal (fan_out) weights and zero biases: the authors' VGG convolutions. */
  public static final LayerInit KAIMING_NORMAL_FAN_OUT_ZERO_BIAS =
      new LayerInit(Law.KAIMING_NORMAL_FAN_OUT, Law.ZERO);
  /** Kaiming-normal (fan_in) weights and zero biases: the authors' VGG Linear layers. */
  public static final LayerInit KAIMING_NORMAL_FAN_IN_ZERO_BIAS =
      new LayerInit(Law.KAIMING_NORMAL_FAN_IN, Law.ZERO);

  /** One law of initial values. */
  public enum Law {
    DEFAULT,
    KAIMING_UNIFORM,
    KAIMING_NORMAL_FAN_IN,
    KAIMING_NORMAL_FAN_OUT,
    ZERO
  }

  /** The weight's initializer for a weight of {@code shape} (outputs first). */
  public Initializer weightInitializer(long[] shape, long seed) {
    return initializer(weight, shape, seed);
  }

  /** The bias's initializer, for the weight of {@code weightShape}; drawn from {@code ~seed}. */
  public Initializer biasInitializer(long[] weightShape, long seed) {
    return initializer(bias, weightShape, ~seed);
  }

  /** {@code count} initial weights (outputs first) of a weight of {@code shape}. */
  public float[] weightValues(long[] shape, long seed) {
    return values(weight, shape, seed, size(shape));
  }

  /** The initial biases of a layer whose weight has {@code weightShape}. */
  public float[] biasValues(long[] weightShape, long seed) {
    return values(bias, weightShape, ~seed, weightShape[0]);
  }

  private static float[] values(Law law, long[] shape, long seed, long count) {
    int n = Math.toIntExact(count);
    return law == Law.ZERO ? new float[n] : seeded(law, shape, seed).values(n);
  }

  private static Initializer initializer(Law law, long[] shape, long seed) {
    return law == Law.ZERO ? Initializer.ZEROS : seeded(law, shape, seed);
  }

  private static SeededInitializer seeded(Law law, long[] shape, long seed) {
    // as AnalogLayer has always computed it, so the default draws stay the same to the bit
    double fanIn = (double) size(shape) / shape[0];
    double fanOut = (double) size(shape) / shape[1];
    return switch (law) {
      case DEFAULT -> SeededInitializer.uniform(1.0 / Math.sqrt(fanIn), seed);
      case KAIMING_UNIFORM -> SeededInitializer.uniform(Math.sqrt(6.0 / fanIn), seed);
      case KAIMING_NORMAL_FAN_IN -> SeededInitializer.normal(Math.sqrt(2.0 / fanIn), seed);
      case KAIMING_NORMAL_FAN_OUT -> SeededInitializer.normal(Math.sqrt(2.0 / fanOut), seed);
      case ZERO -> throw new IllegalArgumentException("zero is not drawn");
    };
  }

  private static long size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** "kaiming-normal(fan_out) weights, zero biases", for printed models. */
  public String describe() {
    return name(weight) + " weights, " + name(bias) + " biases";
  }

  private static String name(Law law) {
    return switch (law) {
      case DEFAULT -> "U(+-1/sqrt(fan_in))";
      case KAIMING_UNIFORM -> "kaiming-uniform U(+-sqrt(6/fan_in))";
      case KAIMING_NORMAL_FAN_IN -> "kaiming-normal N(0, 2/fan_in)";
      case KAIMING_NORMAL_FAN_OUT -> "kaiming-normal N(0, 2/fan_out)";
      case ZERO -> "zero";
    };
  }
}
