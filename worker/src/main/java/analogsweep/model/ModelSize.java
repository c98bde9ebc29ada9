package analogsweep.model;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.GridPoint;
import java.util.Locale;

/**
 * The parameter count of a grid point's network on images of a given shape, worked out from the
 * architecture without building it, so that the driver can refuse a network that no executor
 * could hold before anything is submitted (a {@code hidden_sizes: [65536, 65536]} linear model
 * has 4.3 billion weights: PyTorch would fail on it, or the kernel would end the executor). The
 * limit, {@link #MAX_PARAMETERS}, leaves a network's float32 weights, gradients and Adam moments
 * at 1.6 GB; the paper's ConvNet has 1.2 million parameters.
 */
public final class ModelSize {
  /** The most parameters a task may train. */
  public static final long MAX_PARAMETERS = 100_000_000L;

  private ModelSize() {}

  /** Weights and biases of the point's network on (channels, height, width) images, or -1. */
  public static long parameters(GridPoint point, int channels, int height, int width,
      int classes) {
    int widen = point.activation().family().gated() ? 2 : 1;
    return switch (point.model().kind()) {
      case LINEAR, CONVNET -> LayoutCost.of(LayerSpec.layout(point.model(), widen, classes),
          channels, height, width)[0];
      default -> -1;
    };
  }

  /** Refuses a network over {@link #MAX_PARAMETERS} on this data, naming the model's fields. */
  public static void check(GridPoint point, int channels, int height, int width, int classes) {
    long n = parameters(point, channels, height, width, classes);
    if (n > MAX_PARAMETERS) {
      throw new InvalidValueException("model", String.format(Locale.ROOT, "the %s model with "
          + "hidden_sizes %s on %dx%dx%d images has %,d parameters, more than the %,d a task may "
          + "train (float32 weights, gradients and Adam state of %.1f GB)", point.model().kind(),
          point.model().hiddenSizes(), height, width, channels, n, MAX_PARAMETERS,
          n * 16 / 1e9));
    }
  }
}
