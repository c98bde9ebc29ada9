package analogsweep.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Checks a data folder the way the readers will read it, without holding it in memory: every
 * file's header, its exact length (streamed, gzip or raw), that the label and image counts match
 * and that every label is in range, and that no file is larger than the readers can hold (a Java
 * array: {@link #MAX_FILE_BYTES}). The driver runs it once per folder before anything is
 * submitted, so bad data is refused with the file named instead of failing every task; the
 * readers keep their own checks for the executors. Takes about a second for Fashion-MNIST.
 */
public final class DataCheck {
  /** The largest decoded data file the readers hold: one Java byte array. */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

  /** What a data folder holds, from its headers. */
  public record Summary(String format, int channels, int height, int width, int classes,
      long trainSize, long testSize, long bytes) {}

  private DataCheck() {}

  /** Checks {@code dir}; throws {@link DataFormatException} naming the file otherwise. */
  public static Summary verify(Path dir) {
    String format = DatasetCache.probe(dir);
    return format.equals("idx") ? idx(dir) : cifar(dir);
  }

  private static Summary idx(Path dir) {
    Path trainImages = IdxReader.require(dir, "train-images-idx3-ubyte", "train-images.idx3-ubyte");
    Path trainLabels = IdxReader.require(dir, "train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
    Path testImages = IdxReader.require(dir, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte");
    Path testLabels = IdxReader.require(dir, "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte");
    int[] train = idxImages(trainImages);
    int trainMax = idxLabels(trainLabels, train[0]);
    int[] test = idxImages(testImages);
    int testMax = idxLabels(testLabels, test[0]);
    if (train[1] != test[1] || train[2] != test[2]) {
      throw new DataFormatException(testImages.toString(), "images are " + test[1] + "x"
          + test[2] + " but the training images are " + train[1] + "x" + train[2]);
    }
    long bytes = (long) (train[0] + test[0]) * train[1] * train[2];
    return new Summary("idx", 1, train[1], train[2], Math.max(trainMax, testMax) + 1, train[0],
        test[0], bytes);
  }

  /** {count, rows, cols} of an IDX image file whose length matches its header. */
  private static int[] idxImages(Path file) {
    try (InputStream in = open(file)) {
      ByteBuffer h = header(file, in, 16, 0x00000803, "images (idx3)");
      int count = h.getInt(4);
      int rows = h.getInt(8);
      int cols = h.getInt(12);
      if (count <= 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
        throw new DataFormatException(file.toString(),
            "implausible dimensions " + count + " x " + rows + " x " + cols);
      }
      long expected = 16L + (long) count * rows * cols;
      tooLarge(file, expected);
      long length = 16 + skipAll(in);
      if (length != expected) {
        throw new DataFormatException(file.toString(), "header promises " + count + " images of "
            + rows + "x" + cols + " (" + expected + " bytes) but the file holds " + length
            + " bytes" + (length < expected ? ": truncated" : ""));
      }
      return new int[] {count, rows, cols};
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The largest label of an IDX label file whose count matches {@code images}. */
  private static int idxLabels(Path file, int images) {
    try (InputStream in = open(file)) {
      ByteBuffer h = header(file, in, 8, 0x00000801, "labels (idx1)");
      int count = h.getInt(4);
      if (count != images) {
        throw new DataFormatException(file.toString(), count + " labels for " + images
            + " images");
      }
      int max = 0;
      long n = 0;
      byte[] buffer = new byte[1 << 16];
      for (int r; (r = in.read(buffer)) > 0; ) {
        for (int k = 0; k < r; k++) {
          int label = buffer[k] & 0xff;
          if (label > 99) {
            throw new DataFormatException(file.toString(), "label " + label + " of image "
                + (n + k) + " out of range (at most 100 classes)");
          }
          max = Math.max(max, label);
        }
        n += r;
      }
      if (n != count) {
        throw new DataFormatException(file.toString(), "header promises " + count
            + " labels but the file holds " + n + (n < count ? ": truncated" : ""));
      }
      return max;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static Summary cifar(Path dir) {
    Path d = CifarReader.locate(dir);
    boolean cifar10 = DataFiles.find(d, "data_batch_1.bin") != null;
    int labelBytes = cifar10 ? 1 : 2;
    int classes = cifar10 ? 10 : 100;
    long train = 0;
    if (cifar10) {
      for (int k = 1; k <= 5; k++) {
        train += cifarFile(d, "data_batch_" + k + ".bin", labelBytes, classes);
      }
    } else {
      train = cifarFile(d, "train.bin", labelBytes, classes);
    }
    long test = cifarFile(d, cifar10 ? "test_batch.bin" : "test.bin", labelBytes, classes);
    if (train * 3072 > MAX_FILE_BYTES) {
      throw new DataFormatException(d.toString(), "the training images take " + train * 3072
          + " bytes, more than the readers can hold (" + MAX_FILE_BYTES + ")");
    }
    return new Summary(cifar10 ? "cifar-10" : "cifar-100", 3, 32, 32, classes, train, test,
        (train + test) * 3072);
  }

  /** Records of a CIFAR file, each label checked. */
  private static long cifarFile(Path dir, String name, int labelBytes, int classes) {
    Path file = DataFiles.find(dir, name);
    if (file == null) {
      throw new DataFormatException(dir.resolve(name).toString(), "missing (raw or .gz)");
    }
    int record = labelBytes + 3072;
    try (InputStream in = open(file)) {
      byte[] r = new byte[record];
      long records = 0;
      while (true) {
        int got = in.readNBytes(r, 0, record);
        if (got == 0) {
          break;
        }
        if (got < record) {
          throw new DataFormatException(file.toString(), (records * record + got) + " bytes is "
              + "not a whole number of " + record + "-byte records: truncated or not CIFAR-"
              + classes);
        }
        int label = r[labelBytes - 1] & 0xff;
        if (label >= classes) {
          throw new DataFormatException(file.toString(), "label " + label + " of record "
              + records + " is not below " + classes + ": not CIFAR-" + classes);
        }
        records++;
        tooLarge(file, records * record);
      }
      if (records == 0) {
        throw new DataFormatException(file.toString(), "empty");
      }
      return records;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  static void tooLarge(Path file, long bytes) {
    if (bytes > MAX_FILE_BYTES) {
      throw new DataFormatException(file.toString(), "holds " + bytes + " bytes of data, more "
          + "than the readers can hold in memory (" + MAX_FILE_BYTES + " bytes per file); split "
          + "it or use a smaller dataset");
    }
  }

  /** The file's content, through gzip where it starts with gzip's magic bytes. */
  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static ByteBuffer header(Path file, InputStream in, int length, int magic, String what)
      throws IOException {
    byte[] h = in.readNBytes(length);
    if (h.length < length) {
      throw new DataFormatException(file.toString(),
          "only " + h.length + " bytes: too short for an IDX " + what + " header");
    }
    ByteBuffer b = ByteBuffer.wrap(h);
    if (b.getInt(0) != magic) {
      throw new DataFormatException(file.toString(), String.format(
          "not an IDX %s file: magic number 0x%08x, expected 0x%08x", what, b.getInt(0), magic));
    }
    return b;
  }

  private static long skipAll(InputStream in) throws IOException {
    long n = 0;
    byte[] buffer = new byte[1 << 16];
    for (int r; (r = in.read(buffer)) > 0; ) {
      n += r;
    }
    return n;
  }

  private static DataFormatException unreadable(Path file, IOException e) {
    if (e instanceof EOFException) {
      return new DataFormatException(file.toString(), "gzip stream ends early: the file is "
          + "truncated");
    }
    return new DataFormatException(file.toString(), "cannot read: " + e.getMessage());
  }
}
