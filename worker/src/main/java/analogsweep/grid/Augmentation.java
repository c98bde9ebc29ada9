package analogsweep.grid;

/**
 * Random changes to each training image, drawn anew every epoch from a generator seeded by the
 * grid point: {@code none} (the default), or {@code crop-flip}, torchvision's
 * {@code RandomCrop(size, padding=4, padding_mode='reflect')} then
 * {@code RandomHorizontalFlip()} as the authors' VGG-A runs used them (their 15-degree rotation
 * is not offered). Test images are never changed.
 */
public enum Augmentation {
  NONE("none"),
  CROP_FLIP("crop-flip");

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
