package analogsweep.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The CIFAR binary formats, parsed in one place for the reader ({@link CifarReader}) and the
 * up-front check ({@link DataCheck}): where the files sit, which variant a folder holds, its file
 * names, the record layout, and the checks on each file (whole records, labels in range). Every
 * failure is a {@link DataFormatException} naming the file.
 */
final class CifarFormat {
  /** Pixels of one image: R, G, B planes of 32x32. */
  static final int PIXELS = 3 * 32 * 32;

  private CifarFormat() {}

  /**
   * The variant a folder holds. CIFAR-10: {@code data_batch_1.bin} .. {@code data_batch_5.bin}
   * and {@code test_batch.bin}, records of 1 label byte and the pixels. CIFAR-100:
   * {@code train.bin} and {@code test.bin}, records of a coarse and a fine label byte and the
   * pixels; the fine label (100 classes) is used.
   */
  record Layout(Path dir, boolean cifar10) {
    int labelBytes() {
      return cifar10 ? 1 : 2;
    }

    int classes() {
      return cifar10 ? 10 : 100;
    }

    int recordBytes() {
      return labelBytes() + PIXELS;
    }

    String format() {
      return cifar10 ? "cifar-10" : "cifar-100";
    }

    List<String> trainFiles() {
      return cifar10 ? List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
          "data_batch_4.bin", "data_batch_5.bin") : List.of("train.bin");
    }

    String testFile() {
      return cifar10 ? "test_batch.bin" : "test.bin";
    }

    /** The file {@code name} in the folder, raw or gzip; missing is an error. */
    Path require(String name) {
      Path file = DataFiles.find(dir, name);
      if (file == null) {
        throw new DataFormatException(dir.resolve(name).toString(), "missing (raw or .gz)");
      }
      return file;
    }

    /** Checks the label of the record at {@code buffer[offset..]}, record {@code index}. */
    void checkRecord(Path file, byte[] buffer, int offset, long index) {
      int label = buffer[offset + labelBytes() - 1] & 0xff;
      if (label >= classes()) {
        throw new DataFormatException(file.toString(), "label " + label + " of record " + index
            + " is not below " + classes() + ": not CIFAR-" + classes());
      }
    }

    /** A file of {@code bytes} bytes holds whole records, at least one. */
    void requireWholeRecords(Path file, long bytes) {
      if (bytes % recordBytes() != 0) {
        throw new DataFormatException(file.toString(), bytes + " bytes is not a whole number "
            + "of " + recordBytes() + "-byte records: truncated or not CIFAR-" + classes());
      }
      if (bytes == 0) {
        throw new DataFormatException(file.toString(), "empty");
      }
    }
  }

  /** The folder that holds CIFAR-10 or CIFAR-100 binary files, or null. */
  static Path locate(Path dir) {
    for (Path d : new Path[] {dir, dir.resolve("cifar-10-batches-bin"),
        dir.resolve("cifar-100-binary")}) {
      if (DataFiles.find(d, "data_batch_1.bin", "train.bin") != null) {
        return d;
      }
    }
    return null;
  }

  /** The layout of the CIFAR files in {@code dir} or its archive subfolder. */
  static Layout layout(Path dir) {
    Path d = locate(dir);
    if (d == null) {
      throw new DataFormatException(dir.toString(), "no CIFAR binary files found");
    }
    return new Layout(d, DataFiles.find(d, "data_batch_1.bin") != null);
  }
}
