package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * The data of a grid point: the folder (or Hadoop URI) of the dataset, whether colour images are
 * turned into one channel, how many training and test images to keep (the first N; 0 = all), the
 * augmentation of training images and the normalization of every image.
 */
public record DataSection(String path, boolean grayscale, int trainLimit, int testLimit,
    Augmentation augmentation, Normalization normalization) implements Serializable {

  public DataSection {
    Rules.check(path != null && !path.isBlank(), "data_path", path, "must be given");
    FieldRange.check(GridField.TRAIN_LIMIT, trainLimit);
    FieldRange.check(GridField.TEST_LIMIT, testLimit);
    Objects.requireNonNull(augmentation, "augmentation");
    Objects.requireNonNull(normalization, "normalization");
  }

  static DataSection from(FieldValues v) {
    return new DataSection(v.get(GridField.DATA_PATH), v.get(GridField.GRAYSCALE),
        v.get(GridField.TRAIN_LIMIT), v.get(GridField.TEST_LIMIT),
        v.get(GridField.AUGMENTATION), v.get(GridField.NORMALIZATION));
  }
}
