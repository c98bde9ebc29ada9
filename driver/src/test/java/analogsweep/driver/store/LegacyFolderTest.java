package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.TestSupport;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.driver.report.Reports;
import analogsweep.driver.run.SweepRunner;
import analogsweep.grid.GridPoint;
import analogsweep.grid.AdamEpsilon;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.TaskResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output folders written by version 0.1.0 (committed under src/test/resources/fixtures): today's
 * code resumes them with nothing retrained, reads their rows in today's schema, reports them, and
 * reads them together with waves it adds.
 */
class LegacyFolderTest {
  static final Path FIXTURES = TestSupport.FIXTURES;

  @TempDir
  Path tmp;

  static Path copy(String fixture, Path to) throws IOException {
    return TestSupport.copyFixture(fixture, to);
  }

  static SweepRunner.Summary resume(Path out) throws IOException {
    Sweep sweep = SweepFile.read(out.resolve("sweep.yaml"));
    return SweepRunner.run(TestSupport.spark(), sweep, new SweepRunner.Options(out.toString(),
        false, 0, 2, false, 0), new PrintStream(new ByteArrayOutputStream()));
  }

  /** Copies a fixture and resumes it: all {@code tasks} of it are stored, none is retrained. */
  static Path resumedWithNothingRetrained(String fixture, Path to, int tasks) throws IOException {
    Path out = copy(fixture, to);
    SweepRunner.Summary s = resume(out);
    assertEquals(tasks, s.planned());
    assertEquals(tasks, s.doneAtStart());
    assertEquals(0, s.trained());
    assertTrue(s.complete());
    return out;
  }

  /**
   * The folder's sweep file as a resume reads it: under the recipe the folder was created with
   * (analogsweep-1: it predates recipes), which gives the stored ids; under today's default the
   * same file plans other trainings.
   */
  static Sweep folderSweep(Path out, OutputFolder folder) throws IOException {
    Sweep today = SweepFile.read(out.resolve("sweep.yaml"));
    assertEquals(new FolderRecipe(Recipe.ANALOGSWEEP_1, 1), folder.manifestFile().recipe());
    Sweep sweep = today.under(folder.manifestFile().recipe());
    assertTrue(Collections.disjoint(today.taskIds(), sweep.taskIds()));
    return sweep;
  }

