package analogsweep.driver;

import analogsweep.driver.bench.Bench;
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

  @Override
  public Integer call() throws Exception {
    Bench bench = new Bench(new Bench.Settings(quick, device, threads), System.out);
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
