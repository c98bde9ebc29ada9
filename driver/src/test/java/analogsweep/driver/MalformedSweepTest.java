package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad sweep files: a clear message, exit code 2, and no output folder left behind. */
class MalformedSweepTest {
  @TempDir
  Path tmp;

  static final String OK = "name: bad\ndata:\n  path: " + TestSupport.FASHION + "\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("wrong type", OK + "training:\n  max_epochs: three\n",
            "training.max_epochs: expected a whole number, found the text \"three\""),
        Arguments.of("unknown key", OK + "trainig:\n  max_epochs: 3\n",
            "trainig: unknown key, expected one of [name, kind, description, data"),
        Arguments.of("empty grid", OK + "grid: {}\n", "grid: empty"),
        Arguments.of("empty axis", OK + "grid:\n  interpolation: []\n",
            "grid.interpolation: empty list"),
        Arguments.of("value out of range", OK + "analog: {precision: 16}\ngrid:\n"
            + "  error_probability: [0.5, 1.2]\n",
            "grid.error_probability[1]: error_probability: must be in [0, 1), found 1.2"),
        Arguments.of("missing data path", "name: bad\ngrid:\n  seed: [1]\n",
            "data.path: required"),
        Arguments.of("data path that does not exist", "name: bad\ndata:\n  path: /no/such/dir\n",
            "data.path: /no/such/dir: no such folder"),
        Arguments.of("duplicate keys", OK + "seeds: [1]\nseeds: [2]\n",
            "Duplicate field 'seeds'"),
        Arguments.of("bad YAML", OK + "grid:\n  interpolation: [0, 1\n", "not valid YAML at line"),
        Arguments.of("unknown family", OK + "activation:\n  family: relu-tanh\n",
            "activation.family: unknown activation family 'relu-tanh'"),
        Arguments.of("ViT depth out of range", OK + "model: {kind: vit}\ngrid:\n"
            + "  vit_depth: [0, 1]\n", "grid.vit_depth[0]: vit_depth: must be in [1, 6], found 0"),
        Arguments.of("unknown schedule", OK + "training: {learning_rate_schedule: step}\n",
            "training.learning_rate_schedule: unknown learning-rate schedule 'step'"),
        Arguments.of("not a mapping", "- just\n- a list\n", "expected a mapping of sections"));
  }

  static int run(String... args) {
    return Main.execute(args);
  }

  static String[] captured(Runnable r) {
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true));
    try {
      r.run();
    } finally {
      System.setErr(err);
    }
    return new String[] {buffer.toString()};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithExitTwoAndNothingWritten(String what, String yaml, String expected)
      throws IOException {
    Path file = TestSupport.write(tmp.resolve("bad.yaml"), yaml);
    Path out = tmp.resolve("out");
    int[] code = new int[1];
    String err = captured(() -> code[0] = run("run", file.toString(), "--out", out.toString()))[0];
    assertEquals(2, code[0], err);
    assertTrue(err.contains(expected), "message for " + what + ": " + err);
    assertTrue(err.contains("bad.yaml"), "names the file: " + err);
    assertFalse(Files.exists(out), "nothing written for " + what);
    // plan refuses a bad file too; a data folder missing here is only a warning for plan,
    // since sweeps for clusters name data that exists on the executors only
    assertEquals(what.startsWith("data path") ? 0 : 2,
        run("plan", file.toString(), "--out", out.toString()));
    assertFalse(Files.exists(out));
  }

  /**
   * The paper's model sweeps plan here although their CIFAR folders are missing: plan says so in
   * a warning (the data is on the executors of a cluster) and writes nothing.
   */
  @ParameterizedTest
  @CsvSource({
      "paper-vgg-a-cifar100.yaml, 198, /data/cifar-100-binary",
      "paper-resnet-18-cifar100.yaml, 198, /data/cifar-100-binary",
      "paper-vit-cifar10.yaml, 2640, /data/cifar-10-batches-bin",
      "paper-vit-depth.yaml, 1080, /data/cifar-10-batches-bin"})
  void paperModelSweepsPlanAndWarnWhereTheirDataIsMissing(String sweep, int tasks, String data)
      throws IOException {
    assumeFalse(Files.isDirectory(Path.of(data)),
        data + " exists on this machine");
    Path file = Path.of(System.getProperty("analogsweep.projectDir", ".."), "sweeps", sweep);
    Path out = tmp.resolve("out");
    PrintStream stdout = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true));
    int code;
    try {
      code = run("plan", file.toString(), "--out", out.toString());
    } finally {
      System.setOut(stdout);
    }
    String printed = buffer.toString();
    assertEquals(0, code, printed);
    assertTrue(printed.contains("warning: " + file + ": data.path " + data + ": no such folder"),
        printed);
    assertTrue(printed.contains("new folder, 0 of " + tasks + " done"), printed);
    assertFalse(Files.exists(out));
  }

  @Test
  void folderOfAnotherSweepIsRefusedAndLeftAlone() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out"));
    String manifest = "{\"format\": \"analogsweep.output.v1\", \"sweep\": \"other\", "
        + "\"fingerprint\": \"abc\", \"planned_tasks\": 3}\n";
    Files.writeString(out.resolve("manifest.json"), manifest);
    Path file = TestSupport.write(tmp.resolve("mine.yaml"), OK.replace("bad", "mine"));
    String err = captured(() -> assertEquals(2, run("run", file.toString(), "--out",
        out.toString())))[0];
    assertTrue(err.contains("holds the results of sweep 'other', not 'mine'"), err);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(1, files.count(), "nothing added");
    }
    assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void foreignFolderIsRefused() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(out.resolve("holiday.jpg"), "not ours");
    Path file = TestSupport.write(tmp.resolve("mine.yaml"), OK.replace("bad", "mine"));
    String err = captured(() -> assertEquals(2, run("run", file.toString(), "--out",
        out.toString())))[0];
    assertTrue(err.contains("is not an analogsweep output folder"), err);
  }
}
