package analogsweep.driver.run;

import analogsweep.driver.exec.TaskExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.spark.Success$;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The console line of a running sweep: tasks done/total, failed, diverged, running, epochs done
 * of epochs planned, elapsed and ETA. Task starts and ends come from a Spark listener; epochs of
 * running tasks from an accumulator that tasks add to after each epoch, read from the executors'
 * heartbeats, so the line moves (and the ETA is known) while the first tasks still train; failed
 * and diverged counts come from the results as they are stored. A finished task counts all its
 * planned epochs as done (an early stop makes the rest unnecessary).
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
  /** Local property of a training job: the epochs its tasks plan, together. */
  static final String PLANNED_EPOCHS = "analogsweep.planned.epochs";
  private final Map<Integer, Double> plannedPerTask = new ConcurrentHashMap<>();
  private final Map<Long, Long> runningEpochs = new ConcurrentHashMap<>();
  private final DoubleAdder finishedPlanned = new DoubleAdder();
  private volatile long epochsPlanned;
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    if (start.properties() != null
        && JOB_GROUP.equals(start.properties().getProperty("spark.jobGroup.id"))) {
      double planned = Double.parseDouble(start.properties().getProperty(PLANNED_EPOCHS, "0"));
      for (StageInfo stage : CollectionConverters.asJava(start.stageInfos())) {
        stages.add(stage.stageId());
        plannedPerTask.put(stage.stageId(), planned / Math.max(1, stage.numTasks()));
      }
    }
  }

  /** The accumulator tasks add their finished epochs to, registered with Spark. */
  LongAccumulator epochAccumulator(JavaSparkContext jsc) {
    return jsc.sc().longAccumulator(TaskExecution.EPOCHS);
  }

  /** Sets the epochs the pending tasks plan, in all. */
  void planEpochs(long epochs) {
    epochsPlanned = epochs;
  }

  /** Running tasks' epochs, from the accumulator values in executors' heartbeats. */
  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (var t : CollectionConverters.asJava(update.accumUpdates())) {
      if (!stages.contains((Integer) t._2())) {
        continue;
      }
      Long epochs = epochs(CollectionConverters.asJava(t._4()));
      if (epochs != null) {
        runningEpochs.put((Long) t._1(), epochs);
      }
    }
  }

  /** This project's accumulator among a task's accumulables, or null. */
  private static Long epochs(List<AccumulableInfo> infos) {
    for (AccumulableInfo info : infos) {
      if (info.name().isDefined()
          && TaskExecution.EPOCHS.equals(info.name().get())
          && info.update().isDefined()) {
        return ((Number) info.update().get()).longValue();
      }
    }
    return null;
  }

  private final AtomicInteger taskFailures = new AtomicInteger();
  private final AtomicInteger executorsLost = new AtomicInteger();
  private final Set<String> executors = ConcurrentHashMap.newKeySet();

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
    runningEpochs.remove(end.taskInfo().taskId());
    if (end.reason() == Success$.MODULE$) {
      finished.incrementAndGet();
      finishedPlanned.add(plannedPerTask.getOrDefault(end.stageId(), 0.0));
    } else if (!(end.reason() instanceof TaskKilled)) {
      // killed attempts are cancellations (an interrupted run), not failures Spark retried
      taskFailures.incrementAndGet();
    }
  }

  void stored(List<?> outcomes, int failedTasks, int divergedTasks) {
    stored += outcomes.size();
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

  /** Epochs done: finished tasks' planned epochs and running tasks' finished ones. */
  long epochsDone() {
    long inFlight = 0;
    for (long e : runningEpochs.values()) {
      inFlight += e;
    }
    return Math.min(epochsPlanned, Math.round(finishedPlanned.sum()) + inFlight);
  }

  String line() {
    int done = Math.min(total - doneAtStart, Math.max(finished.get(), stored));
    long elapsed = System.nanoTime() - startNanos;
    long epochs = epochsDone();
    String eta;
    if (epochsPlanned > 0 && epochs > 0) {
      eta = format(Duration.ofNanos((long) (elapsed * (double) (epochsPlanned - epochs)
          / epochs)));
    } else {
      int remaining = total - doneAtStart - done;
      eta = done == 0 ? "?" : format(Duration.ofNanos(elapsed / done * remaining));
    }
    return String.format("[%s] %d/%d done (%d stored), %d failed, %d diverged, %d running, "
        + "epochs %d/%d, elapsed %s, ETA %s", name, doneAtStart + done, total,
        doneAtStart + stored, failed, diverged, Math.max(0, running.get()), epochs,
        epochsPlanned, format(Duration.ofNanos(elapsed)), eta);
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
