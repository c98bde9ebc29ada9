package analogsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX parser on corrupt input, and the reader and the up-front check giving the same message
 * for the same damage because both parse through it.
 */
class IdxFormatTest {
  private static final Path FILE = Path.of("/data/train-images-idx3-ubyte");

  @TempDir
  Path tmp;

  private static byte[] header(int... ints) {
    ByteBuffer b = ByteBuffer.allocate(ints.length * 4);
    for (int v : ints) {
      b.putInt(v);
    }
    return b.array();
  }

  private static String message(Runnable r) {
    return assertThrows(DataFormatException.class, r::run).getMessage();
  }

  @Test
  void imageHeaders() {
    IdxFormat.Images h = IdxFormat.imagesHeader(FILE, header(0x803, 3, 28, 27), 16);
    assertEquals(new IdxFormat.Images(3, 28, 27), h);
    assertEquals(16 + 3 * 28 * 27, h.fileBytes());
    assertEquals(FILE + ": only 15 bytes: too short for an IDX images (idx3) header",
        message(() -> IdxFormat.imagesHeader(FILE, header(0x803, 3, 28, 27), 15)));
    assertEquals(FILE + ": not an IDX images (idx3) file: magic number 0x00000801, expected "
        + "0x00000803", message(() -> IdxFormat.imagesHeader(FILE, header(0x801, 3, 28, 27), 16)));
    assertEquals(FILE + ": implausible dimensions 0 x 28 x 28",
        message(() -> IdxFormat.imagesHeader(FILE, header(0x803, 0, 28, 28), 16)));
    assertTrue(message(() -> IdxFormat.imagesHeader(FILE, header(0x803, 1, 5000, 28), 16))
        .contains("implausible dimensions 1 x 5000 x 28"));
  }

  @Test
  void imageLengths() {
    IdxFormat.Images h = new IdxFormat.Images(2, 2, 2);
    IdxFormat.requireLength(FILE, h, 24);
    assertEquals(FILE + ": header promises 2 images of 2x2 (24 bytes) but the file holds 23 "
        + "bytes: truncated", message(() -> IdxFormat.requireLength(FILE, h, 23)));
    assertEquals(FILE + ": header promises 2 images of 2x2 (24 bytes) but the file holds 25 "
        + "bytes", message(() -> IdxFormat.requireLength(FILE, h, 25)));
  }

  @Test
  void labels() {
    assertEquals(4, IdxFormat.labelsHeader(FILE, header(0x801, 4), 8, 4));
    assertEquals(FILE + ": 5 labels for 4 images",
        message(() -> IdxFormat.labelsHeader(FILE, header(0x801, 5), 8, 4)));
    assertEquals(FILE + ": header promises 4 labels but the file holds 3: truncated",
        message(() -> IdxFormat.requireLabelCount(FILE, 4, 3)));
    assertEquals(FILE + ": header promises 4 labels but the file holds 6",
        message(() -> IdxFormat.requireLabelCount(FILE, 4, 6)));
    byte[] labels = {0, 9, 3, 99};
    assertEquals(99, IdxFormat.checkLabels(FILE, labels, 0, 4, 0));
    assertEquals(9, IdxFormat.checkLabels(FILE, labels, 1, 2, 0));
    byte[] bad = {1, 2, (byte) 200};
    assertEquals(FILE + ": label 200 of image 12 out of range (at most 100 classes)",
        message(() -> IdxFormat.checkLabels(FILE, bad, 0, 3, 10)));
    assertTrue(message(() -> IdxFormat.checkLabels(FILE, new byte[] {100}, 0, 1, 0))
        .contains("label 100 of image 0"));
  }

  @Test
  void testImagesMustMatchTheTrainingSize() {
    assertEquals(FILE + ": images are 28x29 but the training images are 28x28",
        message(() -> IdxFormat.requireSameSize(FILE, new IdxFormat.Images(5, 28, 28),
            new IdxFormat.Images(2, 28, 29))));
  }

  /** One damage, one message: the reader and DataCheck parse through the same rules. */
  @Test
  void readerAndCheckReportTheSameDamage() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("labels"), 20, 10, 8, 8, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    byte[] data = Files.readAllBytes(labels);
    data[8 + 7] = (byte) 150;
    Files.write(labels, data);
    String expected = labels + ": label 150 of image 7 out of range (at most 100 classes)";
    assertEquals(expected, message(() -> DatasetCache.read(dir)));
    assertEquals(expected, message(() -> DataCheck.verify(dir)));

    Path cut = TestData.writeIdx(tmp.resolve("cut"), 20, 10, 8, 8, false);
    Path moved = cut.resolve("t10k-images-idx3-ubyte");
    try (RandomAccessFile f = new RandomAccessFile(moved.toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    String truncated = moved + ": header promises 10 images of 8x8 (656 bytes) but the file "
        + "holds 655 bytes: truncated";
    assertEquals(truncated, message(() -> DatasetCache.read(cut)));
    assertEquals(truncated, message(() -> DataCheck.verify(cut)));
  }
}
