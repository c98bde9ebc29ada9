package analogsweep.driver.store;

import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.RowFactory;

/** Small folders for the store's tests, written without Spark. */
final class StoreFixtures {
  static final Configuration CONF = new Configuration();

  private StoreFixtures() {}

  static Sweep sweep(String name) {
    return SweepFile.parse("name: " + name + "\ndata:\n  path: /data/x\nseeds: [1]\n"
        + "grid:\n  interpolation: [0, 1]\n", name + ".yaml");
  }

  static OutputFolder folder(Path dir) {
    return new OutputFolder(dir.toString(), CONF);
  }

  /** Writes one epochs row as a Parquet file into {@code dir}; returns the file. */
  static Path parquet(Path dir, String taskId) throws IOException {
    Files.createDirectories(dir);
    ParquetFiles.write(ResultSchema.EPOCHS, List.of(RowFactory.create(taskId, 1, 0.5, 0.8, 0.6,
        0.7, 100L, 10L, 1L, null, null)), new org.apache.hadoop.fs.Path(dir.toString()), CONF);
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")
          && f.getFileName().toString().contains("part-")).sorted().reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  /** The names in a folder, sorted; empty where it is missing. */
  static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
