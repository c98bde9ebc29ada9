package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.ParquetFiles;
import analogsweep.driver.store.ResultSchema;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time estimate from stored rows: seconds per unit of work (training and evaluation) per
 * model and batch size, scaled by a point's images and multiply-adds, its epoch limit and the
 * share of it stored trainings ran, divided by how many trainings ran at once; rows that share
 * another's training, FAILED rows and rows of points outside the folder's sweep are not a basis.
 */
class StoredCostTest {
  static final Configuration CONF = new Configuration();
  static final long T0 = 1_800_000_000_000L;

  @TempDir
  Path tmp;

  /** Four points: the linear model at batch 100, two seeds x two widths; 1,000 images, 2 epochs. */
  static Sweep sweep() {
    return SweepFile.parse("name: cost\ndata:\n  path: /data/x\n  train_limit: 1000\n"
        + "analog:\n  precision: 16\ntraining:\n  max_epochs: 2\n  batch_size: 100\n"
        + "seeds: [1, 2]\ngrid:\n  hidden_sizes: [[64], [128]]\n", "cost.yaml");
  }

  /**
   * A stored row of {@code p}: epochs run, milliseconds in all (all of them training), pack size,
   * start and end (ms after T0).
   */
  static Row row(GridPoint p, String status, String sharesTrainingOf, int epochs, long millis,
      int pack, long start, long end) {
    return row(p, status, sharesTrainingOf, epochs, millis, millis, 0, pack, start, end);
  }

  /** As above, with the milliseconds training and evaluating. */
  static Row row(GridPoint p, String status, String sharesTrainingOf, int epochs, long millis,
      long trainMillis, long evalMillis, int pack, long start, long end) {
    Object[] values = new Object[ResultSchema.RUNS.size()];
    Map<String, Object> columns = p.columns();
    for (int k = 0; k < values.length; k++) {
      String name = ResultSchema.RUNS.fields()[k].name();
      values[k] = switch (name) {
        case "task_id" -> p.taskId();
        case "sweep" -> "cost";
        case "status" -> status;
        case "shares_training_of" -> sharesTrainingOf;
        case "epochs" -> epochs;
        case "total_millis" -> millis;
        case "train_millis" -> trainMillis;
        case "eval_millis" -> evalMillis;
        case "test_size" -> 10_000;
        case "pack_size" -> pack;
        case "train_size" -> 60_000;
        case "started_at" -> new Timestamp(T0 + start);
        case "finished_at" -> new Timestamp(T0 + end);
        default -> columns.get(name);
      };
    }
    return RowFactory.create(values);
  }

