package analogsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.AdamEpsilon;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.GridPoint;
import analogsweep.grid.Recipe;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepFileTest {
  static final Path SWEEPS = Path.of(System.getProperty("analogsweep.projectDir", ".."), "sweeps");

  static final String BASE = "name: t\ndata:\n  path: /data/x\n";

  /** Every example sweep parses and plans the number of tasks its comment promises. */
  @ParameterizedTest
  @CsvSource({"quickstart.yaml, 24", "paper-convnet-cifar10.yaml, 1760",
      "paper-convnet-depth.yaml, 2520", "paper-gate-scale.yaml, 720", "paper-leak.yaml, 480",
      "gradient-error.yaml, 30", "fashion-mnist-noise.yaml, 180",
      "fashion-mnist-convnet-depth.yaml, 96", "fashion-mnist-convnet-depth-short.yaml, 32",
      "paper-vgg-a-cifar100.yaml, 198", "paper-resnet-18-cifar100.yaml, 198",
      "paper-vit-cifar10.yaml, 2640", "paper-vit-depth.yaml, 1080",
      "fashion-mnist-convnet-vs-vit-convnet.yaml, 20", "fashion-mnist-convnet-vs-vit-vit.yaml, 20"})
  void exampleSweepsPlan(String file, int tasks) {
    Sweep s = SweepFile.read(SWEEPS.resolve(file));
    assertEquals(tasks, s.size());
    assertEquals(tasks, new HashSet<>(s.taskIds()).size(), "distinct task ids");
    // the ids kept from the expansion are each task's own, in the tasks' order
    for (int k = 0; k < s.size(); k++) {
      assertEquals(s.kind() == SweepKind.TRAIN ? s.points().get(k).taskId()
          : s.analyses().get(k).taskId(), s.taskIds().get(k), file + " task " + k);
    }
    assertThrows(IllegalArgumentException.class, () -> new Sweep(s.name(), s.kind(),
        s.description(), s.source(), s.text(), s.axes(), s.points(), s.analyses(), s.recipe(), s.threshold(),
        s.taskIds().subList(1, s.size())), "one id a task");
  }

  /** Every sweep file in sweeps/ parses and plans distinct tasks, those not listed above too. */
  @Test
  void everyCommittedSweepParses() throws java.io.IOException {
    List<Path> files;
    try (var list = java.nio.file.Files.list(SWEEPS)) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 20, files.toString());
    for (Path f : files) {
      Sweep s = SweepFile.read(f);
      assertTrue(s.size() > 0, f.toString());
      assertEquals(s.size(), new HashSet<>(s.taskIds()).size(), f + ": distinct task ids");
    }
  }

  @Test
  void paperGridHasTheExactValues() {
    Sweep s = SweepFile.read(SWEEPS.resolve("paper-convnet-cifar10.yaml"));
    assertEquals(List.of(0L, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1L).toString(),
        s.axes().get("interpolation").toString().replace(".0,", ",").replace("0.0", "0")
            .replace("1.0]", "1]"));
    GridPoint p = s.points().get(0);
    assertEquals(6, p.model().convDepth());
    assertEquals(512, p.training().batchSize(), "the authors' v1 script, the recipe's default");
    assertEquals(Recipe.AUTHORS, p.recipe().recipe());
    assertEquals(0.3, s.points().stream().mapToDouble(q -> q.analog().errorProbability())
        .filter(v -> Math.abs(v - 0.3) < 1e-9).findFirst().orElseThrow());
  }

  /**
   * A folder's recipe revision completes the points that leave a field it pins open: revision 1
   * gives recipe authors DJL's Adam epsilon (the ids that folders stored), today's revision
   * torch's (new ids); a value the sweep sets or sweeps wins over the pin.
   */
  @Test
  void aFoldersRevisionPinsTheDefaultsThatChangedSince() {
    String yaml = BASE + "analog: {precision: 8}\ngrid:\n  interpolation: [0, 1]\n";
    FolderRecipe rev1 = new FolderRecipe(Recipe.AUTHORS, 1);
    Sweep today = SweepFile.parse(yaml, "t.yaml");
    Sweep old = SweepFile.parse(yaml, "t.yaml", List.of(), rev1);
    assertEquals(FolderRecipe.current(), today.recipe());
    assertEquals(old, today.under(rev1), "under() reads the text again at the revision");
    for (int k = 0; k < 2; k++) {
      assertEquals(AdamEpsilon.TORCH, today.points().get(k).training().adamEpsilon());
      assertEquals(AdamEpsilon.DJL, old.points().get(k).training().adamEpsilon());
    }
    assertEquals(SweepFile.parse(yaml + "training: {adam_epsilon: djl}\n", "t.yaml").taskIds(),
        old.taskIds(), "revision 1 trains what today's sweep with DJL's epsilon set trains");
    assertTrue(java.util.Collections.disjoint(today.taskIds(), old.taskIds()));
    Sweep set = SweepFile.parse(yaml + "training: {adam_epsilon: torch}\n", "t.yaml", List.of(),
        rev1);
    assertEquals(today.taskIds(), set.taskIds(), "a value the sweep sets wins");
    Sweep swept = SweepFile.parse(yaml + "  adam_epsilon: [djl, torch]\n", "t.yaml", List.of(),
        rev1);
    assertEquals(4, swept.size());
    assertTrue(swept.taskIds().containsAll(today.taskIds()), "and one it sweeps");
    // analogsweep-1 points take DJL's at either revision: one id
    Sweep legacy = SweepFile.parse(yaml, "t.yaml", List.of(),
        new FolderRecipe(Recipe.ANALOGSWEEP_1, 1));
    assertEquals(legacy.taskIds(), today.under(FolderRecipe.of(Recipe.ANALOGSWEEP_1)).taskIds());
  }

  @Test
  void cartesianProductInFileOrderWithSeedsLast() {
    Sweep s = SweepFile.parse(BASE + "analog: {precision: 8}\nseeds: [1, 2]\ngrid:\n"
        + "  interpolation: [0, 1]\n  error_probability: [0, 0.5, 0.8]\n", "t.yaml");
    assertEquals(12, s.size());
    assertEquals(List.of("interpolation", "error_probability", "seed"),
        List.copyOf(s.axes().keySet()));
    assertEquals(0.0, s.points().get(0).activation().interpolation());
    assertEquals(2, s.points().get(1).seed());
    assertEquals(0.5, s.points().get(2).analog().errorProbability());
    assertEquals(1.0, s.points().get(6).activation().interpolation());
  }

  static String message(String yaml) {
    return assertThrows(InvalidValueException.class, () -> SweepFile.parse(yaml, "s.yaml"))
        .getMessage();
  }

  @Test
  void badFilesNameTheKeyWhatWasExpectedAndWhatWasFound() {
    assertEquals("s.yaml: grid.interpolation[1]: expected a number, found the text \"high\"",
        message(BASE + "grid:\n  interpolation: [0, high]\n"));
    // the training section's keys grew with weight_decay and learning_rate_schedule (0.2.0)
    assertEquals("s.yaml: training.epochs: unknown key, expected one of [learning_rate, "
        + "batch_size, max_epochs, early_stopping, time_budget_seconds, eval_repeats, "
        + "weight_decay, learning_rate_schedule, recipe, adam_epsilon]",
        message(BASE + "training:\n  epochs: 3\n"));
    assertEquals("s.yaml: data.augment: unknown key, expected one of [path, grayscale, "
        + "train_limit, test_limit, augmentation, normalization]",
        message(BASE.replace("data:\n", "data:\n  augment: true\n")));
    assertEquals("s.yaml: grid.vit_depth[1]: vit_depth: must be in [1, 6], found 7",
        message(BASE + "model: {kind: vit}\ngrid:\n  vit_depth: [6, 7]\n"));
    assertEquals("s.yaml: model.vit_depth: vit_depth: applies to model vit only (model is "
        + "convnet); leave it out, found 2",
        message(BASE + "model: {kind: convnet, vit_depth: 2}\n"));
    assertEquals("s.yaml: training.learning_rate_schedule: unknown learning-rate schedule "
        + "'linear', expected one of [fixed, cosine]",
        message(BASE + "training: {learning_rate_schedule: linear}\n"));
    assertEquals("s.yaml: grid.augmentation[0]: unknown augmentation 'flip', "
        + "expected one of [none, crop-flip, crop-flip-rotate, imagenet-style]",
        message(BASE + "grid:\n  augmentation: [flip]\n"));
    assertEquals("s.yaml: grid: empty: give at least one field with values, or leave out grid "
        + "for a single point", message(BASE + "grid: {}\n"));
    assertEquals("s.yaml: grid.precision: empty list: a grid axis needs at least one value",
        message(BASE + "grid:\n  precision: []\n"));
    assertEquals("s.yaml: grid.interpolation[1]: interpolation: must be in [0, 1], found 1.5",
        message(BASE + "grid:\n  interpolation: [0, 1.5]\n"));
    assertEquals("s.yaml: data.path: required: the folder that holds the dataset (IDX or "
        + "CIFAR binary files), or grid.data_path", message("name: t\ngrid:\n  seed: [1]\n"));
    assertTrue(message(BASE + "name: u\n").contains("Duplicate field 'name'"),
        message(BASE + "name: u\n"));
    assertTrue(message(BASE + "grid: [1, 2\n").startsWith("s.yaml: yaml: not valid YAML at line"),
        message(BASE + "grid: [1, 2\n"));
    assertEquals("s.yaml: grid.precision[2]: repeats the value 16",
        message(BASE + "grid:\n  precision: [4, 16, 16]\n"));
    assertEquals("s.yaml: grid.colour: unknown grid field, expected one of " + analogsweep.grid
        .GridField.columns(), message(BASE + "grid:\n  colour: [true]\n"));
    assertEquals("s.yaml: seeds: also given as grid.seed; use one of them",
        message(BASE + "seeds: [1]\ngrid:\n  seed: [2]\n"));
    assertEquals("s.yaml: grid.error_probability[0]: error_probability: noise is defined "
        + "through the precision (sigma depends on p); set a precision, found 0.5",
        message(BASE + "grid:\n  error_probability: [0.5]\n"));
    assertTrue(message("name: bad name\ndata: {path: /x}\n").startsWith("s.yaml: name: "));
    assertEquals("s.yaml: model: not used by kind gradient-error, which trains nothing; leave "
        + "it out", message("name: g\nkind: gradient-error\nmodel: {kind: linear}\n"));
    assertEquals("s.yaml: grid.interpolation.step: must be positive, found 0",
        message(BASE + "grid:\n  interpolation: {from: 0, to: 1, step: 0}\n"));
  }

  @Test
  void missingFileIsNamed() {
    assertEquals("no/such.yaml: no such sweep file", assertThrows(InvalidValueException.class,
        () -> SweepFile.read(Path.of("no/such.yaml"))).getMessage());
  }

  @Test
  void fingerprintIgnoresOrder() {
    Sweep a = SweepFile.parse(BASE + "grid:\n  interpolation: [0, 1]\n", "a");
    Sweep b = SweepFile.parse(BASE + "grid:\n  interpolation: [1, 0]\n", "b");
    assertEquals(a.fingerprint(), b.fingerprint());
  }
}
