package analogsweep.data;

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
  private IdxReader() {}

  /** Whether the folder holds IDX training images. */
  public static boolean recognises(Path dir) {
    return DataFiles.find(dir, IdxFormat.TRAIN_IMAGES) != null;
  }

  public static Dataset read(Path dir) {
    Path trainImages = require(dir, IdxFormat.TRAIN_IMAGES);
    Path trainLabels = require(dir, IdxFormat.TRAIN_LABELS);
    Path testImages = require(dir, IdxFormat.TEST_IMAGES);
    Path testLabels = require(dir, IdxFormat.TEST_LABELS);
    MessageDigest sha = DataFiles.sha256();
    Images train = images(trainImages, sha);
    byte[] trainY = labels(trainLabels, train.header.count(), sha);
    Images test = images(testImages, sha);
    byte[] testY = labels(testLabels, test.header.count(), sha);
    IdxFormat.requireSameSize(testImages, train.header, test.header);
    int classes = Math.max(max(trainY), max(testY)) + 1;
    return new Dataset(dir.toString(), "idx", 1, train.header.rows(), train.header.cols(),
        classes, train.pixels, trainY, test.pixels, testY, HexFormat.of().formatHex(sha.digest()));
  }

  static Path require(Path dir, String... names) {
    Path p = DataFiles.find(dir, names);
    if (p == null) {
      throw new DataFormatException(dir.resolve(names[0]).toString(),
          "missing (looked for " + Arrays.toString(names) + ", raw or .gz)");
    }
    return p;
  }

  private record Images(IdxFormat.Images header, byte[] pixels) {}

  private static Images images(Path file, MessageDigest sha) {
    byte[] data = DataFiles.readAll(file);
    IdxFormat.Images h = IdxFormat.imagesHeader(file, data, data.length);
    IdxFormat.requireLength(file, h, data.length);
    sha.update(data);
    return new Images(h, Arrays.copyOfRange(data, IdxFormat.IMAGES_HEADER, data.length));
  }

  private static byte[] labels(Path file, int images, MessageDigest sha) {
    byte[] data = DataFiles.readAll(file);
    int count = IdxFormat.labelsHeader(file, data, data.length, images);
    int header = IdxFormat.LABELS_HEADER;
    IdxFormat.requireLabelCount(file, count, data.length - header);
    IdxFormat.checkLabels(file, data, header, count, 0);
    sha.update(data);
    return Arrays.copyOfRange(data, header, data.length);
  }

  static int max(byte[] labels) {
    int m = 0;
    for (byte l : labels) {
      m = Math.max(m, l);
    }
    return m;
  }
}
