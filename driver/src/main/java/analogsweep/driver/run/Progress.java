package analogsweep.driver.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The console line of a running sweep: done/total, failed, diverged, running, elapsed and ETA.
 * Task starts and ends come from a Spark listener (so the line moves between waves); failed and
 * diverged counts come from the results as waves are written.
 */
public final class Progress extends SparkListener {
  private final String name;
  private final int total;
  private final int doneAtStart;
  private final ProgressPrinter out;
  private final long startNanos = System.nanoTime();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private volatile int failed;
  private volatile int diverged;
  private volatile int stored;

  Progress(String name, int total, int doneAtStart, ProgressPrinter out) {
    this.name = name;
    this.total = total;
    this.doneAtStart = doneAtStart;
    this.out = out;
  }

  /** The Spark job group of the training jobs; other jobs (Parquet writes) are not counted. */
  public static final String JOB_GROUP = "analogsweep-train";
  private final java.util.Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    if (start.properties() != null
        && JOB_GROUP.equals(start.properties().getProperty("spark.jobGroup.id"))) {
      for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
        stages.add((Integer) id);
      }
    }
  }

  private final AtomicInteger taskFailures = new AtomicInteger();
  private final AtomicInteger executorsLost = new AtomicInteger();
  private final java.util.Set<String> executors =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void onExecutorAdded(SparkListenerExecutorAdded added) {
    executors.add(added.executorId());
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    executorsLost.incrementAndGet();
  }

  /** Failed task attempts of the training jobs (lost executors): Spark retried them. */
  int taskFailures() {
    return taskFailures.get();
  }

  /** Executors removed while the sweep ran (lost, killed or released). */
  int executorsLost() {
    return executorsLost.get();
  }

  /** Executors that joined while the sweep ran. */
  int executorsSeen() {
    return executors.size();
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    if (stages.contains(start.stageId())) {
      running.incrementAndGet();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (!stages.contains(end.stageId())) {
      return;
    }
    running.decrementAndGet();
    if (end.reason() == Success$.MODULE$) {
      finished.incrementAndGet();
    } else if (!(end.reason() instanceof org.apache.spark.TaskKilled)) {
      // killed attempts are cancellations (an interrupted run), not failures Spark retried
      taskFailures.incrementAndGet();
    }
  }

  void stored(int tasks, int failedTasks, int divergedTasks) {
    stored += tasks;
    failed += failedTasks;
    diverged += divergedTasks;
  }

  int storedThisRun() {
    return stored;
  }

  int failed() {
    return failed;
  }

  int diverged() {
    return diverged;
  }

  String line() {
    int done = Math.min(total - doneAtStart, Math.max(finished.get(), stored));
    long elapsed = System.nanoTime() - startNanos;
    int remaining = total - doneAtStart - done;
    String eta = done == 0 ? "?" : format(Duration.ofNanos(elapsed / done * remaining));
    return String.format("[%s] %d/%d done (%d stored), %d failed, %d diverged, %d running, "
        + "elapsed %s, ETA %s", name, doneAtStart + done, total, doneAtStart + stored, failed,
        diverged, Math.max(0, running.get()), format(Duration.ofNanos(elapsed)), eta);
  }

  void print() {
    out.update(line());
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
