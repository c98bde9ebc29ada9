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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests on a real standalone cluster (separate master, worker and executor JVMs) started
 * with deploy/start-cluster.sh, the driver submitted with deploy/submit.sh. Tagged "cluster":
 * {@code mvn -Pdist -DskipTests install && mvn -Dtest.groups=cluster -pl driver verify}.
 */
@Tag("cluster")
class ClusterFaultTest {
  static final Path ROOT = Path.of(System.getProperty("analogsweep.projectDir", ".."));

  @TempDir
  Path tmp;

  private Path state;

  Map<String, String> env() {
    return Map.of("ANALOGSWEEP_CLUSTER_DIR", state.toString(), "MASTER_PORT", "7177",
        "MASTER_WEBUI_PORT", "8191");
  }

  Process script(Path log, Map<String, String> extraEnv, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash"));
    cmd.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env());
    pb.environment().putAll(extraEnv);
    return pb.start();
  }

  int runScript(String name, Map<String, String> extraEnv, String... command) throws Exception {
    Path log = tmp.resolve(name + ".log");
    Process p = script(log, extraEnv, command);
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), name + " timed out");
    return p.exitValue();
  }

  @BeforeEach
  void needs() {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    assumeTrue(Files.exists(ROOT.resolve("driver/target/analogsweep-dist.jar")),
        "build the application jar first: mvn -Pdist -DskipTests install");
    state = tmp.resolve("cluster");
  }

  @AfterEach
  void stop() throws Exception {
    runScript("stop", Map.of(), "deploy/stop-cluster.sh");
  }

  Path sweep(String name, int tasksPerSeed) throws IOException {
    return TestSupport.write(tmp.resolve(name + ".yaml"), "name: " + name + "\n"
        + "data:\n  path: " + TestSupport.FASHION + "\n  train_limit: 3000\n  test_limit: 500\n"
        + "model:\n  hidden_sizes: [64]\n"
        + "analog:\n  precision: 16\n"
        + "training:\n  max_epochs: 2\n  batch_size: 50\n  early_stopping: false\n"
        + "seeds: [1, 2]\n"
        + "grid:\n  interpolation: " + (tasksPerSeed == 4 ? "[0, 1]" : "[0, 0.5, 1]") + "\n"
        + "  error_probability: [0, 0.5]\n");
  }

  static int waves(Path out) throws IOException {
    Path runs = out.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(runs)) {
      return (int) s.filter(p -> p.getFileName().toString().startsWith("wave=")).count();
    }
  }

  static void awaitWaves(Path out, int n, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (waves(out) < n && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(p.isAlive() && waves(out) >= n, "the sweep did not reach wave " + n);
  }

  static List<Object> counts(Path out) throws Exception {
    return TestSupport.duckdb("SELECT count(*), count(DISTINCT task_id), count(DISTINCT "
        + "executor_id), max(task_attempt) FROM " + TestSupport.parquet(out, "runs")).get(0)
        .stream().map(o -> (Object) ((Number) o).longValue()).toList();
  }

  static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
  }

  static JsonNode lastSession(Path out) throws IOException {
    JsonNode sessions = Json.JSON.readTree(out.resolve("manifest.json").toFile()).get("sessions");
    return sessions.get(sessions.size() - 1);
  }

  @Test
  void workerKilledMidSweepStillStoresEveryTaskOnce() throws Exception {
    assertEquals(0, runScript("start", Map.of(), "deploy/start-cluster.sh", "2", "1", "3g"));
    // the master, the workers and their web UIs listen on 127.0.0.1 only
    List<String> sockets = new ArrayList<>();
    for (String daemon : List.of("master", "worker-1", "worker-2")) {
      sockets.addAll(LoopbackTest.listening(Files.readString(state.resolve("pids/" + daemon
          + ".pid")).trim()));
    }
    assertTrue(sockets.size() >= 6, "RPC and web UI of 3 daemons: " + sockets);
    LoopbackTest.assertLoopback(sockets);
    Path file = sweep("worker-kill", 6);
    Path out = tmp.resolve("out-worker-kill");
    int planned = SweepFile.read(file).size();
    long t0 = System.nanoTime();
    Process submit = script(tmp.resolve("submit.log"), Map.of("SUBMIT_OPTS",
        "--conf spark.task.maxFailures=4"), "deploy/submit.sh", "run", file.toString(), "--out",
        out.toString(), "--no-report", "--progress-seconds", "5");
    awaitWaves(out, 1, submit);
    long workerPid = Long.parseLong(Files.readString(state.resolve("pids/worker-2.pid")).trim());
    // the worker and the executor it launched share the worker's process group
    new ProcessBuilder("kill", "-KILL", "--", "-" + workerPid).start().waitFor();
    assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "sweep finished");
    double seconds = (System.nanoTime() - t0) / 1e9;
    String log = Files.readString(tmp.resolve("submit.log"));
    assertEquals(0, submit.exitValue(), log);
    List<Object> c = counts(out);
    assertEquals(List.of((long) planned, (long) planned), c.subList(0, 2), "each task once");
    JsonNode session = lastSession(out);
    assertTrue(session.get("executors_lost").asInt() >= 1, session.toString());
    System.out.printf("worker kill: %d tasks, %d failed attempts retried by Spark, %d executor(s) "
        + "lost, %d executors used, wall %.0f s%n", planned, session.get("task_failures").asInt(),
        session.get("executors_lost").asInt(), (Long) c.get(2), seconds);
  }

  @Test
  void driverKilledAndResubmittedTrainsOnlyWhatIsMissing() throws Exception {
    assertEquals(0, runScript("start", Map.of(), "deploy/start-cluster.sh", "2", "1", "3g"));
    Path file = sweep("driver-kill", 6);
    Path out = tmp.resolve("out-driver-kill");
    int planned = SweepFile.read(file).size();
    long t0 = System.nanoTime();
    Process first = script(tmp.resolve("first.log"), Map.of(), "deploy/submit.sh", "run",
        file.toString(), "--out", out.toString(), "--no-report", "--wave-size", "1");
    awaitWaves(out, 3, first);
    kill(first);
    int storedBefore = (int) (long) (Long) counts(out).get(1);
    assertTrue(storedBefore >= 3 && storedBefore < planned, "stored " + storedBefore);
    assertEquals(0, runScript("second", Map.of(), "deploy/submit.sh", "run", file.toString(),
        "--out", out.toString(), "--no-report"), () -> read(tmp.resolve("second.log")));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(List.of((long) planned, (long) planned), counts(out).subList(0, 2));
    JsonNode session = lastSession(out);
    assertEquals(storedBefore, session.get("done_at_start").asInt());
    assertEquals(planned - storedBefore, session.get("trained").asInt());
    System.out.printf("driver kill: %d tasks, %d stored before the kill, %d trained after "
        + "resubmitting, %d failed attempts, %d executor(s) lost in the second run, wall %.0f s%n",
        planned, storedBefore, session.get("trained").asInt(),
        session.get("task_failures").asInt(), session.get("executors_lost").asInt(), seconds);
  }

  @Test
  void assignedGpuAddressReachesTheWorker() throws Exception {
    Map<String, String> gpus = Map.of("GPUS_PER_WORKER", "2", "GPU_DISCOVERY_SCRIPT",
        ROOT.resolve("deploy/fake-gpu-discovery.sh").toAbsolutePath().toString());
    assertEquals(0, runScript("start", gpus, "deploy/start-cluster.sh", "1", "2", "3g"));
    Map<String, String> request = Map.of("SUBMIT_OPTS", "--conf spark.executor.cores=2 "
        + "--conf spark.executor.resource.gpu.amount=2 --conf spark.task.resource.gpu.amount=1");
    Path file = sweep("gpu", 4);

    Path fallback = tmp.resolve("out-gpu-fallback");
    assertEquals(0, runScript("fallback", request, "deploy/submit.sh", "run", file.toString(),
        "--out", fallback.toString(), "--no-report", "--gpu-fallback", "cpu"),
        () -> read(tmp.resolve("fallback.log")));
    List<List<Object>> rows = TestSupport.duckdb("SELECT gpu_address, device, status, count(*) "
        + "FROM " + TestSupport.parquet(fallback, "runs") + " GROUP BY ALL ORDER BY 1");
    for (List<Object> r : rows) {
      assertTrue(List.of("0", "1").contains(r.get(0)), rows.toString());
      assertEquals("cpu()", r.get(1));
      assertEquals("OK", r.get(2));
    }
    System.out.println("fake GPUs, --gpu-fallback cpu: (gpu_address, device, status, tasks) "
        + rows);

    Path strict = tmp.resolve("out-gpu-strict");
    assertEquals(4, runScript("strict", request, "deploy/submit.sh", "run", file.toString(),
        "--out", strict.toString(), "--no-report"), () -> read(tmp.resolve("strict.log")));
    List<List<Object>> failed = TestSupport.duckdb("SELECT gpu_address, status, message FROM "
        + TestSupport.parquet(strict, "runs") + " ORDER BY 1");
    assertEquals(8, failed.size());
    for (List<Object> r : failed) {
      assertEquals("FAILED", r.get(1));
      assertTrue(r.get(2).toString().contains("Spark assigned GPU address " + r.get(0)),
          r.get(2).toString());
      assertTrue(r.get(2).toString().contains("PyTorch sees 0 GPU(s)"), r.get(2).toString());
    }
    System.out.println("fake GPUs, default: " + failed.get(0).get(2));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
