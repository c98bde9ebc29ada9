package analogsweep.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The IDX format (MNIST, Fashion-MNIST, KMNIST), parsed in one place for the reader that loads a
 * folder ({@link IdxReader}) and the up-front check that streams it ({@link DataCheck}): the file
 * names, the headers (magic number, plausible dimensions), the exact length a header promises,
 * that label and image counts match, and the label range. Every failure is a
 * {@link DataFormatException} naming the file.
 */
final class IdxFormat {
  static final int IMAGES_HEADER = 16;
  static final int LABELS_HEADER = 8;
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;
  /** Labels are class numbers below this (at most 100 classes). */
  static final int MAX_CLASSES = 100;

  /** The four files of a folder, each raw or gzip, under either of its usual names. */
  static final String[] TRAIN_IMAGES = {"train-images-idx3-ubyte", "train-images.idx3-ubyte"};
  static final String[] TRAIN_LABELS = {"train-labels-idx1-ubyte", "train-labels.idx1-ubyte"};
  static final String[] TEST_IMAGES = {"t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"};
  static final String[] TEST_LABELS = {"t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"};

  private IdxFormat() {}

  /** What an image file's header promises. */
  record Images(int count, int rows, int cols) {
    /** The file's length with its header. */
    long fileBytes() {
      return IMAGES_HEADER + (long) count * rows * cols;
    }
  }

  /**
   * The header of an image file from its first {@code length} bytes in {@code head} (fewer than
   * 16 is an error): magic number and plausible dimensions.
   */
  static Images imagesHeader(Path file, byte[] head, int length) {
    ByteBuffer b = header(file, head, length, IMAGES_MAGIC, IMAGES_HEADER, "images (idx3)");
    int count = b.getInt(4);
    int rows = b.getInt(8);
    int cols = b.getInt(12);
    if (count <= 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
      throw new DataFormatException(file.toString(),
          "implausible dimensions " + count + " x " + rows + " x " + cols);
    }
    return new Images(count, rows, cols);
  }

  /** The image file holds exactly {@code length} bytes, header included. */
  static void requireLength(Path file, Images h, long length) {
    long expected = h.fileBytes();
    if (length != expected) {
      throw new DataFormatException(file.toString(), "header promises " + h.count()
          + " images of " + h.rows() + "x" + h.cols() + " (" + expected + " bytes) but the file"
          + " holds " + length + " bytes" + (length < expected ? ": truncated" : ""));
    }
  }

  /** The label count of a label file's header, which must match {@code images}. */
  static int labelsHeader(Path file, byte[] head, int length, int images) {
    ByteBuffer b = header(file, head, length, LABELS_MAGIC, LABELS_HEADER, "labels (idx1)");
    int count = b.getInt(4);
    if (count != images) {
      throw new DataFormatException(file.toString(), count + " labels for " + images
          + " images");
    }
    return count;
  }

  /** The label file holds exactly {@code count} labels after its header. */
  static void requireLabelCount(Path file, int count, long labels) {
    if (labels != count) {
      throw new DataFormatException(file.toString(), "header promises " + count
          + " labels but the file holds " + labels + (labels < count ? ": truncated" : ""));
    }
  }

  /**
   * The largest of {@code length} labels at {@code buffer[offset..]}, the first being label
   * {@code first} of the file; a label of 100 or more is an error.
   */
  static int checkLabels(Path file, byte[] buffer, int offset, int length, long first) {
    int max = 0;
    for (int k = 0; k < length; k++) {
      int label = buffer[offset + k] & 0xff;
      if (label >= MAX_CLASSES) {
        throw new DataFormatException(file.toString(), "label " + label + " of image "
            + (first + k) + " out of range (at most " + MAX_CLASSES + " classes)");
      }
      max = Math.max(max, label);
    }
    return max;
  }

  /** Test images must have the training images' size. */
  static void requireSameSize(Path testFile, Images train, Images test) {
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DataFormatException(testFile.toString(), "images are " + test.rows() + "x"
          + test.cols() + " but the training images are " + train.rows() + "x" + train.cols());
    }
  }

  private static ByteBuffer header(Path file, byte[] head, int length, int magic, int size,
      String what) {
    if (length < size) {
      throw new DataFormatException(file.toString(),
          "only " + length + " bytes: too short for an IDX " + what + " header");
    }
    ByteBuffer b = ByteBuffer.wrap(head, 0, size);
    if (b.getInt(0) != magic) {
      throw new DataFormatException(file.toString(), String.format(
          "not an IDX %s file: magic number 0x%08x, expected 0x%08x", what, b.getInt(0), magic));
    }
    return b;
  }
}
