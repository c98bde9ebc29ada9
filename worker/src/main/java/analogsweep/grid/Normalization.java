package analogsweep.grid;

/**
 * How pixel values reach the network: {@code none} (the default: scaled to [0, 1], as the paper's
 * ConvNet runs), or {@code per-channel}: then each channel's mean subtracted and divided by its
 * standard deviation, both over the whole training split, as torchvision's {@code Normalize} with
 * CIFAR's statistics in the authors' VGG-A runs. The chain's clamp to [-1, 1] acts after it.
 */
public enum Normalization {
  NONE("none"),
  PER_CHANNEL("per-channel");

  private final String id;

  Normalization(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Normalization parse(String field, String text) {
    return Names.byName(field, text, values(), "normalization");
  }

  @Override
  public String toString() {
    return id;
  }
}
