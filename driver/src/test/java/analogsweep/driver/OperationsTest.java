package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import analogsweep.driver.store.OutputFolder;
import analogsweep.sweep.SweepFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operations through {@link Main}, on a 4-task sweep (one task per wave): folders left at any
 * moment stay resumable, damaged or deleted result files never lead to a task stored twice
 * (checked with DuckDB), FAILED tasks give exit code 4 and are retried once asked, and the status
 * command says where a folder stands. Each case prints its exit code and first output line.
 */
class OperationsTest {
  @TempDir
  Path tmp;

  Path sweep;
  Path out;
  List<String> planned;

  @BeforeEach
  void sweep() throws IOException {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    sweep = TestSupport.write(tmp.resolve("ops.yaml"), "name: ops\n"
        + "data:\n  path: " + TestSupport.FASHION + "\n  train_limit: 300\n  test_limit: 200\n"
        + "model:\n  hidden_sizes: [8]\n"
        + "analog:\n  precision: 16\n"
        + "training:\n  max_epochs: 2\n  batch_size: 100\n  early_stopping: false\n"
        + "seeds: [1, 2]\ngrid:\n  interpolation: [0, 1]\n");
    out = tmp.resolve("out");
    planned = SweepFile.read(sweep).taskIds();
  }

  /** Exit code, standard output and standard error of one command. */
  record Result(int code, String out, String err) {
    String first() {
      String all = err.isBlank() ? out : err;
      return all.lines().findFirst().orElse("");
    }
  }

  static synchronized Result main(String... args) {
    PrintStream o = System.out;
    PrintStream e = System.err;
    ByteArrayOutputStream ob = new ByteArrayOutputStream();
    ByteArrayOutputStream eb = new ByteArrayOutputStream();
    System.setOut(new PrintStream(ob, true));
    System.setErr(new PrintStream(eb, true));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
    Result r = new Result(code, ob.toString(), eb.toString());
    System.out.printf("analogsweep %s -> exit %d: %s%n", String.join(" ", args).replace(
        System.getProperty("java.io.tmpdir"), "$TMP"), code, r.first());
    return r;
  }

  Result run(String... extra) {
    List<String> args = new ArrayList<>(List.of("run", sweep.toString(), "--out", out.toString(),
        "--master", "local[2]", "--wave-size", "1", "--no-report", "--progress-seconds", "0"));
    args.addAll(List.of(extra));
    return main(args.toArray(String[]::new));
  }

