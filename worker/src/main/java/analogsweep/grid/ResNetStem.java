package analogsweep.grid;

/**
 * The first layers of ResNet-18. {@code cifar} (the default) is a 3x3 stride-1 convolution with
 * no max-pool, the usual stem for 32x32 images: the network keeps 32x32 through its first stage
 * and ends at 4x4, at the cost of the ImageNet stem's 49x larger input. {@code imagenet} is
 * torchvision's stem as the authors ran it: the input resized to 224x224 (bilinear), a 7x7
 * stride-2 convolution and a 3x3 stride-2 max-pool.
 */
public enum ResNetStem {
  CIFAR("cifar"),
  IMAGENET("imagenet");

  private final String id;

  ResNetStem(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ResNetStem parse(String field, String text) {
    return Names.byName(field, text, values(), "ResNet stem");
  }

  @Override
  public String toString() {
    return id;
  }
}
