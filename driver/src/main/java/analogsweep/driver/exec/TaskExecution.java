package analogsweep.driver.exec;

import ai.djl.Device;
import analogsweep.cli.Devices;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.grid.GridPoint;
import analogsweep.train.EpochListener;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.TaskResult;
import analogsweep.train.TrainingJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs on an executor: trains one job (one or more grid points) on the GPU Spark assigned to the
 * task (task resource "gpu"), else on the CPU, with as many PyTorch threads as
 * {@code spark.task.cpus}, and returns one outcome per point. An assigned GPU that PyTorch cannot
 * see gives FAILED rows naming the address, not a silent CPU run, unless the sweep was started
 * with {@code --gpu-fallback cpu}. Data given as a Hadoop URI (hdfs://, s3a://) is copied to the
 * node once per JVM first ({@link DataLocalizer}).
 */
public final class TaskExecution implements Function<TrainingJob, List<TaskOutcome>> {
  private static final long serialVersionUID = 1L;
  /** The accumulator's name; a listener on the driver finds running tasks' epochs by it. */
  public static final String EPOCHS = "analogsweep.epochs";
  private final boolean cpuFallback;
  private final LongAccumulator epochs;
  private final SyntheticTasks synthetic;

  /**
   * {@code epochs} (may be null) counts finished epochs as tasks run; {@code synthetic} (may be
   * null) replaces training by waits of random length, for scheduling benchmarks.
   */
  public TaskExecution(boolean cpuFallback, LongAccumulator epochs, SyntheticTasks synthetic) {
    this.cpuFallback = cpuFallback;
    this.epochs = epochs;
    this.synthetic = synthetic;
  }

  @Override
  public List<TaskOutcome> call(TrainingJob job) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    TaskContext tc = TaskContext.get();
    int threads = tc == null ? 1 : Math.max(1, tc.cpus());
    String executor = SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
    int attempt = tc == null ? 0 : tc.attemptNumber();
    String gpu = null;
    if (tc != null) {
      Map<String, ResourceInformation> resources = tc.resourcesJMap();
      ResourceInformation info = resources.get("gpu");
      if (info != null && info.addresses().length > 0) {
        gpu = info.addresses()[0];
      }
    }
    Device device;
    try {
      device = gpu == null ? Device.cpu() : Devices.parse("gpu" + gpu.trim());
    } catch (RuntimeException e) {
      if (!cpuFallback) {
        RuntimeException why = new IllegalStateException("Spark assigned GPU address " + gpu
            + " to this task on executor " + executor + ", but "
            + e.getMessage().replaceFirst("^device: ", ""));
        return failedAll(job, why, Device.cpu(), threads, executor, attempt, gpu);
      }
      device = Device.cpu();
    }
    String path = job.points().get(0).data().path();
    EpochListener listener = epochs == null ? EpochListener.NONE : (id, epoch) -> epochs.add(1);
    List<TaskResult> results;
    if (synthetic != null) {
      results = synthetic.run(job, listener);
    } else if (!DataLocalizer.isUri(path)) {
      results = GridPointTrainer.train(job, device, threads, listener);
    } else {
      long t0 = System.nanoTime();
      Dataset data;
      try {
        data = DatasetCache.get(DataLocalizer.localize(path, hadoopConf()),
            job.points().get(0).data().grayscale());
      } catch (RuntimeException | OutOfMemoryError e) {
        return failedAll(job, e, device, threads, executor, attempt, gpu);
      }
      results = GridPointTrainer.train(job, data, device, threads,
          (System.nanoTime() - t0) / 1_000_000, listener);
    }
    List<TaskOutcome> outcomes = new ArrayList<>();
    for (TaskResult r : results) {
      outcomes.add(new TaskOutcome(r, executor, attempt, gpu));
    }
    return outcomes;
  }

  private static List<TaskOutcome> failedAll(TrainingJob job, Throwable why, Device device,
      int threads, String executor, int attempt, String gpu) {
    List<TaskOutcome> out = new ArrayList<>();
    for (GridPoint p : job.points()) {
      out.add(new TaskOutcome(GridPointTrainer.failed(p, why, Instant.now().toString(), device,
          threads, 0), executor, attempt, gpu));
    }
    return out;
  }

  /** The executor's Hadoop configuration, with the job's spark.hadoop.* settings. */
  private static Configuration hadoopConf() {
    SparkEnv env = SparkEnv.get();
    return env == null ? new Configuration()
        : SparkHadoopUtil.get().newConfiguration(env.conf());
  }
}
