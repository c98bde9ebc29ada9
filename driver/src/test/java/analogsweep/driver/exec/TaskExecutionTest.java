package analogsweep.driver.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import analogsweep.grid.GridPoint;
import analogsweep.train.Status;
import analogsweep.train.TrainingJob;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * A task's execution called directly, outside a Spark task (no task context: one thread, attempt
 * 0, no GPU): one outcome per point of the job, epochs counted, data that cannot be reached
 * turned into FAILED rows.
 */
class TaskExecutionTest {
  /** Outside an executor there is no executor id; a driver in this JVM has its own. */
  private static String executor() {
    return SparkEnv.get() == null ? "unknown" : SparkEnv.get().executorId();
  }

  private static GridPoint.Builder point(String data) {
    return GridPoint.builder().set("data_path", data).set("max_epochs", 3);
  }

  @Test
  void aSyntheticPackGivesOneOkOutcomePerPointAndCountsEveryEpoch() {
    TrainingJob pack = new TrainingJob(List.of(point("(synthetic)").set("seed", 1).build(),
        point("(synthetic)").set("seed", 2).build()));
    LongAccumulator epochs = new LongAccumulator();
    List<TaskOutcome> out = new TaskExecution(false, epochs, new SyntheticTasks(0.001))
        .call(pack);
    assertEquals(2, out.size());
    for (int k = 0; k < 2; k++) {
      TaskOutcome o = out.get(k);
      assertEquals(pack.points().get(k).taskId(), o.result().taskId());
      assertEquals(Status.OK, o.result().status());
      assertEquals(3, o.result().epochs());
      assertEquals(executor(), o.executorId());
      assertEquals(0, o.attempt());
      assertNull(o.gpuAddress());
    }
    assertEquals(6, epochs.value(), "3 epochs of 2 points");
  }

  @Test
  void dataThatCannotBeCopiedFailsEveryPointOfTheJob() {
    String uri = "file:///analogsweep-test-no-such-folder/data";
    GridPoint p = point(uri).build();
    List<TaskOutcome> out = new TaskExecution(false, null, null).call(TrainingJob.of(p));
    assertEquals(1, out.size());
    assertEquals(Status.FAILED, out.get(0).result().status());
    assertEquals("DataFormatException: " + uri + ": no such folder",
        out.get(0).result().message());
    assertEquals(p.taskId(), out.get(0).result().taskId());
    assertEquals(executor(), out.get(0).executorId());
  }
}
