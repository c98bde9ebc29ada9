package analogsweep.grid;

/**
 * How pixel values reach the network: {@code none} (the default: scaled to [0, 1], as the paper's
 * ConvNet runs), or scaled to [0, 1] then, channel by channel, a mean subtracted and divided by a
 * standard deviation (torchvision's {@code Normalize}): {@code per-channel}, the training split's
 * own; {@code cifar-10-constants}, the fixed (0.4914, 0.4822, 0.4465) and (0.2023, 0.1994,
 * 0.2010) of the authors' VGG-A runs, on CIFAR-100 too (GeLUReLUInterpolation
 * {@code src/run_vgg.py}, commit a7933d5); {@code imagenet-constants}, ImageNet's (0.485, 0.456,
 * 0.406) and (0.229, 0.224, 0.225) of their ResNet-18 runs ({@code src/run_resnet.py}). The
 * constants are colour ones: a grayscale data set is refused with them (as torchvision's
 * {@code Normalize} refuses three means for one channel), naming this field. The chain's clamp to
 * [-1, 1] acts after it.
 */
public enum Normalization {
  NONE("none"),
  PER_CHANNEL("per-channel"),
  CIFAR_10_CONSTANTS("cifar-10-constants", new double[] {0.4914, 0.4822, 0.4465},
      new double[] {0.2023, 0.1994, 0.2010}),
  IMAGENET_CONSTANTS("imagenet-constants", new double[] {0.485, 0.456, 0.406},
      new double[] {0.229, 0.224, 0.225});

  private final String id;
  private final double[] means;
  private final double[] deviations;

  Normalization(String id) {
    this(id, null, null);
  }

  Normalization(String id, double[] means, double[] deviations) {
    this.id = id;
    this.means = means;
    this.deviations = deviations;
  }

  public String id() {
    return id;
  }

  /** The fixed per-channel means (red, green, blue), or null where there are none. */
  public double[] means() {
    return means == null ? null : means.clone();
  }

  /** The fixed per-channel standard deviations, or null where there are none. */
  public double[] deviations() {
    return deviations == null ? null : deviations.clone();
  }

  public static Normalization parse(String field, String text) {
    return Names.byName(field, text, values(), "normalization");
  }

  @Override
  public String toString() {
    return id;
  }
}
