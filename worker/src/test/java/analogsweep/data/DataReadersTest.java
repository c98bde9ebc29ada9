package analogsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataReadersTest {
  static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir
  Path tmp;

  @Test
  void readsRealFashionMnist() {
    assumeTrue(Files.isDirectory(FASHION), "dataset-fashion-mnist is not installed");
    Dataset d = DatasetCache.get(FASHION.toString(), false);
    assertEquals(60000, d.trainSize());
    assertEquals(10000, d.testSize());
    assertEquals(28, d.height());
    assertEquals(1, d.channels());
    assertEquals(10, d.classes());
    int[] counts = new int[10];
    for (byte l : d.trainLabels()) {
      counts[l]++;
    }
    int[] expected = new int[10];
    Arrays.fill(expected, 6000);
    assertTrue(Arrays.equals(expected, counts), Arrays.toString(counts));
    assertSame(d, DatasetCache.get(FASHION.toString(), false), "read once per JVM");
    assertSame(d, DatasetCache.get(FASHION + "/", true), "grayscale of one-channel data is itself");
  }

  @Test
  void gzipAndRawIdxGiveTheSameContentAndHash() throws IOException {
    Dataset gz = DatasetCache.read(TestData.writeIdx(tmp.resolve("gz"), 50, 20, 8, 8, true));
    Dataset raw = DatasetCache.read(TestData.writeIdx(tmp.resolve("raw"), 50, 20, 8, 8, false));
    assertEquals(gz.sha256(), raw.sha256());
    assertTrue(Arrays.equals(gz.trainImages(), raw.trainImages()));
    assertEquals(50, gz.trainSize());
    assertEquals(20, gz.testSize());
    assertEquals(8, gz.width());
  }

  @Test
  void truncatedIdxNamesTheFile() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("cut"), 50, 20, 8, 8, false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 100));
    DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetCache.read(dir));
    assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void truncatedGzipNamesTheFile() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("cutgz"), 50, 20, 8, 8, true);
    Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
    byte[] bytes = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(bytes, bytes.length / 2));
    DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetCache.read(dir));
    assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
  }

  @Test
  void wrongFormatIsRefused() throws IOException {
    Path dir = TestData.writeIdx(tmp.resolve("swap"), 50, 20, 8, 8, false);
    // labels where images should be
    Files.copy(dir.resolve("train-labels-idx1-ubyte"), dir.resolve("train-images-idx3-ubyte"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetCache.read(dir));
    assertTrue(e.getMessage().contains("not an IDX images (idx3) file: magic number 0x00000801"),
        e.getMessage());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertTrue(assertThrows(DataFormatException.class, () -> DatasetCache.read(empty))
        .getMessage().contains("holds neither IDX files"));
    assertTrue(assertThrows(DataFormatException.class,
        () -> DatasetCache.read(tmp.resolve("nowhere"))).getMessage().contains("no such folder"));
  }

  @Test
  void readsCifar10And100() throws IOException {
    Dataset c10 = DatasetCache.read(TestData.writeCifar10(tmp.resolve("c10"), 12, 8));
    assertEquals(60, c10.trainSize());
    assertEquals(8, c10.testSize());
    assertEquals(3, c10.channels());
    assertEquals(10, c10.classes());
    assertEquals("cifar-10", c10.format());
    Dataset gray = c10.grayscale();
    assertEquals(1, gray.channels());
    assertEquals(60 * 32 * 32, gray.trainImages().length);
    Dataset c100 = DatasetCache.read(TestData.writeCifar100(tmp.resolve("c100"), 200, 100));
    assertEquals(100, c100.classes());
    assertEquals(99, IdxReader.max(c100.trainLabels()), "fine labels, not coarse");
    assertNotEquals(c10.sha256(), c100.sha256());
  }

  @Test
  void truncatedCifarIsRefused() throws IOException {
    Path dir = TestData.writeCifar10(tmp.resolve("c10cut"), 12, 8);
    Path test = dir.resolve("test_batch.bin");
    byte[] bytes = Files.readAllBytes(test);
    Files.write(test, Arrays.copyOf(bytes, bytes.length - 10));
    DataFormatException e = assertThrows(DataFormatException.class, () -> DatasetCache.read(dir));
    assertTrue(e.getMessage().contains("not a whole number of 3073-byte records"), e.getMessage());
  }
}
