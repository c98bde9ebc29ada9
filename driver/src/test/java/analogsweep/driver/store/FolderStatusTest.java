package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status of a folder, read without Spark, prints what the Spark-based reader printed
 * (src/test/resources/status-before): on the folders of earlier versions, on a folder mixing
 * 0.1's layout with today's and FAILED and DIVERGED rows whose settings vary in every column
 * type, and on 1,000 rows in 100 files.
 */
class FolderStatusTest {
  static final Path BEFORE = LegacyFolderTest.FIXTURES.resolveSibling("status-before");

  @TempDir
  Path tmp;

  static String printed(Path dir) throws IOException {
    FolderStatus s = FolderStatus.of(new OutputFolder(dir.toString(), StatusFolders.CONF),
        StatusFolders.CONF);
    return s.describe("DIR", 20) + "=====\n" + s.describe("DIR", 3);
  }

  static void assertAsBefore(String name, Path dir) throws IOException {
    assertEquals(Files.readString(BEFORE.resolve(name + ".txt")), printed(dir), name);
  }

  @Test
  void foldersOfEarlierVersionsPrintAsBefore() throws Exception {
    for (String f : List.of("quickstart-v0.1.0", "resume-v0.2-6ed6872",
        "gradient-error-v0.1.0")) {
      assertAsBefore(f, LegacyFolderTest.copy(f, tmp.resolve(f)));
    }
  }

  @Test
  void failuresInBothLayoutsPrintAsBefore() throws Exception {
    Path dir = StatusFolders.mixed(tmp.resolve("mixed"));
    assertAsBefore("mixed", dir);
    FolderStatus s = FolderStatus.of(StatusFolders.folder(dir), StatusFolders.CONF);
    assertEquals(Map.of("planned", 32, "stored", 26, "failed", 6, "diverged", 3,
        "pending", 6), s.counts());
  }

  @Test
  void thousandRowsPrintAsBefore() throws Exception {
    Path dir = StatusFolders.many(tmp.resolve("many"), 1000);
    long t0 = System.nanoTime();
    assertAsBefore("many", dir);
    System.out.printf("status of 1,000 rows in 100 files (in a warm JVM): %.0f ms%n",
        (System.nanoTime() - t0) / 1e6);
  }

  /** Values read without Spark, 0.1's text widths as lists, later fields at their defaults. */
  @Test
  void storedColumnsReadBothLayouts() throws Exception {
    Path dir = StatusFolders.mixed(tmp.resolve("mixed"));
    List<List<Object>> rows = StoredColumns.read(StatusFolders.folder(dir), "runs",
        List.of("hidden_sizes", "noise", "weight_decay", "vit_depth", "seed", "early_stopping",
            "no_such_column"), StatusFolders.CONF);
    assertEquals(27, rows.size()); // 12 rows of 0.1, 14 of today, 1 no longer planned
    for (List<Object> r : rows) {
      assertTrue(r.get(0).equals(List.of(8)) || r.get(0).equals(List.of(16, 8)), r.toString());
      assertEquals("gaussian", r.get(1));
      assertEquals(0.0, r.get(2));
      assertEquals(null, r.get(3));
      assertTrue(r.get(4) instanceof Long, r.toString());
      assertTrue(r.get(5) instanceof Boolean, r.toString());
      assertEquals(null, r.get(6));
    }
  }
}
