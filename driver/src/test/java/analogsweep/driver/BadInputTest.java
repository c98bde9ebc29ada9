package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.OperationsTest.Result;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input from the command line, the sweep file and the output folder, through {@link Main}:
 * each gets exit 2 and one line naming the file, folder or value, and nothing stored is lost.
 * One folder is trained for the class (a point at EP 0.999 and p = 1 with Laplace noise, where
 * every value is clamped, and its clean twin); each case works on a copy of what it needs.
 */
class BadInputTest {
  @TempDir
  static Path tmp;

  static Path sweep;
  static Path trained;

  @BeforeAll
  static void train() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    sweep = TestSupport.write(tmp.resolve("bad.yaml"), "name: bad\n"
        + "data:\n  path: " + TestSupport.FASHION + "\n  train_limit: 256\n  test_limit: 128\n"
        + "model:\n  hidden_sizes: [8]\n"
        + "analog:\n  precision: 1\n  noise: laplace\n"
        + "training:\n  max_epochs: 2\n  batch_size: 128\n"
        + "seeds: [1]\ngrid:\n  error_probability: [0, 0.999]\n");
    trained = tmp.resolve("trained");
    Result r = run("--out", trained.toString());
    assertEquals(0, r.code(), r.out() + r.err());
  }

  static Result run(String... extra) {
    List<String> args = new ArrayList<>(List.of("run", sweep.toString(), "--master",
        "local[2]", "--no-report", "--progress-seconds", "0"));
    args.addAll(List.of(extra));
    return OperationsTest.main(args.toArray(String[]::new));
  }

  /** Exit 2 and exactly one line on standard error, which starts with {@code first}. */
  static void oneLine(Result r, String first) {
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.first().startsWith(first), r.first());
  }

  static Path copyOfTrained(String name) throws Exception {
    Path copy = tmp.resolve(name);
    try (var files = Files.walk(trained)) {
      for (Path p : files.toList()) {
        Path to = copy.resolve(trained.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return copy;
  }

  static List<Path> files(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void theBareCommandListsTheCommandsAndAUsageErrorIsOneLine() {
    Result bare = OperationsTest.main();
    assertEquals(2, bare.code());
    assertTrue(bare.err().contains("Commands:") && bare.err().contains("  train "), bare.err());
    oneLine(OperationsTest.main("run"), "analogsweep run: Missing required parameter: 'SWEEP' "
        + "(see 'analogsweep run --help')");
    oneLine(OperationsTest.main("status", "--bogus", "DIR"),
        "analogsweep status: Unknown option: '--bogus' (see 'analogsweep status --help')");
    // an unknown option, not the missing file it stands in for
    oneLine(OperationsTest.main("run", "--bogus"),
        "analogsweep run: Unknown option: '--bogus' (see 'analogsweep run --help')");
  }

  /**
   * A model whose recipe normalizes by colour constants, on a one-channel data set: refused with
   * one line before Spark starts, not as a FAILED row for each point.
   */
  @Test
  void colourConstantsOnGrayscaleDataAreRefusedBeforeTraining() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path vgg = TestSupport.write(tmp.resolve("vgg.yaml"), "name: vgg\ndata:\n  path: "
        + TestSupport.FASHION + "\n  train_limit: 100\nmodel:\n  kind: vgg-a\n");
    Path out = tmp.resolve("vgg-out");
    Result r = OperationsTest.main("run", vgg.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.err());
    oneLine(r, "analogsweep run: " + vgg + ": data.normalization: cifar-10-constants (vgg-a's "
        + "under the recipe authors) holds constants for 3 colour channels and "
        + TestSupport.FASHION + " has 1; set data.normalization to per-channel or none");
    assertTrue(Files.notExists(out), "nothing written");
  }

  @Test
  void aBinarySweepFileIsNamed() throws Exception {
    byte[] bytes = new byte[512];
    new Random(1).nextBytes(bytes);
    Path binary = Files.write(tmp.resolve("binary.yaml"), bytes);
    oneLine(OperationsTest.main("plan", binary.toString()), "analogsweep plan: " + binary
        + ": not a sweep file: not UTF-8 text");
  }

  @Test
  void aYamlSyntaxErrorIsOneLine() throws Exception {
    Path broken = TestSupport.write(tmp.resolve("broken.yaml"), Files.readString(sweep)
        .replace("error_probability: [0, 0.999]", "error_probability: [0, 0.999\nseed: 3"));
    oneLine(OperationsTest.main("plan", broken.toString()), "analogsweep plan: " + broken
        + ": yaml: not valid YAML at line ");
    Result set = OperationsTest.main("plan", sweep.toString(), "--set", "grid.seed=[1,2");
    oneLine(set, "analogsweep plan: " + sweep + ": --set grid.seed=[1,2: the value is not YAML: ");
    assertTrue(set.first().contains("expected ',' or ']'"), set.first());
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsNamed() throws Exception {
    // sysfs refuses new folders even to root (a read-only mount answers the same way)
    Path sys = Path.of("/sys/kernel");
    assumeTrue(Files.isDirectory(sys), "no /sys");
    Path out = sys.resolve("analogsweep-out");
    oneLine(run("--out", out.toString()), "analogsweep run: --out: " + out + " cannot be written");
    assertFalse(Files.exists(out));
  }

  @Test
  void aStrayWaveFolderIsNamedAndLeftAlone() throws Exception {
    Path out = copyOfTrained("stray");
    List<Path> before = files(out);
    Path stray = Files.createDirectories(out.resolve("runs/wave=old"));
    for (Result r : List.of(run("--out", out.toString()),
        OperationsTest.main("status", out.toString()), OperationsTest.main("report",
        out.toString()), OperationsTest.main("plan", sweep.toString(), "--out",
        out.toString()))) {
      assertEquals(2, r.code(), r.out() + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().contains(stray + ": not a wave this tool wrote"), r.err());
    }
    assertEquals(before, files(out), "nothing written or removed");
  }

  @Test
  void aLockWhosePidMayBeReusedSaysItMayBeStale() throws Exception {
    Path out = copyOfTrained("locked");
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Thread.sleep(50); // the lock is taken after the process started: it may be the holder
      Files.writeString(out.resolve("_lock"), "{\"pid\":" + other.pid() + ",\"host\":\""
          + InetAddress.getLocalHost().getHostName() + "\",\"started_at\":\""
          + Instant.now() + "\"}");
      Result r = run("--out", out.toString());
      oneLine(r, "analogsweep run: --out: " + out + " is in use by process " + other.pid()
          + " (sleep) on this host");
      assertTrue(r.first().endsWith("the lock is stale: delete " + out.resolve("_lock")),
          r.first());
    } finally {
      other.destroy();
    }
  }

  @Test
  void aDeletedResultFileIsNamedAndItsEpochsKept() throws Exception {
    Path out = copyOfTrained("deleted");
    Path runs = out.resolve("runs/wave=1");
    Files.delete(OperationsTest.parquet(runs).get(0));
    List<Path> before = files(out);
    for (Result r : List.of(run("--out", out.toString()),
        OperationsTest.main("status", out.toString()), OperationsTest.main("plan",
        sweep.toString(), "--out", out.toString()))) {
      oneLine(r, "analogsweep " + (r.first().split(" ")[1]) + " " + runs
          + ": its result file is missing (deleted?); ");
      assertTrue(r.first().contains("--repair"), r.first());
    }
    assertEquals(before, files(out), "nothing written or removed");
    Result repaired = run("--out", out.toString(), "--repair");
    assertEquals(0, repaired.code(), repaired.err());
    assertTrue(repaired.err().contains("set aside a damaged wave (its tasks are trained again): "
        + out.resolve("damaged/epochs/wave=1")), repaired.err());
    assertEquals(1, OperationsTest.parquet(out.resolve("damaged/epochs/wave=1")).size());
  }

  @Test
  void aRebuiltManifestIsReported() throws Exception {
    Path out = copyOfTrained("manifest");
    Files.writeString(out.resolve("manifest.json"), "{\"sweep\": \"bad\", garbage");
    oneLine(run("--out", out.toString()), "analogsweep run: " + out.resolve("manifest.json")
        + ": unreadable manifest");
    Result repaired = run("--out", out.toString(), "--repair");
    assertEquals(0, repaired.code(), repaired.err());
    assertTrue(repaired.first().startsWith("set aside the unreadable manifest.json as "
        + out.resolve("damaged/manifest.json.")), repaired.err());
    assertTrue(repaired.first().endsWith("; rebuilt it from " + out.resolve("sweep.yaml")
        + " and the stored results"), repaired.err());
    Files.delete(out.resolve("manifest.json"));
    Result lost = run("--out", out.toString());
    assertEquals(0, lost.code(), lost.err());
    assertEquals("rebuilt the lost manifest.json from " + out.resolve("sweep.yaml")
        + " and the stored results", lost.first(), lost.err());
  }

  @Test
  void aReportWithAnUnrelatedFolderNamesIt() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "not results");
    oneLine(OperationsTest.main("report", trained.toString(), "--with", other.toString()),
        "analogsweep report: --with: " + other + " holds no manifest.json or sweep.yaml: not an "
            + "analogsweep output folder");
    oneLine(OperationsTest.main("report", other.toString()), "analogsweep report: DIR: " + other
        + " holds no manifest.json or sweep.yaml: not an analogsweep output folder");
  }

  /**
   * {@code plan --like} names a folder that is no output folder; a real one calibrates the
   * estimate, whose line names the folder and the rows it rests on.
   */
  @Test
  void planLikeAFolderThatIsNoOutputNamesIt() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("not-output"));
    Files.writeString(other.resolve("notes.txt"), "not results");
    oneLine(OperationsTest.main("plan", sweep.toString(), "--like", other.toString()),
        "analogsweep plan: --like: " + other + " holds no manifest.json or sweep.yaml: not an "
            + "analogsweep output folder");
    Path missing = tmp.resolve("no-such-folder");
    oneLine(OperationsTest.main("plan", sweep.toString(), "--like", missing.toString()),
        "analogsweep plan: --like: " + missing + ": no such folder");
    Result none = OperationsTest.main("plan", sweep.toString(), "--out",
        tmp.resolve("fresh").toString());
    assertEquals(0, none.code(), none.err());
    assertTrue(none.out().contains("estimate: none: "), none.out());
    Result like = OperationsTest.main("plan", sweep.toString(), "--out",
        tmp.resolve("fresh").toString(), "--like", trained.toString());
    assertEquals(0, like.code(), like.err());
    assertTrue(like.out().contains("for 2 trainings (") && like.out().contains("from 2 stored "
        + "rows of " + trained), like.out());
  }

  @Test
  void everyValueClampedIsAResultThatNamesIt() throws Exception {
    List<List<Object>> rows = TestSupport.duckdb("SELECT error_probability, status, stop_reason, "
        + "message, epochs FROM " + TestSupport.parquet(trained, "runs")
        + " ORDER BY error_probability");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("OK", rows.get(0).get(1));
    List<Object> clamped = rows.get(1);
    assertEquals(List.of("OK", "no_gradient"), clamped.subList(1, 3), rows.toString());
    assertTrue(String.valueOf(clamped.get(3)).contains("every gradient was zero"), rows.toString());
    assertEquals(1, ((Number) clamped.get(4)).intValue(), "evaluated after its first epoch");
    Result status = OperationsTest.main("status", trained.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("stored    2 (2 OK, 0 DIVERGED, 0 FAILED)"), status.out());
  }
}
