package analogsweep.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Checks a data folder the way the readers will read it, without holding it in memory: every
 * file's header, its exact length (streamed, gzip or raw), that the label and image counts match
 * and that every label is in range, and that no file is larger than the readers can hold (a Java
 * array: {@link #MAX_FILE_BYTES}). The driver runs it once per folder before anything is
 * submitted, so bad data is refused with the file named instead of failing every task. The
 * rules are the readers' own ({@link IdxFormat}, {@link CifarFormat}); the readers apply them
 * again on the executors. Takes about a second for Fashion-MNIST.
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
    Path trainImages = IdxReader.require(dir, IdxFormat.TRAIN_IMAGES);
    Path trainLabels = IdxReader.require(dir, IdxFormat.TRAIN_LABELS);
    Path testImages = IdxReader.require(dir, IdxFormat.TEST_IMAGES);
    Path testLabels = IdxReader.require(dir, IdxFormat.TEST_LABELS);
    IdxFormat.Images train = idxImages(trainImages);
    int trainMax = idxLabels(trainLabels, train.count());
    IdxFormat.Images test = idxImages(testImages);
    int testMax = idxLabels(testLabels, test.count());
    IdxFormat.requireSameSize(testImages, train, test);
    long bytes = (long) (train.count() + test.count()) * train.rows() * train.cols();
    return new Summary("idx", 1, train.rows(), train.cols(), Math.max(trainMax, testMax) + 1,
        train.count(), test.count(), bytes);
  }

  /** The header of an IDX image file whose length matches it. */
  private static IdxFormat.Images idxImages(Path file) {
    try (InputStream in = open(file)) {
      byte[] head = in.readNBytes(IdxFormat.IMAGES_HEADER);
      IdxFormat.Images h = IdxFormat.imagesHeader(file, head, head.length);
      tooLarge(file, h.fileBytes());
      IdxFormat.requireLength(file, h, IdxFormat.IMAGES_HEADER + skipAll(in));
      return h;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** The largest label of an IDX label file whose count matches {@code images}. */
  private static int idxLabels(Path file, int images) {
    try (InputStream in = open(file)) {
      byte[] head = in.readNBytes(IdxFormat.LABELS_HEADER);
      int count = IdxFormat.labelsHeader(file, head, head.length, images);
      int max = 0;
      long n = 0;
      byte[] buffer = new byte[1 << 16];
      for (int r; (r = in.read(buffer)) > 0; ) {
        max = Math.max(max, IdxFormat.checkLabels(file, buffer, 0, r, n));
        n += r;
      }
      IdxFormat.requireLabelCount(file, count, n);
      return max;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static Summary cifar(Path dir) {
    CifarFormat.Layout layout = CifarFormat.layout(dir);
    long train = 0;
    for (String name : layout.trainFiles()) {
      train += cifarFile(layout, name);
    }
    long test = cifarFile(layout, layout.testFile());
    long pixels = CifarFormat.PIXELS;
    if (train * pixels > MAX_FILE_BYTES) {
      throw new DataFormatException(layout.dir().toString(), "the training images take "
          + train * pixels + " bytes, more than the readers can hold (" + MAX_FILE_BYTES + ")");
    }
    return new Summary(layout.format(), 3, 32, 32, layout.classes(), train, test,
        (train + test) * pixels);
  }

  /** Records of a CIFAR file, each label checked. */
  private static long cifarFile(CifarFormat.Layout layout, String name) {
    Path file = layout.require(name);
    int record = layout.recordBytes();
    try (InputStream in = open(file)) {
      byte[] r = new byte[record];
      long records = 0;
      while (true) {
        int got = in.readNBytes(r, 0, record);
        if (got == 0) {
          break;
        }
        if (got < record) {
          layout.requireWholeRecords(file, records * record + got);
        }
        layout.checkRecord(file, r, 0, records);
        records++;
        tooLarge(file, records * record);
      }
      layout.requireWholeRecords(file, records * record);
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
