package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.common.Json;
import analogsweep.sweep.SweepFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the driver process (SIGKILL) part-way through a sweep, runs the same command again, and
 * checks that every planned task id is stored exactly once and that the second run trained only
 * the tasks the first had not stored.
 */
class KillAndResumeTest {
  @TempDir
  Path tmp;

  /** Whether this process ignores SIGINT (bit 1 of SigIgn in /proc/self/status), as a child does. */
  static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2L) != 0;
      }
    }
    return false;
  }

  static Process driver(Path sweep, Path out, Path log) throws Exception {
    return driver(sweep, out, log, "0");
  }

  static Process driver(Path sweep, Path out, Path log, String progressSeconds) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx3g");
    for (String opt : System.getProperty("analogsweep.jvmOpens", "").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("analogsweep.driver.Main");
    cmd.addAll(List.of("run", sweep.toString(), "--out", out.toString(), "--master", "local[2]",
        "--wave-size", "1", "--waves-in-flight", "2", "--no-report", "--progress-seconds",
        progressSeconds));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // as the launcher sets it
    return pb.start();
  }

  static int storedWaves(Path out) throws Exception {
    Path runs = out.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(runs)) {
      return (int) s.filter(p -> p.getFileName().toString().startsWith("wave=")).count();
    }
  }

  @Test
  void killedDriverResumesAndTrainsOnlyWhatIsMissing() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path sweep = TestSupport.tinySweep(tmp, "resume");
    Path out = tmp.resolve("out");
    List<String> planned = SweepFile.read(sweep).taskIds();

    Process first = driver(sweep, out, tmp.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (storedWaves(out) < 3 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(first.isAlive(), "the first run ended before it could be killed: "
        + Files.readString(tmp.resolve("first.log")));
    first.destroyForcibly().waitFor();
    int storedBefore = (int) (long) (Long) TestSupport.duckdb("SELECT count(DISTINCT task_id) "
        + "FROM " + TestSupport.parquet(out, "runs")).get(0).get(0);
    assertTrue(storedBefore >= 3 && storedBefore < planned.size(), "stored " + storedBefore);
    assertTrue(Files.exists(out.resolve("_lock")), "the killed driver left its lock");

    Process second = driver(sweep, out, tmp.resolve("second.log"));
    assertTrue(second.waitFor(6, TimeUnit.MINUTES), "second run finished");
    String log = Files.readString(tmp.resolve("second.log"));
    assertEquals(0, second.exitValue(), log);

    List<Object> counts = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id) FROM "
        + TestSupport.parquet(out, "runs")).get(0);
    assertEquals(List.of((long) planned.size(), (long) planned.size()),
        counts.stream().map(o -> ((Number) o).longValue()).toList(), "each task exactly once");
    List<String> ids = TestSupport.duckdb("SELECT task_id FROM " + TestSupport.parquet(out,
        "runs") + " ORDER BY task_id").stream().map(r -> (String) r.get(0)).toList();
    assertEquals(planned.stream().sorted().toList(), ids);
    // No epochs of a task that was stored twice or of a wave that never committed.
    List<Object> orphans = TestSupport.duckdb("SELECT count(*) FROM " + TestSupport.parquet(out,
        "epochs") + " e ANTI JOIN " + TestSupport.parquet(out, "runs") + " r ON e.task_id = "
        + "r.task_id AND e.wave = r.wave").get(0);
    assertEquals(0L, ((Number) orphans.get(0)).longValue());

    JsonNode sessions = Json.JSON.readTree(out.resolve("manifest.json").toFile()).get("sessions");
    assertEquals(2, sessions.size());
    JsonNode resumed = sessions.get(1);
    assertEquals(storedBefore, resumed.get("done_at_start").asInt());
    assertEquals(planned.size() - storedBefore, resumed.get("pending_at_start").asInt());
    assertEquals(planned.size() - storedBefore, resumed.get("trained").asInt(),
        "the second run trained only the missing tasks");
    assertTrue(!Files.exists(out.resolve("_lock")) && !Files.exists(out.resolve("_staging")));
    System.out.printf("kill-and-resume: %d planned, %d stored before the kill, %d trained by "
        + "the second run%n", planned.size(), storedBefore, resumed.get("trained").asInt());
  }

  /**
   * SIGTERM, then SIGINT, part-way through: each ends the driver with one line, its exit code
   * (143, 130), no stack trace and no lock left; the same command then completes the sweep with
   * every task id stored once, and a normal run prints no warning.
   */
  @Test
  void signalsEndWithOneLineAndTheSweepResumes() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    // tasks of a few seconds each, and 16 of them, so that each signal comes while tasks still
    // run and others wait
    Path tiny = TestSupport.tinySweep(tmp, "signals", 4000, 4);
    Path sweep = TestSupport.write(tiny, Files.readString(tiny).replace("seeds: [1, 2]",
        "seeds: [1, 2, 3, 4]"));
    Path out = tmp.resolve("out");
    List<String> planned = SweepFile.read(sweep).taskIds();
    int[] expected = {143, 130};
    String[] signal = {"TERM", "INT"};
    // a JVM started with SIGINT ignored (a job put in the background by a shell) cannot catch
    // it, and its children inherit that: there, only SIGTERM can be tested
    int signals = sigintIgnored() ? 1 : 2;
    if (signals == 1) {
      System.out.println("SIGINT is ignored in this process (started in the background?): "
          + "testing SIGTERM only");
    }
    for (int k = 0; k < signals; k++) {
      Path log = tmp.resolve("signal-" + k + ".log");
      int before = storedWaves(out);
      Process p = driver(sweep, out, log);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      // part-way through: once this run has stored a wave of its own
      while (storedWaves(out) <= before && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(p.isAlive(), Files.readString(log));
      new ProcessBuilder("kill", "-" + signal[k], String.valueOf(p.pid())).start().waitFor();
      assertTrue(p.waitFor(2, TimeUnit.MINUTES), "ended after SIG" + signal[k]);
      String text = Files.readString(log);
      assertEquals(expected[k], p.exitValue(), text);
      List<String> lines = text.lines().toList();
      String last = lines.get(lines.size() - 1);
      assertTrue(last.matches("interrupted: \\d+ of 16 stored; run the same command to resume"),
          text);
      assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")
          || l.contains(" WARN ") || l.contains(" ERROR ")), text);
      assertTrue(!Files.exists(out.resolve("_lock")), "lock released");
      System.out.printf("SIG%s -> exit %d: %s%n", signal[k], p.exitValue(), last);
    }
    Path log = tmp.resolve("final.log");
    Process last = driver(sweep, out, log, "60");
    assertTrue(last.waitFor(6, TimeUnit.MINUTES));
    String text = Files.readString(log);
    assertEquals(0, last.exitValue(), text);
    assertTrue(text.lines().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")), text);
    List<Object> counts = TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id) FROM "
        + TestSupport.parquet(out, "runs")).get(0);
    assertEquals(List.of((long) planned.size(), (long) planned.size()),
        counts.stream().map(o -> ((Number) o).longValue()).toList(), "each task exactly once");
  }
}
