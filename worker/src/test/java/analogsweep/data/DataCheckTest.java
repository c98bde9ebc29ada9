package analogsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's up-front data check agrees with the readers on good data and names the file on
 * bad data; a file over 2 GB is refused by the readers too (a FAILED row on an executor, not an
 * OutOfMemoryError that would end it).
 */
class DataCheckTest {
  @TempDir
  Path tmp;

  @Test
  void summaryMatchesWhatTheReaderLoads() throws Exception {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 120, 40, 12, 10, true);
    DataCheck.Summary s = DataCheck.verify(dir);
    Dataset d = DatasetCache.read(dir);
    assertEquals(new DataCheck.Summary("idx", 1, 12, 10, d.classes(), 120, 40,
        160L * 12 * 10), s);
  }

  @Test
  void badFilesAreNamed() throws Exception {
    Path dir = TestData.writeIdx(tmp.resolve("labels"), 50, 20, 8, 8, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    byte[] b = Files.readAllBytes(labels);
    b[8 + 7] = (byte) 200;
    Files.write(labels, b);
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataCheck.verify(dir));
    assertEquals(labels + ": label 200 of image 7 out of range (at most 100 classes)",
        e.getMessage());
    Path images = dir.resolve("t10k-images-idx3-ubyte");
    Files.write(images, new byte[] {0, 0, 8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    b[8 + 7] = 1;
    Files.write(labels, b);
    e = assertThrows(DataFormatException.class, () -> DataCheck.verify(dir));
    assertTrue(e.getMessage().startsWith(images + ": not an IDX images (idx3) file: magic "
        + "number 0x00000801"), e.getMessage());
  }

  @Test
  void overTwoGigabytesIsRefusedByCheckAndReader() throws Exception {
    Path dir = TestData.writeIdx(tmp.resolve("huge"), 10, 10, 8, 8, false);
    Path huge = dir.resolve("train-images-idx3-ubyte");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(0);
      f.writeInt(0x803);
      f.writeInt(3_000_000);
      f.writeInt(28);
      f.writeInt(28);
      f.setLength(16L + 3_000_000L * 28 * 28); // sparse: no disk used
    }
    DataFormatException check = assertThrows(DataFormatException.class,
        () -> DataCheck.verify(dir));
    assertTrue(check.getMessage().contains("holds 2352000016 bytes of data, more than the "
        + "readers can hold"), check.getMessage());
    DataFormatException read = assertThrows(DataFormatException.class,
        () -> DatasetCache.read(dir));
    assertTrue(read.getMessage().startsWith(huge + ": holds 2352000016 bytes"),
        read.getMessage());
  }
}
