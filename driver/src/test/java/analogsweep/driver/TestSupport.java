package analogsweep.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Shared pieces of the driver tests: one local Spark session, tiny sweeps, DuckDB reads. */
public final class TestSupport {
  public static final String FASHION = "/usr/share/datasets/fashion-mnist";
  private static SparkSession spark;

  private TestSupport() {}

  /** The tests' session (loopback only, like the commands'); made again after Main closed it. */
  /** The committed output folders of earlier versions (driver/src/test/resources/fixtures). */
  public static final Path FIXTURES = Path.of(System.getProperty("analogsweep.projectDir", ".."),
      "driver", "src", "test", "resources", "fixtures");

  /** A copy of the fixture folder {@code fixture} at {@code to}, file times kept. */
  public static Path copyFixture(String fixture, Path to) throws IOException {
    Path from = FIXTURES.resolve(fixture);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  public static synchronized SparkSession spark() {
    if (spark == null || spark.sparkContext().isStopped()) {
      System.setProperty("ai.djl.offline", "true");
      // heartbeats carry running tasks' epochs to the progress line (SchedulingTest)
      spark = Sessions.start("analogsweep tests", "local[2]",
          List.of("spark.sql.shuffle.partitions=2", "spark.executor.heartbeatInterval=1s"));
    }
    return spark;
  }

  public static boolean hasFashionMnist() {
    return Files.isDirectory(Path.of(FASHION));
  }

  /** A small real sweep on a slice of Fashion-MNIST: 2 x 2 x 2 = 8 short trainings. */
  public static Path tinySweep(Path dir, String name) throws IOException {
    return tinySweep(dir, name, 1000, 2);
  }

  /** The same grid with {@code trainLimit} images and {@code epochs} epochs per task. */
  public static Path tinySweep(Path dir, String name, int trainLimit, int epochs)
      throws IOException {
    return write(dir.resolve(name + ".yaml"), "name: " + name + "\n"
        + "data:\n  path: " + FASHION + "\n  train_limit: " + trainLimit
        + "\n  test_limit: 500\n"
        + "model:\n  hidden_sizes: [32]\n"
        + "analog:\n  precision: 16\n"
        + "training:\n  max_epochs: " + epochs + "\n  batch_size: 100\n"
        + "seeds: [1, 2]\n"
        + "grid:\n  interpolation: [0, 1]\n  error_probability: [0, 0.5]\n");
  }

  public static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    return file;
  }

  /** Runs a query with DuckDB, a Parquet reader that shares no code with Spark. */
  public static List<List<Object>> duckdb(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
          row.add(r.getObject(k));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  public static String parquet(Path out, String dataset) {
    return "read_parquet('" + out.resolve(dataset) + "/*/*.parquet', hive_partitioning = true)";
  }
}
