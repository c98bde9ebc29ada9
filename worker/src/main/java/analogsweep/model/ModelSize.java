package analogsweep.model;

import analogsweep.common.InvalidValueException;
import analogsweep.data.DataCheck;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameter count of a grid point's network on images of a given shape, worked out by its
 * architecture without building it ({@link Architecture#cost}), so that the driver can refuse a
 * network that no executor could hold before anything is submitted (a
 * {@code hidden_sizes: [65536, 65536]} linear model has 4.3 billion weights: PyTorch would fail
 * on it, or the kernel would end the executor). Every model has a count, so the check applies to
 * every model. The limit, {@link #MAX_PARAMETERS}, leaves a network's float32 weights, gradients
 * and Adam moments at 2.4 GB: VGG-A (129,176,036 parameters with 100 classes, the largest
 * network of the paper) fits; the paper's ConvNet has 1.2 million.
 */
public final class ModelSize {
  /** The most parameters a task may train. */
  public static final long MAX_PARAMETERS = 150_000_000L;

  private ModelSize() {}

  /** Weights, biases and other trained values of the point's network on (channels, height, width). */
  public static long parameters(GridPoint point, int channels, int height, int width,
      int classes) {
    return Architectures.of(point.model().kind()).cost(point.model(),
        point.activation().family().gated() ? 2 : 1, channels, height, width, classes)
        .parameters();
  }

  /**
   * Refuses a point the data set cannot train: normalization constants for another number of
   * colour channels, or a network over {@link #MAX_PARAMETERS} on it.
   */
  public static void check(GridPoint point, DataCheck.Summary data) {
    boolean gray = point.data().grayscale();
    int channels = gray ? 1 : data.channels();
    double[] means = point.data().normalization().means();
    if (means != null && means.length != channels) {
      throw new InvalidValueException("data.normalization", point.data().normalization().id()
          + " (" + point.model().kind().id() + "'s under the recipe "
          + point.recipe().recipe().id() + ") holds constants for " + means.length
          + " colour channels and " + point.data().path() + " has " + channels + "; set "
          + "data.normalization to per-channel or none");
    }
    check(point, channels, data.height(), data.width(), data.classes());
  }

  /** Refuses a network over {@link #MAX_PARAMETERS} on this data, naming the model's options. */
  public static void check(GridPoint point, int channels, int height, int width, int classes) {
    check(point, channels, height, width, classes, MAX_PARAMETERS);
  }

  /** Refuses a network over {@code limit} parameters on this data, naming the model's options. */
  public static void check(GridPoint point, int channels, int height, int width, int classes,
      long limit) {
    long n = parameters(point, channels, height, width, classes);
    if (n > limit) {
      List<String> options = new ArrayList<>();
      for (GridField f : Architectures.of(point.model().kind()).options()) {
        options.add(f.column() + " " + f.get(point));
      }
      throw new InvalidValueException("model", String.format(Locale.ROOT, "the %s model%s on "
          + "%dx%dx%d images has %,d parameters, more than the %,d a task may train (float32 "
          + "weights, gradients and Adam state of %.1f GB)", point.model().kind(),
          options.isEmpty() ? "" : " with " + String.join(", ", options), height, width,
          channels, n, limit, n * 16 / 1e9));
    }
  }
}