  /** runs: one row per planned task; epochs: one row per task and epoch, as many as runs say. */
  void assertExactlyOnce() throws Exception {
    List<Object> runs = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), "
        + "sum(epochs) FROM " + TestSupport.parquet(out, "runs")).get(0);
    assertEquals((long) planned.size(), ((Number) runs.get(0)).longValue(), "runs rows");
    assertEquals((long) planned.size(), ((Number) runs.get(1)).longValue(), "task ids");
    List<Object> epochs = TestSupport.duckdb("SELECT count(*), count(DISTINCT (task_id, epoch)) "
        + "FROM " + TestSupport.parquet(out, "epochs")).get(0);
    assertEquals(epochs.get(0), epochs.get(1), "one epochs row per task and epoch");
    assertEquals(((Number) runs.get(2)).longValue(), ((Number) epochs.get(0)).longValue(),
        "as many epochs rows as the runs rows count");
  }

  static List<Path> parquet(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  int trainedBy(Result r) {
    // "[ops] 4 planned: 3 were stored before, 1 trained now (...)"
    String line = r.out().lines().filter(l -> l.contains(" trained now")).findFirst().orElseThrow();
    return Integer.parseInt(line.replaceAll(".*stored before, (\\d+) trained now.*", "$1"));
  }

  @Test
  void folderLeftAtAnyMomentResumes() throws Exception {
    // killed in its first moments: only the lock of a dead process, and an empty staging area
    Files.createDirectories(out.resolve("_staging"));
    Files.writeString(out.resolve("_lock"), "{\"pid\": 999999999, \"host\": \""
        + InetAddress.getLocalHost().getHostName() + "\"}");
    Result first = run();
    assertEquals(0, first.code(), first.err());
    assertEquals(4, trainedBy(first));
    assertExactlyOnce();

    // the manifest lost between its temporary copy and the rename: taken from the copy
    Files.move(out.resolve("manifest.json"), out.resolve(".manifest.json.tmp"));
    Result fromCopy = run();
    assertEquals(0, fromCopy.code(), fromCopy.err());
    assertEquals(0, trainedBy(fromCopy));
    assertTrue(Files.exists(out.resolve("manifest.json")));

    // lost altogether: rebuilt from the stored sweep.yaml, nothing retrained
    Files.delete(out.resolve("manifest.json"));
    Result rebuilt = run();
    assertEquals(0, rebuilt.code(), rebuilt.err());
    assertEquals(0, trainedBy(rebuilt));

    // garbage: one line naming it and the remedy; --repair sets it aside and rebuilds it
    Files.writeString(out.resolve("manifest.json"), "{\"sweep\": \"ops\", garbage");
    Result garbage = run();
    assertEquals(2, garbage.code());
    assertEquals(1, garbage.err().lines().count(), garbage.err());
    assertTrue(garbage.err().contains("manifest.json: unreadable manifest")
        && garbage.err().contains("--repair"), garbage.err());
    Result report = main("report", out.toString());
    assertEquals(2, report.code());
    Result repaired = run("--repair");
    assertEquals(0, repaired.code(), repaired.err());
    assertEquals(0, trainedBy(repaired));
    try (Stream<Path> s = Files.list(out.resolve("damaged"))) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("manifest.json.")));
    }
    assertExactlyOnce();
  }

  @Test
  void deletedOrDamagedResultsAreTrainedAgainAndStoredOnce() throws Exception {
    assertEquals(0, run().code());
    // a runs file deleted by hand: one line naming its wave; --repair sets what is left of the
    // wave aside (its epochs kept in damaged/, not in epochs/) and trains its task again
    Path runsFile = parquet(out.resolve("runs/wave=2")).get(0);
    Files.delete(runsFile);
    Result refused = run();
    assertEquals(2, refused.code(), refused.err());
    assertEquals(1, refused.err().lines().count(), refused.err());
    assertTrue(refused.first().startsWith("analogsweep run: " + out.resolve("runs/wave=2")
        + ": its result file is missing"), refused.err());
    Result again = run("--repair");
    assertEquals(0, again.code(), again.err());
    assertEquals(1, trainedBy(again));
    assertEquals(1, parquet(out.resolve("damaged/epochs/wave=2")).size());
    assertExactlyOnce();

    // a truncated runs file and a garbage epochs file: one line naming a file and the remedy,
    // from run, plan, status and report; nothing written
    Path truncated = parquet(out.resolve("runs/wave=1")).get(0);
    byte[] bytes = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    Path garbage = parquet(out.resolve("epochs/wave=3")).get(0);
    Files.writeString(garbage, "not parquet at all");
    for (Result r : List.of(run(), main("plan", sweep.toString(), "--out", out.toString()),
        main("status", out.toString()), main("report", out.toString()))) {
      assertEquals(2, r.code(), r.out() + r.err());
      String all = r.out() + r.err();
      assertTrue(all.contains("damaged result file") && all.contains("--repair"), all);
      assertFalse(all.contains("\tat "), "no stack trace: " + all);
      assertEquals(1, all.lines().filter(l -> l.contains("damaged")).count(), all);
    }
    // --repair moves both waves aside; their tasks are trained again, every id once
    Result repaired = run("--repair");
    assertEquals(0, repaired.code(), repaired.err());
    assertEquals(2, trainedBy(repaired));
    assertTrue(Files.exists(out.resolve("damaged/runs/wave=1")));
    assertTrue(Files.exists(out.resolve("damaged/epochs/wave=3")));
    assertExactlyOnce();
  }

  @Test
  void failedTasksExitFourAndAreRetriedOnce() throws Exception {
    String failing = planned.get(1);
    System.setProperty("analogsweep.inject.failure", failing.substring(0, 16) + "@1");
    Result first;
    try {
      first = run();
    } finally {
      System.clearProperty("analogsweep.inject.failure");
    }
    assertEquals(4, first.code(), first.err());
    assertTrue(first.err().contains("1 of 4 tasks FAILED") && first.err().contains("status"),
        first.err());
    Result status = main("status", out.toString());
    assertEquals(0, status.code(), status.err());
    assertTrue(status.out().contains("stored    4 (3 OK, 0 DIVERGED, 1 FAILED)"), status.out());
    assertTrue(status.out().contains(failing.substring(0, 12))
        && status.out().contains("injected failure after epoch 1"), status.out());
    // run again without retrying: still 4, nothing trained
    Result unchanged = run();
    assertEquals(4, unchanged.code());
    assertEquals(0, trainedBy(unchanged));

    Result retried = run("--retry-failed");
    assertEquals(0, retried.code(), retried.err());
    assertEquals(1, trainedBy(retried));
    assertExactlyOnce();
    assertEquals(List.of(List.of("OK", 4L)), TestSupport.duckdb("SELECT status, count(*) FROM "
        + TestSupport.parquet(out, "runs") + " GROUP BY status"));
    // the old attempt is kept apart, where a plain read of runs/ does not see it
    assertEquals(List.of(List.of(failing, "FAILED")), TestSupport.duckdb("SELECT task_id, status "
        + "FROM " + TestSupport.parquet(out.resolve("superseded"), "runs")));
    Result after = main("status", out.toString());
    assertTrue(after.out().contains("stored    4 (4 OK, 0 DIVERGED, 0 FAILED)")
        && after.out().contains("pending   0"), after.out());
  }

  @Test
  void badInputGetsOneLineAndExitTwo() throws Exception {
    // data checked up front, the file named
    Path data = Files.createDirectories(tmp.resolve("data"));
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Files.copy(Path.of(TestSupport.FASHION, f), data.resolve(f));
    }
    Path labels = data.resolve("t10k-labels-idx1-ubyte.gz");
    byte[] gz = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(gz, gz.length - 100));
    Path bad = TestSupport.write(tmp.resolve("bad-data.yaml"), Files.readString(sweep)
        .replace(TestSupport.FASHION, data.toString()).replace("name: ops", "name: bad"));
    Path badOut = tmp.resolve("bad-out");
    Result truncated = main("run", bad.toString(), "--out", badOut.toString());
    assertEquals(2, truncated.code());
    assertTrue(truncated.err().contains(labels.toString()) && truncated.err().contains("truncated"),
        truncated.err());
    Files.write(labels, new byte[0]);
    Result empty = main("run", bad.toString(), "--out", badOut.toString());
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains(labels + ": only 0 bytes"), empty.err());
    // a data file over 2 GB (sparse): refused before anything is read
    Files.delete(data.resolve("train-images-idx3-ubyte.gz"));
    Path huge = data.resolve("train-images-idx3-ubyte");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.writeInt(0x803);
      f.writeInt(3_000_000);
      f.writeInt(28);
      f.writeInt(28);
      f.setLength(16L + 3_000_000L * 28 * 28);
    }
    Result tooLarge = main("run", bad.toString(), "--out", badOut.toString());
    assertEquals(2, tooLarge.code());
    assertTrue(tooLarge.err().contains(huge + ": holds 2352000016 bytes"), tooLarge.err());
    assertFalse(Files.exists(badOut));

    // a network too large for any executor
    Result model = main("run", sweep.toString(), "--out", badOut.toString(), "--set",
        "model.hidden_sizes=[65536, 65536]");
    assertEquals(2, model.code());
    assertTrue(model.err().contains("model: the linear model with hidden_sizes [65536, 65536] "
        + "on 28x28x1 images has 4,347,133,962 parameters"), model.err());
    // numbers YAML cannot read, overflowing widths, a bad --set: the key named
    for (String[] c : List.of(
        new String[] {"activation.interpolation=.nan", "activation.interpolation: expected a "
            + "finite number"},
        new String[] {"model.hidden_sizes=\"64,99999999999\"", "hidden_sizes: expected a whole "
            + "number of at most 2^31-1, found 99999999999"},
        new String[] {"analog.precision=0", "analog.precision: precision: must be"},
        new String[] {"analog.precision", "--set analog.precision: expected KEY=VALUE"})) {
      Result r = main("plan", sweep.toString(), "--set", c[0]);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
    Path nan = TestSupport.write(tmp.resolve("nan.yaml"), Files.readString(sweep)
        .replace("interpolation: [0, 1]", "interpolation: [0, .nan]"));
    Result nanInFile = main("plan", nan.toString());
    assertEquals(2, nanInFile.code());
    assertTrue(nanInFile.err().contains("nan.yaml: grid.interpolation[1]: expected a finite "
        + "number, found '.nan'"), nanInFile.err());
    Result trainWidths = main("train", "--data", TestSupport.FASHION, "--hidden-sizes",
        "64,99999999999");
    assertEquals(2, trainWidths.code());
    assertTrue(trainWidths.err().contains("--hidden-sizes: expected a whole number of at most "
        + "2^31-1, found 99999999999"), trainWidths.err());
    // --out under a regular file
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Result underFile = main("run", sweep.toString(), "--out", file.resolve("sub").toString());
    assertEquals(2, underFile.code());
    assertTrue(underFile.err().contains("a part of its path is a regular file"),
        underFile.err());
    // grid.data_path, listed as a grid key, works; --set reaches the grid
    Path gridData = TestSupport.write(tmp.resolve("grid-data.yaml"), "name: gd\n"
        + "grid:\n  data_path: [" + TestSupport.FASHION + "]\n  seed: [1]\n");
    assertEquals(0, main("plan", gridData.toString(), "--out", tmp.resolve("gd").toString())
        .code());
    Result seeds = main("plan", sweep.toString(), "--set", "~seeds", "--set",
        "grid.seed=[1,2,3]", "--out", tmp.resolve("gd").toString());
    assertEquals(0, seeds.code(), seeds.err());
    assertTrue(seeds.out().contains("6 tasks"), seeds.out());
  }

  @Test
  void helpExplainsFieldsAndExitCodes() {
    Result run = main("run", "--help");
    assertTrue(run.out().contains("Exit codes:") && run.out().contains("130"), run.out());
    assertTrue(run.out().contains("Examples:%n  analogsweep run ".formatted()), run.out());
    Result train = main("train", "--help");
    assertTrue(train.out().contains("--family=relu-gelu|relu-silu|reglu-geglu"), train.out());
    assertTrue(train.out().contains("error probability EP"), train.out());
    assertTrue(train.out().contains("Exit codes:"), train.out());
    assertTrue(train.out().contains("Examples:"), train.out());
  }

  /**
   * Help that fits: each command lists only the exit codes it can give, says each default once
   * ("(default 128) ... Default: 128." was said twice), and writes placeholders as N, X, DIR.
   */
  @Test
  void helpSaysEachThingOnce() {
    for (String command : List.of("plan", "status", "report", "compact", "bench")) {
      String help = main(command, "--help").out();
      assertTrue(help.contains("Exit codes:") && help.contains("Examples:"), help);
      assertFalse(help.contains("130") || help.contains("FAILED"), help);
    }
    String train = main("train", "--help").out();
    for (String twice : List.of("(default ", "; default", "=int", "=double", "=string",
        "=boolean")) {
      assertFalse(train.contains(twice), twice + " in\n" + train);
    }
    assertTrue(train.contains("--batch-size=N") && train.contains("--interpolation=X")
        && train.contains("--data, --data-path=DIR"), train);
    assertTrue(train.replaceAll("\\s+", " ").contains("mini-batch size. Range: [1, 2^20] "
        + "images. Default: the recipe's (analogsweep-1: 128)."), train);
  }

  /** The lock: a second run on the same folder is told which process holds it. */
  @Test
  void secondLockIsRefused() throws Exception {
    var folder = new OutputFolder(out.toString(), new Configuration());
    Files.createDirectories(out);
    folder.lock();
    try {
      var other = new OutputFolder(out.toString(), new Configuration());
      InvalidValueException e = assertThrows(InvalidValueException.class, other::lock);
      assertTrue(e.getMessage().contains("is in use by process " + ProcessHandle.current().pid()),
          e.getMessage());
    } finally {
      folder.close();
    }
    assertFalse(Files.exists(out.resolve("_lock")));
    assertTrue(Json.JSON.readTree("{}").isEmpty());
  }
}