  OutputFolder folder(String name, List<Row> rows) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("runs/wave=1"));
    OutputFolder folder = new OutputFolder(dir.toString(), CONF);
    folder.writeManifest(Manifest.create(sweep()), sweep());
    ParquetFiles.write(ResultSchema.RUNS, rows,
        new org.apache.hadoop.fs.Path(dir.resolve("runs/wave=1").toString()), CONF);
    return folder;
  }

  @Test
  void aStoredTrainingIsEstimatedAtItsOwnTime() throws IOException {
    List<GridPoint> points = sweep().points();
    GridPoint p = points.get(0);
    // one after the other: 10 s each (6 s training, 3 s evaluating, 1 s reading data), one at a
    // time; a sharer and a FAILED row count for nothing
    OutputFolder f = folder("one", List.of(
        row(p, "OK", null, 2, 10_000, 6_000, 3_000, 1, 0, 10_000),
        row(points.get(2), "OK", p.taskId(), 2, 10_000, 1, 0, 10_000),
        row(points.get(1), "FAILED", null, 1, 99_000, 1, 10_000, 20_000)));
    StoredCost cost = StoredCost.read(f, CONF);
    assertEquals(1, cost.rows());
    assertEquals(1.0, cost.parallelism(), 1e-9);
    StoredCost.Estimate e = cost.estimate(List.of(p));
    assertEquals(10.0, e.seconds(), 1e-9);
    assertEquals(10.0, e.wallSeconds(), 1e-9);
    assertEquals(1, e.byModelAndBatch());
    // twice the training images: twice the training; half the test images: half the evaluation
    GridPoint more = p.toBuilder().set("train_limit", 2000).build();
    assertEquals(12 + 3 + 1, cost.estimate(List.of(more)).seconds(), 1e-9);
    GridPoint fewerTests = p.toBuilder().set("test_limit", 5000).build();
    assertEquals(6 + 1.5 + 1, cost.estimate(List.of(fewerTests)).seconds(), 1e-9);
    // the same model at another batch size: the model's rates
    StoredCost.Estimate other = cost.estimate(List.of(p.toBuilder().set("batch_size", 50)
        .build()));
    assertEquals(10.0, other.seconds(), 1e-9);
    assertEquals(1, other.byModel());
    assertTrue(cost.describe(other, 1).contains("0 of 1 matched both; 1 their model only"),
        cost.describe(other, 1));
  }

  @Test
  void overlappingTrainingsEarlyStopsAndPacksAreCalibratedAway() throws IOException {
    List<GridPoint> points = sweep().points();
    List<Row> rows = new ArrayList<>();
    // two at a time for 20 s: each 20 s, one stopped after 1 of its 2 epochs (so 20 s per
    // epoch-unit there and 10 s per epoch where both epochs ran)
    rows.add(row(points.get(0), "OK", null, 2, 20_000, 1, 0, 20_000));
    rows.add(row(points.get(1), "DIVERGED", null, 1, 10_000, 1, 0, 10_000));
    // a pack of two trained for 20 s: 10 s each, both epochs; starts 10 s after the first pair
    rows.add(row(points.get(2), "OK", null, 2, 20_000, 2, 10_000, 30_000));
    rows.add(row(points.get(3), "OK", null, 2, 20_000, 2, 10_000, 30_000));
    StoredCost cost = StoredCost.read(folder("two", rows), CONF);
    assertEquals(4, cost.rows());
    // busy 0..30 s; trainings' own time 20 + 10 + 10 + 10 = 50 s
    assertEquals(50.0 / 30, cost.parallelism(), 1e-9);
    StoredCost.Estimate e = cost.estimate(List.of(points.get(0)));
    // 50 s over the work of the epochs run; 7 epochs run of a limit of 8
    double perWork = 50.0 / (2 * work(points.get(0)) + work(points.get(1))
        + 2 * work(points.get(2)) + 2 * work(points.get(3)));
    assertEquals(perWork * work(points.get(0)) * 2 * 7.0 / 8, e.seconds(), 1e-9);
    assertEquals(e.seconds() / (50.0 / 30), e.wallSeconds(), 1e-9);
  }

  /** Rows of one width only: the other width is scaled by its multiply-adds. */
  @Test
  void anotherWidthIsScaledByItsWork() throws IOException {
    List<GridPoint> points = sweep().points();
    GridPoint narrow = points.stream().filter(p -> p.model().hiddenSizes().equals(List.of(64)))
        .findFirst().orElseThrow();
    GridPoint wide = points.stream().filter(p -> p.model().hiddenSizes().equals(List.of(128)))
        .findFirst().orElseThrow();
    StoredCost cost = StoredCost.read(folder("narrow", List.of(
        row(narrow, "OK", null, 2, 8_000, 1, 0, 8_000))), CONF);
    assertEquals(8.0 * work(wide) / work(narrow), cost.estimate(List.of(wide)).seconds(), 1e-9);
  }

  @Test
  void withoutStoredRowsThereIsNoEstimateAndItSaysSo() throws IOException {
    OutputFolder empty = new OutputFolder(tmp.resolve("none").toString(), CONF);
    StoredCost cost = StoredCost.read(empty, CONF);
    List<GridPoint> points = sweep().points();
    assertNull(cost.estimate(points));
    assertTrue(cost.describe(null, points.size()).startsWith("estimate: none: "
        + empty.root() + " holds no stored trainings"), cost.describe(null, 4));
    assertEquals("estimate: nothing to train", cost.describe(null, 0));
  }

  @Test
  void gapsOfOverAMinuteAreOtherRuns() {
    assertEquals(30_000, StoredCost.busyMillis(List.of(new long[] {0, 10_000},
        new long[] {5_000, 20_000}, new long[] {200_000, 210_000})));
    assertEquals(80_000, StoredCost.busyMillis(List.of(new long[] {0, 10_000},
        new long[] {70_000, 80_000})));
  }

  private static double work(GridPoint p) {
    return JobCost.epochWork(p, 1000);
  }
}
