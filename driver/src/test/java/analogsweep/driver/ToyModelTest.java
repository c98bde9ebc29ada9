package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.common.Json;
import analogsweep.driver.report.Reports;
import analogsweep.driver.run.SweepRunner;
import analogsweep.grid.FieldValues;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.ModelSection;
import analogsweep.grid.Placement;
import analogsweep.grid.Rules;
import analogsweep.model.Architectures;
import analogsweep.model.LayerSpec;
import analogsweep.model.SequentialArchitecture;
import analogsweep.model.TrainingDefaults;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model added as one file and one registration line, with no other main file touched: the toy
 * below trains through the {@code train} command, through a sweep on embedded Spark (next to the
 * linear model, packed as the linear model is) and lands in the report, named by its own option.
 */
class ToyModelTest {
  /** The whole model: one hidden layer (hidden_sizes, default [32]), batch size 64. */
  static final class Toy extends SequentialArchitecture {
    Toy() {
      super("toy", Placement.BEFORE_LAYERS);
    }

    @Override
    public List<GridField> options() {
      return List.of(GridField.HIDDEN_SIZES);
    }

    @Override
    public ModelSection complete(ModelKind kind, FieldValues v) {
      return fixedDepth(kind, v, List.of(32), 0, 2, null, null);
    }

    @Override
    public void check(ModelSection s) {
      Rules.check(s.hiddenSizes().size() == 1 && s.linearDepth() == 2 && s.convDepth() == 0,
          "hidden_sizes", s.hiddenSizes(), "the toy model has one hidden layer");
    }

    @Override
    protected TrainingDefaults authors() {
      TrainingDefaults d = TrainingDefaults.ANALOGSWEEP_1;
      return d.withSchedule(64, d.maxEpochs(), d.earlyStopping(), false);
    }

    @Override
    public List<LayerSpec> layout(ModelSection model, int widen, int classes) {
      return List.of(new LayerSpec.Flatten(),
          new LayerSpec.Dense(model.hiddenSizes().get(0) * widen),
          new LayerSpec.Activate(false, widen == 2), new LayerSpec.Dense(classes));
    }

    @Override
    public boolean convolutional() {
      return false;
    }
  }

  @TempDir
  Path tmp;

  private Architectures.Registration toy;

  @BeforeEach
  void register() {
    toy = Architectures.register(new Toy()); // the registration line
  }

  @AfterEach
  void unregister() {
    toy.close();
  }

  @Test
  void trainsThroughTheTrainCommand() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path out = tmp.resolve("r.json");
    assertEquals(0, Main.execute("train", "--model", "toy", "--data", TestSupport.FASHION,
        "--train-limit", "300", "--test-limit", "100", "--precision", "16",
        "--error-probability", "0.5", "--epochs", "1", "--device", "cpu", "--threads", "1",
        "--output", out.toString()));
    JsonNode r = Json.JSON.readTree(out.toFile());
    assertEquals("OK", r.get("status").asText());
    assertEquals("toy", r.get("point").get("model").asText());
    assertEquals(64, r.get("point").get("batch_size").asInt(), "the toy's own default");
  }

  @Test
  void trainsInASweepAndLandsInTheReport() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Sweep sweep = SweepFile.parse("name: toy\ndata:\n  path: " + TestSupport.FASHION
        + "\n  train_limit: 300\n  test_limit: 200\nanalog:\n  precision: 16\n"
        + "training:\n  max_epochs: 1\nseeds: [1, 2]\n"
        + "grid:\n  model: [linear, toy]\n  interpolation: [0, 1]\n", "toy.yaml");
    DataPreflight.check(sweep, true, new PrintStream(new ByteArrayOutputStream())); // size check
    Path out = tmp.resolve("out");
    SweepRunner.Summary s = SweepRunner.run(TestSupport.spark(), sweep,
        new SweepRunner.Options(out.toString(), false, 0, 2, false, 0),
        new PrintStream(new ByteArrayOutputStream()));
    assertEquals(8, s.trained());
    assertEquals(0, s.failed());
    List<List<Object>> rows = TestSupport.duckdb("SELECT count(*), min(status), max(status), "
        + "min(batch_size), min(hidden_sizes[1]), min(linear_depth) FROM "
        + TestSupport.parquet(out, "runs") + " WHERE model = 'toy'");
    assertEquals("[[4, OK, OK, 64, 32, 2]]", rows.toString());
    String md = Files.readString(Path.of(Reports.write(TestSupport.spark(), out.toString())));
    assertTrue(md.contains("8 task results stored of 8 planned (100.0%)"), md);
    // the report names each model by the options its architecture owns
    assertTrue(md.contains("toy hidden=32"), md);
    assertTrue(md.contains("linear hidden=256-128"), md);
  }
}
