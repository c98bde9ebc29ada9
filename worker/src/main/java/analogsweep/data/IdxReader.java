package analogsweep.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads MNIST-style IDX files (MNIST, Fashion-MNIST, KMNIST): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each gzip-compressed or raw. The magic number, dimensions, exact length, matching counts and
 * label range are all checked; a failure names the file.
 */
public final class IdxReader {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private IdxReader() {}

  /** Whether the folder holds IDX training images. */
  public static boolean recognises(Path dir) {
    return DataFiles.find(dir, "train-images-idx3-ubyte", "train-images.idx3-ubyte") != null;
  }

  public static Dataset read(Path dir) {
    Path trainImages = require(dir, "train-images-idx3-ubyte", "train-images.idx3-ubyte");
    Path trainLabels = require(dir, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
    Path testImages = require(dir, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte");
    Path testLabels = require(dir, "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte");
    MessageDigest sha = DataFiles.sha256();
    Images train = images(trainImages, sha);
    byte[] trainY = labels(trainLabels, train.count, sha);
    Images test = images(testImages, sha);
    byte[] testY = labels(testLabels, test.count, sha);
    if (train.rows != test.rows || train.cols != test.cols) {
      throw new DataFormatException(testImages.toString(), "images are " + test.rows + "x"
          + test.cols + " but the training images are " + train.rows + "x" + train.cols);
    }
    int classes = Math.max(max(trainY), max(testY)) + 1;
    return new Dataset(dir.toString(), "idx", 1, train.rows, train.cols, classes, train.pixels,
        trainY, test.pixels, testY, HexFormat.of().formatHex(sha.digest()));
  }

  static Path require(Path dir, String... names) {
    Path p = DataFiles.find(dir, names);
    if (p == null) {
      throw new DataFormatException(dir.resolve(names[0]).toString(),
          "missing (looked for " + Arrays.toString(names) + ", raw or .gz)");
    }
    return p;
  }

  private record Images(int count, int rows, int cols, byte[] pixels) {}

  private static Images images(Path file, MessageDigest sha) {
    byte[] data = DataFiles.readAll(file);
    ByteBuffer b = header(file, data, IMAGES_MAGIC, 16, "images (idx3)");
    int count = b.getInt(4);
    int rows = b.getInt(8);
    int cols = b.getInt(12);
    if (count <= 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
      throw new DataFormatException(file.toString(),
          "implausible dimensions " + count + " x " + rows + " x " + cols);
    }
    long expected = 16L + (long) count * rows * cols;
    if (data.length != expected) {
      throw new DataFormatException(file.toString(), "header promises " + count + " images of "
          + rows + "x" + cols + " (" + expected + " bytes) but the file holds " + data.length
          + " bytes" + (data.length < expected ? ": truncated" : ""));
    }
    sha.update(data);
    return new Images(count, rows, cols, Arrays.copyOfRange(data, 16, data.length));
  }

  private static byte[] labels(Path file, int expectedCount, MessageDigest sha) {
    byte[] data = DataFiles.readAll(file);
    ByteBuffer b = header(file, data, LABELS_MAGIC, 8, "labels (idx1)");
    int count = b.getInt(4);
    if (count != expectedCount) {
      throw new DataFormatException(file.toString(),
          count + " labels for " + expectedCount + " images");
    }
    if (data.length != 8L + count) {
      throw new DataFormatException(file.toString(), "header promises " + count
          + " labels but the file holds " + (data.length - 8) + (data.length < 8L + count
          ? ": truncated" : ""));
    }
    byte[] labels = Arrays.copyOfRange(data, 8, data.length);
    for (byte l : labels) {
      if (l < 0 || l > 99) {
        throw new DataFormatException(file.toString(), "label " + (l & 0xff) + " out of range");
      }
    }
    sha.update(data);
    return labels;
  }

  private static ByteBuffer header(Path file, byte[] data, int magic, int length, String what) {
    if (data.length < length) {
      throw new DataFormatException(file.toString(),
          "only " + data.length + " bytes: too short for an IDX " + what + " header");
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    if (b.getInt(0) != magic) {
      throw new DataFormatException(file.toString(), String.format(
          "not an IDX %s file: magic number 0x%08x, expected 0x%08x", what, b.getInt(0), magic));
    }
    return b;
  }

  static int max(byte[] labels) {
    int m = 0;
    for (byte l : labels) {
      m = Math.max(m, l);
    }
    return m;
  }
}
