package analogsweep.grid;

/**
 * The data of a grid point: the folder (or Hadoop URI) of the dataset, whether colour images are
 * turned into one channel, and how many training and test images to keep (the first N; 0 = all).
 */
public record DataSection(String path, boolean grayscale, int trainLimit, int testLimit)
    implements java.io.Serializable {

  public DataSection {
    Rules.check(path != null && !path.isBlank(), "data_path", path, "must be given");
    FieldRange.check(GridField.TRAIN_LIMIT, trainLimit);
    FieldRange.check(GridField.TEST_LIMIT, testLimit);
  }

  static DataSection from(FieldValues v) {
    return new DataSection(v.get(GridField.DATA_PATH), v.get(GridField.GRAYSCALE),
        v.get(GridField.TRAIN_LIMIT), v.get(GridField.TEST_LIMIT));
  }
}
