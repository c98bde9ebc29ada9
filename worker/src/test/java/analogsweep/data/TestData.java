package analogsweep.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small datasets in the real on-disk formats. Images of class k are brighter in the k-th
 * horizontal band, so a network can learn them and a test can tell learning from chance.
 */
public final class TestData {
  private TestData() {}

  static byte[] image(int label, int channels, int rows, int cols, int classes, Random r) {
    byte[] px = new byte[channels * rows * cols];
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < rows; y++) {
        boolean band = y * classes / rows == label;
        for (int x = 0; x < cols; x++) {
          int v = (band ? 180 : 30) + r.nextInt(60);
          px[(c * rows + y) * cols + x] = (byte) v;
        }
      }
    }
    return px;
  }

  public static Path writeIdx(Path dir, int train, int test, int rows, int cols, boolean gzip)
      throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(42);
    writeIdxPair(dir, "train", train, rows, cols, gzip, r);
    writeIdxPair(dir, "t10k", test, rows, cols, gzip, r);
    return dir;
  }

  private static void writeIdxPair(Path dir, String prefix, int n, int rows, int cols,
      boolean gzip, Random r) throws IOException {
    ByteBuffer images = ByteBuffer.allocate(16 + n * rows * cols);
    images.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
    ByteBuffer labels = ByteBuffer.allocate(8 + n);
    labels.putInt(0x801).putInt(n);
    for (int k = 0; k < n; k++) {
      int label = k % 10;
      labels.put((byte) label);
      images.put(image(label, 1, rows, cols, 10, r));
    }
    String ext = gzip ? ".gz" : "";
    write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), images.array(), gzip);
    write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), labels.array(), gzip);
  }

  /** CIFAR-10 binary: five training batches of {@code perBatch} records and one test batch. */
  public static Path writeCifar10(Path dir, int perBatch, int test) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(7);
    for (int b = 1; b <= 5; b++) {
      write(dir.resolve("data_batch_" + b + ".bin"), cifarRecords(perBatch, 1, 10, r), false);
    }
    write(dir.resolve("test_batch.bin"), cifarRecords(test, 1, 10, r), false);
    return dir;
  }

  /** CIFAR-100 binary: train.bin and test.bin with (coarse, fine) label bytes. */
  public static Path writeCifar100(Path dir, int train, int test) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(9);
    write(dir.resolve("train.bin"), cifarRecords(train, 2, 100, r), false);
    write(dir.resolve("test.bin"), cifarRecords(test, 2, 100, r), false);
    return dir;
  }

  static byte[] cifarRecords(int n, int labelBytes, int classes, Random r) {
    ByteBuffer out = ByteBuffer.allocate(n * (labelBytes + 3072));
    for (int k = 0; k < n; k++) {
      int label = k % classes;
      if (labelBytes == 2) {
        out.put((byte) (label / 5));
      }
      out.put((byte) label);
      out.put(image(label % 10, 3, 32, 32, 10, r));
    }
    return out.array();
  }

  static void write(Path file, byte[] data, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(data);
    }
  }
}
