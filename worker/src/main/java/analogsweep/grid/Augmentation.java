package analogsweep.grid;

/**
 * Random changes to each training image, drawn anew every epoch from a generator seeded by the
 * grid point: {@code none} (the default); {@code crop-flip}, torchvision's
 * {@code RandomCrop(size, padding=4, padding_mode='reflect')} then
 * {@code RandomHorizontalFlip()}; {@code crop-flip-rotate}, those two then
 * {@code RandomRotation(15)}, the whole training transform of the authors' VGG-A runs
 * (GeLUReLUInterpolation {@code src/run_vgg.py}, commit a7933d5); {@code imagenet-style}, the
 * training transform of their ResNet-18 runs ({@code src/run_resnet.py}, same commit): resize to
 * 256 (bilinear), random horizontal and vertical flips, {@code RandomRotation(45)},
 * {@code ColorJitter(0.5, 0.5, 0.5, 0.5)}, centre crop 224. Rotations are torchvision's
 * defaults: nearest pixel, zero fill (black, before normalization), about the image centre.
 * Test images are never changed at random; {@code imagenet-style} resizes them to 256 (not
 * cropped), as the authors' test transform. The pipeline itself is {@code train.InputPipeline}.
 */
public enum Augmentation {
  NONE("none"),
  CROP_FLIP("crop-flip"),
  CROP_FLIP_ROTATE("crop-flip-rotate"),
  IMAGENET_STYLE("imagenet-style");

  private final String id;

  Augmentation(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Augmentation parse(String field, String text) {
    return Names.byName(field, text, values(), "augmentation");
  }

  @Override
  public String toString() {
    return id;
  }
}
