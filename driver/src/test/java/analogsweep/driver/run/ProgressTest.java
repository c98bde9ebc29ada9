package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.exec.TaskExecution;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.TaskResultLost$;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;
import scala.Tuple4;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The progress line fed with Spark's listener events as a driver would receive them, without a
 * cluster: only the training job group's stages count, running tasks' epochs come from the
 * accumulator in heartbeats, a finished task counts its planned epochs, killed attempts are no
 * failures.
 */
class ProgressTest {
  private static final int STAGE = 7;
  private static final int OTHER_STAGE = 8;

  private static <T> Seq<T> seq(List<T> items) {
    return CollectionConverters.asScala(items).toList();
  }

  private static StageInfo stage(int id, int tasks) {
    return new StageInfo(id, 0, "stage " + id, tasks, seq(List.of()), seq(List.of()), "", null,
        seq(List.of()), Option.empty(), 0, false, 0);
  }

  private static SparkListenerJobStart jobStart(int stage, int tasks, String group,
      long plannedEpochs) {
    Properties props = new Properties();
    props.setProperty("spark.jobGroup.id", group);
    props.setProperty(Progress.PLANNED_EPOCHS, String.valueOf(plannedEpochs));
    return new SparkListenerJobStart(stage, 0L, seq(List.of(stage(stage, tasks))), props);
  }

  private static TaskInfo task(long id) {
    return new TaskInfo(id, 0, 0, 0, 0L, "1", "host", null, false);
  }

  private static SparkListenerTaskEnd end(int stage, long task, TaskEndReason reason) {
    return new SparkListenerTaskEnd(stage, 0, "ResultTask", reason, task(task), null, null);
  }

  /** A heartbeat: task {@code task} of {@code stage} has finished {@code epochs} epochs. */
  private static SparkListenerExecutorMetricsUpdate heartbeat(int stage, long task, long epochs) {
    AccumulableInfo ours = new AccumulableInfo(1L, Option.apply(TaskExecution.EPOCHS),
        Option.apply(epochs), Option.empty(), false, false, Option.empty());
    AccumulableInfo other = new AccumulableInfo(2L, Option.apply("internal.metrics.x"),
        Option.apply(99L), Option.empty(), true, false, Option.empty());
    Tuple4<Object, Object, Object, Seq<AccumulableInfo>> update =
        new Tuple4<>(task, stage, 0, seq(List.of(other, ours)));
    return new SparkListenerExecutorMetricsUpdate("1", seq(List.of(update)),
        CollectionConverters.asScala(Map.<Tuple2<Object, Object>, ExecutorMetrics>of()));
  }

  private static Progress progress() {
    return new Progress("sweep", 10, 2,
        new ProgressPrinter(new PrintStream(new ByteArrayOutputStream()), false, 0));
  }

  @Test
  void countsOnlyTheTrainingStagesAndTheirEpochs() {
    Progress p = progress();
    p.planEpochs(40);
    p.onJobStart(jobStart(STAGE, 2, Progress.JOB_GROUP, 20)); // 10 planned epochs per task
    p.onJobStart(jobStart(OTHER_STAGE, 1, "parquet-write", 0));
    p.onTaskStart(new SparkListenerTaskStart(STAGE, 0, task(100)));
    p.onTaskStart(new SparkListenerTaskStart(STAGE, 0, task(101)));
    p.onTaskStart(new SparkListenerTaskStart(STAGE, 0, task(102)));
    p.onTaskStart(new SparkListenerTaskStart(OTHER_STAGE, 0, task(200)));
    p.onExecutorMetricsUpdate(heartbeat(STAGE, 100, 3));
    p.onExecutorMetricsUpdate(heartbeat(OTHER_STAGE, 200, 50));
    assertEquals(3, p.epochsDone(), "running task 100 has done 3");
    assertTrue(p.line().startsWith("[sweep] 2/10 done (2 stored), 0 failed, 0 diverged, "
        + "3 running, epochs 3/40, elapsed "), p.line());

    p.onTaskEnd(end(STAGE, 100, Success$.MODULE$));
    assertEquals(10, p.epochsDone(), "a finished task counts its 10 planned epochs");
    p.onTaskEnd(end(STAGE, 101, new TaskKilled("cancelled", seq(List.of()), seq(List.of()),
        seq(List.of()))));
    p.onTaskEnd(end(STAGE, 102, TaskResultLost$.MODULE$));
    p.onTaskEnd(end(OTHER_STAGE, 200, TaskResultLost$.MODULE$));
    assertEquals(1, p.taskFailures(), "the lost result; the killed attempt was a cancellation");
    p.stored(List.of("a", "b"), 1, 0);
    assertTrue(p.line().startsWith("[sweep] 4/10 done (4 stored), 1 failed, 0 diverged, "
        + "0 running, epochs 10/40, elapsed "), p.line());
    assertEquals(2, p.storedThisRun());
  }

  /** Epochs done never pass the plan, even where finished tasks' shares round up. */
  @Test
  void epochsDoneStayWithinThePlan() {
    Progress p = progress();
    p.planEpochs(5);
    p.onJobStart(jobStart(STAGE, 1, Progress.JOB_GROUP, 9));
    p.onTaskStart(new SparkListenerTaskStart(STAGE, 0, task(1)));
    p.onTaskEnd(end(STAGE, 1, Success$.MODULE$));
    assertEquals(5, p.epochsDone());
  }

  @Test
  void executorsJoinedAndLost() {
    Progress p = progress();
    p.onExecutorAdded(new SparkListenerExecutorAdded(0L, "1", null));
    p.onExecutorAdded(new SparkListenerExecutorAdded(0L, "2", null));
    p.onExecutorAdded(new SparkListenerExecutorAdded(0L, "1", null));
    p.onExecutorRemoved(new SparkListenerExecutorRemoved(0L, "2", "lost"));
    assertEquals(2, p.executorsSeen());
    assertEquals(1, p.executorsLost());
  }

  /** Before anything finishes the ETA is unknown. */
  @Test
  void etaUnknownBeforeAnyProgress() {
    assertTrue(progress().line().endsWith(", ETA ?"), progress().line());
  }

  @Test
  void durationsInTheLine() {
    assertEquals("0s", Progress.format(Duration.ofMillis(999)));
    assertEquals("59s", Progress.format(Duration.ofSeconds(59)));
    assertEquals("1m00s", Progress.format(Duration.ofSeconds(60)));
    assertEquals("59m59s", Progress.format(Duration.ofSeconds(3599)));
    assertEquals("1h00m", Progress.format(Duration.ofSeconds(3600)));
    assertEquals("26h03m", Progress.format(Duration.ofSeconds(26 * 3600 + 3 * 60 + 59)));
  }
}
