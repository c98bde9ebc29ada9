package analogsweep.driver;

import ai.djl.Device;
import analogsweep.cli.Devices;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.grid.GridPoint;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.TaskResult;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;

/**
 * Runs on an executor: trains one grid point on the GPU Spark assigned to the task (task resource
 * "gpu"), else on the CPU, with as many PyTorch threads as {@code spark.task.cpus}. An assigned
 * GPU that PyTorch cannot see gives a FAILED row naming the address, not a silent CPU run, unless
 * the sweep was started with {@code --gpu-fallback cpu}. Data given as a Hadoop URI (hdfs://,
 * s3a://) is copied to the node once per JVM first ({@link DataLocalizer}).
 */
final class TaskExecution implements Function<GridPoint, TaskOutcome> {
  private static final long serialVersionUID = 1L;
  private final boolean cpuFallback;

  TaskExecution(boolean cpuFallback) {
    this.cpuFallback = cpuFallback;
  }

  @Override
  public TaskOutcome call(GridPoint point) {
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
        TaskResult failed = GridPointTrainer.failed(point, new IllegalStateException(
            "Spark assigned GPU address " + gpu + " to this task on executor " + executor
                + ", but " + e.getMessage().replaceFirst("^device: ", "")),
            Instant.now().toString(), Device.cpu(), threads, 0);
        return new TaskOutcome(failed, executor, attempt, gpu);
      }
      device = Device.cpu();
    }
    if (!DataLocalizer.isUri(point.dataPath())) {
      return new TaskOutcome(GridPointTrainer.train(point, device, threads), executor, attempt,
          gpu);
    }
    long t0 = System.nanoTime();
    Dataset data;
    try {
      data = DatasetCache.get(DataLocalizer.localize(point.dataPath(), hadoopConf()),
          point.grayscale());
    } catch (RuntimeException e) {
      return new TaskOutcome(GridPointTrainer.failed(point, e, Instant.now().toString(), device,
          threads, 0), executor, attempt, gpu);
    }
    return new TaskOutcome(GridPointTrainer.train(point, data, device, threads,
        (System.nanoTime() - t0) / 1_000_000), executor, attempt, gpu);
  }

  /** The executor's Hadoop configuration, with the job's spark.hadoop.* settings. */
  private static org.apache.hadoop.conf.Configuration hadoopConf() {
    SparkEnv env = SparkEnv.get();
    return env == null ? new org.apache.hadoop.conf.Configuration()
        : org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(env.conf());
  }
}