  @Test
  void quickstartOfVersionOneResumesWithNothingRetrained() throws Exception {
    Path out = resumedWithNothingRetrained("quickstart-v0.1.0", tmp.resolve("quickstart"), 24);
    OutputFolder folder = new OutputFolder(out.toString(), TestSupport.spark().sparkContext()
        .hadoopConfiguration());
    Sweep sweep = folderSweep(out, folder);

    assertEquals(Set.copyOf(sweep.taskIds()), ResultReader.storedTaskIds(TestSupport.spark(),
        folder, "runs"));
    List<Row> rows = ResultReader.runs(TestSupport.spark(), folder).orderBy("task_id")
        .collectAsList();
    assertEquals(24, rows.size());
    for (Row r : rows) {
      assertEquals(List.of(256, 128), r.getList(r.fieldIndex("hidden_sizes")));
      assertEquals("gaussian", r.getAs("noise"));
      assertEquals("model", r.getAs("placement"));
      assertEquals((Double) r.getAs("noise_sigma"), (Double) r.getAs("noise_parameter"));
      assertEquals("0.1.0", r.getAs("analogsweep_version"));
    }
    assertEquals(24 * 3, ResultReader.epochs(TestSupport.spark(), folder).count());
    Manifest manifest = folder.manifest();
    assertEquals(Manifest.FORMAT_V1, manifest.format(), "a folder keeps its format");
    assertEquals(2, manifest.sessions().size());
    assertEquals(0, manifest.sessions().get(1).trained());

    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    assertTrue(md.contains("24 task results stored of 24 planned (100.0%)"), md);

    // A wave in today's layout beside the old ones: one table, one type per column.
    GridPoint extra = sweep.points().get(0).toBuilder().set("seed", 99).build();
    TaskResult failed = GridPointTrainer.failed(extra, new IllegalStateException("test row"),
        "2026-01-01T00:00:00Z", ai.djl.Device.cpu(), 1, 0);
    SweepRunner.store(TestSupport.spark(), folder, 13, List.of(new TaskOutcome(failed, "driver",
        0, null)), new ResultSchema.SparkInfo("quickstart", "4.0.1", "local", 1));
    List<Row> mixed = ResultReader.runs(TestSupport.spark(), folder)
        .where("wave = 13 OR wave = 1").collectAsList();
    assertEquals(3, mixed.size());
    for (Row r : mixed) {
      assertEquals(List.of(256, 128), r.getList(r.fieldIndex("hidden_sizes")));
    }
    try (Stream<Path> files = Files.walk(out.resolve("runs/wave=13"))) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".crc") || n.equals("_SUCCESS")).toList());
    }
  }

  /**
   * A folder of the version before VGG-A, ResNet-18 and the ViT (its ids include eval_repeats
   * where off its default): resumed with nothing retrained, its rows read with the fields added
   * since at their defaults.
   */
  @Test
  void folderOfThePreviousVersionResumesWithNothingRetrained() throws Exception {
    Path out = resumedWithNothingRetrained("resume-v0.2-6ed6872", tmp.resolve("v02"), 4);
    OutputFolder folder = new OutputFolder(out.toString(), TestSupport.spark().sparkContext()
        .hadoopConfiguration());
    Sweep sweep = folderSweep(out, folder);
    assertEquals(Set.copyOf(sweep.taskIds()), ResultReader.storedTaskIds(TestSupport.spark(),
        folder, "runs"));
    List<Row> rows = ResultReader.runs(TestSupport.spark(), folder).orderBy("task_id")
        .collectAsList();
    assertEquals(4, rows.size());
    for (Row r : rows) {
      assertEquals("0.2.0", r.getAs("analogsweep_version"));
      assertEquals(List.of(32), r.getList(r.fieldIndex("hidden_sizes")));
      assertEquals(0.0, (Double) r.getAs("weight_decay"));
      assertEquals("fixed", r.getAs("learning_rate_schedule"));
      assertEquals("none", r.getAs("augmentation"));
      assertEquals("none", r.getAs("normalization"));
      assertTrue(r.isNullAt(r.fieldIndex("vit_depth")));
      assertEquals(1, (Integer) r.getAs("pack_size"));
    }
    assertEquals(Set.of(1, 2), Set.copyOf(rows.stream().map(r -> (Integer) r.getAs(
        "eval_repeats")).toList()));
    assertEquals(4, ResultReader.epochs(TestSupport.spark(), folder).count());
  }

  /**
   * The folder of the version just before recipes and shared trainings (ed98cf0): it resumes
   * under analogsweep-1 with nothing retrained (its two families' ReLU ends, which that recipe
   * would now train once, are both stored already), and every stored row reads back the same
   * before and after, the recipe's columns as the values the rows stand for.
   */
  @Test
  void folderOfTheVersionBeforeRecipesResumesAndReadsTheSameRows() throws Exception {
    Path out = copy("resume-ed98cf0", tmp.resolve("ed98cf0"));
    Configuration conf = TestSupport.spark().sparkContext().hadoopConfiguration();
    OutputFolder folder = new OutputFolder(out.toString(), conf);
    List<String> columns = new ArrayList<>(ResultSchema.RUNS.fieldNames().length);
    columns.addAll(List.of(ResultSchema.RUNS.fieldNames()));
    List<List<Object>> before = StoredColumns.read(folder, "runs", columns, conf);
    assertEquals(8, before.size());
    SweepRunner.Summary s = resume(out);
    assertEquals(8, s.doneAtStart());
    assertEquals(0, s.trained());
    assertEquals(before, StoredColumns.read(folder, "runs", columns, conf));
    Sweep sweep = folderSweep(out, folder);
    assertEquals(Set.copyOf(sweep.taskIds()), ResultReader.storedTaskIds(TestSupport.spark(),
        folder, "runs"));
    for (Row r : ResultReader.runs(TestSupport.spark(), folder).collectAsList()) {
      assertEquals("analogsweep-1", r.getAs("recipe"));
      assertEquals("uniform", r.getAs("init"));
      assertEquals("a", r.getAs("relu_derivative_at_zero"));
      assertEquals(false, r.getAs("classifier_activation"));
      assertTrue(r.isNullAt(r.fieldIndex("shares_training_of")));
    }
    assertEquals(8, ResultReader.epochs(TestSupport.spark(), folder).count());
  }

  @Test
  void gradientErrorSweepOfVersionOneResumesAndReports() throws Exception {
    Path out = copy("gradient-error-v0.1.0", tmp.resolve("ge"));
    SweepRunner.Summary s = resume(out);
    assertEquals(4, s.doneAtStart());
    assertEquals(0, s.trained());
    OutputFolder folder = new OutputFolder(out.toString(), TestSupport.spark().sparkContext()
        .hadoopConfiguration());
    List<Row> maps = ResultReader.maps(TestSupport.spark(), folder).collectAsList();
    assertEquals(4, maps.size());
    for (Row r : maps) {
      assertEquals("gaussian", r.getAs("noise"));
      assertEquals((Double) r.getAs("noise_sigma"), (Double) r.getAs("noise_parameter"));
    }
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    assertTrue(md.contains("**relu-gelu at p=16, EP=0.5**"), md);
  }

  /**
   * A folder created under recipe authors before it took torch.optim.Adam's epsilon (fff7e1c,
   * recipe revision 1, no revision in its manifest): it resumes at its revision with nothing
   * retrained, its points keep DJL's epsilon, and the same sweep file in a new folder plans
   * other trainings (torch's epsilon, new ids).
   */
  @Test
  void authorsFolderOfRevisionOneKeepsDjlsEpsilon() throws Exception {
    Path out = resumedWithNothingRetrained("resume-authors-fff7e1c", tmp.resolve("rev1"), 4);
    OutputFolder folder = new OutputFolder(out.toString(), TestSupport.spark().sparkContext()
        .hadoopConfiguration());
    assertEquals(new FolderRecipe(Recipe.AUTHORS, 1), folder.manifestFile().recipe());
    Sweep today = SweepFile.read(out.resolve("sweep.yaml"));
    Sweep sweep = today.under(folder.manifestFile().recipe());
    assertEquals(Set.copyOf(sweep.taskIds()), ResultReader.storedTaskIds(TestSupport.spark(),
        folder, "runs"));
    assertTrue(Collections.disjoint(today.taskIds(), sweep.taskIds()));
    for (GridPoint p : sweep.points()) {
      assertEquals(AdamEpsilon.DJL, p.training().adamEpsilon());
      assertEquals(Recipe.AUTHORS, p.recipe().recipe());
    }
    for (GridPoint p : today.points()) {
      assertEquals(AdamEpsilon.TORCH, p.training().adamEpsilon());
    }
    for (Row r : ResultReader.runs(TestSupport.spark(), folder).collectAsList()) {
      assertEquals("authors", r.getAs("recipe"));
      assertEquals("djl", r.getAs("adam_epsilon"));
    }
    assertEquals(null, folder.manifest().recipeRevision(), "the manifest is kept as it was");
  }
}
