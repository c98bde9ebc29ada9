package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import analogsweep.driver.bench.Bench;
import analogsweep.driver.bench.ScaleBench;
import analogsweep.driver.bench.SchedulingBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code analogsweep bench}: the machine's figures for sweeps (see {@link Bench}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure, side by side in one run: the matmul peak, the linear model and the "
        + "ConvNet clean and with the analog chain (training and evaluation samples/s, FLOPs per "
        + "sample, fraction of the peak), the gain of packed training per pack size, and the "
        + "fixed cost per task of a sweep. Prints a table and writes JSON."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "fewer batches: about two minutes on 2 cores")
  boolean quick;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
      description = "cpu, gpu or gpuN (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
      description = "PyTorch threads (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--json", paramLabel = "FILE", defaultValue = "bench.json",
      description = "where the figures go (default: ${DEFAULT-VALUE})")
  Path json;

  @Option(names = "--sweep-tasks", paramLabel = "N", defaultValue = "24",
      description = "tiny tasks of the fixed-cost sweep, 0 to skip it (default: ${DEFAULT-VALUE})")
  int sweepTasks;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist",
      description = "data of the fixed-cost sweep (default: ${DEFAULT-VALUE})")
  String data;

  @Option(names = "--scheduling-slots", paramLabel = "N", defaultValue = "16",
      description = "local task slots of the scheduling benchmark (synthetic tasks that only "
          + "wait), 0 to skip it (default: ${DEFAULT-VALUE})")
  int schedulingSlots;

  @Option(names = "--skip-models", description = "leave out the models and packing")
  boolean skipModels;

  @Option(names = "--scale", paramLabel = "N", defaultValue = "0",
      description = "instead of the above: N synthetic grid points (a multiple of 4) through "
          + "the driver, scheduler and store, each step a JVM of its own: a run killed at half "
          + "its rows, the run resumed, status and report; prints tasks/s, driver heap, files "
          + "before and after compaction, plan, resume, status and report times")
  int scale;

  @Option(names = "--scale-slots", paramLabel = "N", defaultValue = "8",
      description = "local task slots of --scale (default: ${DEFAULT-VALUE})")
  int scaleSlots;

  @Option(names = "--scale-seconds", paramLabel = "S", defaultValue = "0.02",
      description = "seconds each synthetic task of --scale waits (default: ${DEFAULT-VALUE})")
  double scaleSeconds;

  @Option(names = "--scale-heap", paramLabel = "SIZE", defaultValue = "1g",
      description = "the driver's heap cap (-Xmx) under --scale (default: ${DEFAULT-VALUE})")
  String scaleHeap;

  @Option(names = "--scale-pack", paramLabel = "K", defaultValue = "1",
      description = "the run's --pack under --scale: K points a Spark job, to measure storing "
          + "and reading N rows with N / K jobs (default: ${DEFAULT-VALUE})")
  int scalePack;

  @Option(names = "--scale-dir", paramLabel = "DIR",
      description = "an empty or new folder for the sweep, its output and the logs of --scale "
          + "(default: a new temporary folder, kept)")
  Path scaleDir;

  @Option(names = "--scale-master", paramLabel = "URL",
      description = "the master of --scale's runs (default: local[--scale-slots]); for a "
          + "standalone cluster (deploy/start-cluster.sh) spark://127.0.0.1:7077, with "
          + "--scale-jar")
  String scaleMaster;

  @Option(names = "--scale-jar", paramLabel = "JAR",
      description = "the application jar a --scale-master cluster's executors load "
          + "(driver/target/analogsweep-dist.jar, which deploy/start-cluster.sh builds)")
  Path scaleJar;

  @Option(names = "--duckdb", paramLabel = "JAR",
      description = "DuckDB's JDBC jar for the checks of --scale (default: the one Maven "
          + "fetched for the tests, if any; without one, this project's Parquet reader checks)")
  Path duckdb;

  @Override
  public Integer call() throws Exception {
    Bench bench = new Bench(new Bench.Settings(quick, device, threads), System.out);
    if (scale != 0) {
      if (!scaleHeap.matches("[0-9]+[kmgKMG]?")) {
        throw new InvalidValueException("--scale-heap", "expected a heap size such as 1g or "
            + "768m, found \"" + scaleHeap + "\"");
      }
      Path dir = scaleDir != null ? scaleDir : Files.createTempDirectory("analogsweep-scale");
      bench.put("scale", ScaleBench.measure(new ScaleBench.Settings(scale, scaleSlots,
          scaleSeconds, scaleHeap, dir, data, scalePack, duckdb != null ? duckdb
          : ScaleBench.localDuckdbJar(), scaleMaster, scaleJar), System.out));
      bench.write(json);
      System.out.println("figures: " + json + "; the sweep, its output and logs: " + dir);
      return 0;
    }
    if (!skipModels) {
      bench.models();
    }
    if (schedulingSlots > 0) {
      try (var spark = Sessions.start("analogsweep bench scheduling",
          "local[" + schedulingSlots + "]", List.of())) {
        bench.put("scheduling", SchedulingBench.measure(spark, quick ? 200 : 400, 1.1, 20,
            quick ? 0.5 : 1.0, System.out));
      }
    }
    if (sweepTasks > 0 && Files.isDirectory(Path.of(data))) {
      try (var spark = Sessions.start("analogsweep bench", null, List.of())) {
        bench.sweepCost(Bench.sweepCost(spark, data, sweepTasks, System.out));
      }
    }
    bench.write(json);
    System.out.println("figures: " + json);
    return 0;
  }
}
