package analogsweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR parser: the layout of each variant, and on corrupt input (partial records, empty
 * files, labels out of range, missing files) the same message from the reader and the check.
 */
class CifarFormatTest {
  @TempDir
  Path tmp;

  private static String message(Runnable r) {
    return assertThrows(DataFormatException.class, r::run).getMessage();
  }

  @Test
  void layoutOfEachVariant() throws IOException {
    Path c10 = TestData.writeCifar10(tmp.resolve("c10"), 2, 2);
    CifarFormat.Layout l10 = CifarFormat.layout(c10);
    assertTrue(l10.cifar10());
    assertEquals(1, l10.labelBytes());
    assertEquals(10, l10.classes());
    assertEquals(3073, l10.recordBytes());
    assertEquals("cifar-10", l10.format());
    assertEquals(5, l10.trainFiles().size());
    assertEquals("test_batch.bin", l10.testFile());

    Path nested = TestData.writeCifar100(tmp.resolve("c100").resolve("cifar-100-binary"), 2, 2);
    CifarFormat.Layout l100 = CifarFormat.layout(tmp.resolve("c100"));
    assertEquals(nested, l100.dir(), "found in the archive's own subfolder");
    assertFalse(l100.cifar10());
    assertEquals(3074, l100.recordBytes());
    assertEquals(List.of("train.bin"), l100.trainFiles());
    assertEquals("cifar-100", l100.format());

    Files.createDirectories(tmp.resolve("none"));
    assertNull(CifarFormat.locate(tmp.resolve("none")));
    assertEquals(tmp.resolve("none") + ": no CIFAR binary files found",
        message(() -> CifarFormat.layout(tmp.resolve("none"))));
  }

  @Test
  void recordsAndLabels() {
    CifarFormat.Layout l = new CifarFormat.Layout(tmp, true);
    Path f = tmp.resolve("x.bin");
    l.requireWholeRecords(f, 2 * 3073);
    assertEquals(f + ": 3074 bytes is not a whole number of 3073-byte records: truncated or not "
        + "CIFAR-10", message(() -> l.requireWholeRecords(f, 3074)));
    assertEquals(f + ": empty", message(() -> l.requireWholeRecords(f, 0)));
    byte[] record = new byte[3073];
    record[0] = 9;
    l.checkRecord(f, record, 0, 0);
    record[0] = 10;
    assertEquals(f + ": label 10 of record 4 is not below 10: not CIFAR-10",
        message(() -> l.checkRecord(f, record, 0, 4)));
    CifarFormat.Layout fine = new CifarFormat.Layout(tmp, false);
    byte[] two = new byte[3074];
    two[0] = (byte) 200; // the coarse label is not checked; the fine one is
    two[1] = 99;
    fine.checkRecord(f, two, 0, 0);
    assertEquals(tmp.resolve("nope.bin") + ": missing (raw or .gz)",
        message(() -> l.require("nope.bin")));
  }

  /** One damage, one message: the reader and DataCheck parse through the same rules. */
  @Test
  void readerAndCheckReportTheSameDamage() throws IOException {
    Path dir = TestData.writeCifar10(tmp.resolve("cut"), 3, 2);
    Path batch = dir.resolve("data_batch_2.bin");
    try (RandomAccessFile f = new RandomAccessFile(batch.toFile(), "rw")) {
      f.setLength(f.length() - 10);
    }
    String cut = batch + ": 9209 bytes is not a whole number of 3073-byte records: truncated or "
        + "not CIFAR-10";
    assertEquals(cut, message(() -> DatasetCache.read(dir)));
    assertEquals(cut, message(() -> DataCheck.verify(dir)));

    Path labels = TestData.writeCifar10(tmp.resolve("labels"), 3, 2);
    Path test = labels.resolve("test_batch.bin");
    byte[] data = Files.readAllBytes(test);
    data[3073] = 12;
    Files.write(test, data);
    String bad = test + ": label 12 of record 1 is not below 10: not CIFAR-10";
    assertEquals(bad, message(() -> DatasetCache.read(labels)));
    assertEquals(bad, message(() -> DataCheck.verify(labels)));

    Path empty = TestData.writeCifar10(tmp.resolve("empty"), 3, 2);
    Files.write(empty.resolve("data_batch_5.bin"), new byte[0]);
    String none = empty.resolve("data_batch_5.bin") + ": empty";
    assertEquals(none, message(() -> DatasetCache.read(empty)));
    assertEquals(none, message(() -> DataCheck.verify(empty)));

    Path missing = TestData.writeCifar10(tmp.resolve("missing"), 3, 2);
    Files.delete(missing.resolve("test_batch.bin"));
    String gone = missing.resolve("test_batch.bin") + ": missing (raw or .gz)";
    assertEquals(gone, message(() -> DatasetCache.read(missing)));
    assertEquals(gone, message(() -> DataCheck.verify(missing)));
  }
}
