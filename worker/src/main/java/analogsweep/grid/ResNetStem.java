package analogsweep.grid;

/**
 * The first layers of ResNet-18. {@code cifar} (the default) is a 3x3 stride-1 convolution with
 * no max-pool, the usual stem for 32x32 images: the network keeps 32x32 through its first stage
 * and ends at 4x4, at the cost of the ImageNet stem's 49x larger input. {@code imagenet} is
 * torchvision's stem as the authors ran it: the input resized to 224x224 (bilinear), a 7x7
 * stride-2 convolution and a 3x3 stride-2 max-pool. {@code imagenet-pipeline} is the same stem
 * on the images as the data pipeline gives them, with no resize in the network: the authors'
 * run_resnet.py (GeLUReLUInterpolation commit a7933d5) resizes in its data transforms (training
 * images 256 then a 224 centre crop, test images 256 uncropped) and its network (src/nn/ResNet.py)
 * takes them as they come; augmentation {@code imagenet-style} is that pipeline. It is ResNet-18's
 * default under the recipe {@code authors}; on images the pipeline leaves at 32x32 it ends at
 * 1x1 before the pool.
 */
public enum ResNetStem {
  CIFAR("cifar"),
  IMAGENET("imagenet"),
  IMAGENET_PIPELINE("imagenet-pipeline");

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
