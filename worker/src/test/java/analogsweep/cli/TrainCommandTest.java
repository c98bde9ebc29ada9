package analogsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.grid.GridField;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The train command's answers to bad arguments: exit 2 and one line that names the culprit. */
class TrainCommandTest {
  @TempDir
  Path tmp;

  /** Runs {@code train} with the arguments; returns the exit code and what went to stderr. */
  private static Object[] train(String... args) {
    CommandLine cl = TrainCommand.create();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    int code = cl.execute(args);
    return new Object[] {code, err.toString()};
  }

  @Test
  void unknownFieldInTheJsonFileIsNamed() throws Exception {
    Path point = tmp.resolve("point.json");
    Files.writeString(point, "{\"model\": \"linear\", \"bogus\": 1}");
    Object[] r = train("--json", point.toString());
    assertEquals(2, r[0]);
    String err = (String) r[1];
    assertTrue(err.startsWith("analogsweep train: " + point + ": bogus: unknown grid-point "
        + "field, expected one of ["), err);
    assertEquals(1, err.strip().lines().count(), err);
  }

  @Test
  void jsonThatIsNoObjectIsRefused() throws Exception {
    Path point = tmp.resolve("point.json");
    Files.writeString(point, "[1, 2");
    Object[] r = train("--json", point.toString());
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).startsWith("analogsweep train: " + point
        + ": not a JSON object of grid-point fields: "), (String) r[1]);
  }

  @Test
  void aValueOutOfRangeNamesItsFlag() {
    Object[] r = train("--data", "/x", "--interpolation", "2");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).startsWith("analogsweep train: --interpolation"), (String) r[1]);
  }

  /**
   * A point the data set cannot train is refused before training, as run refuses it: VGG-A's
   * CIFAR constants (the authors' recipe) on one-channel Fashion-MNIST.
   */
  @Test
  void dataThePointCannotTrainOnIsRefusedBeforeTraining() {
    Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
    assumeTrue(Files.isDirectory(fashion), "dataset-fashion-mnist is not installed");
    Object[] r = train("--model", "vgg-a", "--data", fashion.toString(), "--epochs", "1");
    assertEquals(2, r[0]);
    assertEquals("analogsweep train: data.normalization: cifar-10-constants (vgg-a's under the "
        + "recipe authors) holds constants for 3 colour channels and " + fashion + " has 1; set "
        + "data.normalization to per-channel or none", ((String) r[1]).strip());
  }

  @Test
  void anUnknownFlagIsAUsageError() {
    Object[] r = train("--no-such-flag");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("Unknown option: '--no-such-flag'"), (String) r[1]);
  }

  @Test
  void helpListsTheExitCodes() {
    CommandLine cl = TrainCommand.create();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("--help"));
    String help = out.toString();
    assertTrue(help.contains("Exit codes:"), help);
    assertTrue(help.contains("invalid input: one line names the flag or field"), help);
    assertTrue(help.contains("--interpolation"), help);
  }

  /** The usual flags fit on a screen; {@code --help-fields} shows every grid field's flag. */
  @Test
  void helpFitsOnAScreenAndHelpFieldsListsEveryField() {
    String help = usage("--help");
    assertTrue(help.lines().count() < 80, help.lines().count() + " lines:\n" + help);
    assertTrue(help.contains("--help-fields") && !help.contains("--hidden-sizes"), help);
    String all = usage("--help-fields");
    for (GridField f : GridField.values()) {
      assertTrue(all.contains("--" + f.column().replace('_', '-')), f + " in\n" + all);
    }
  }

  private static String usage(String flag) {
    CommandLine cl = TrainCommand.create();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute(flag));
    return out.toString();
  }
}
