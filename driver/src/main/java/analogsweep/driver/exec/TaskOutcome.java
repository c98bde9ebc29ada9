package analogsweep.driver.exec;

import analogsweep.grid.GridPoint;
import analogsweep.train.TaskResult;
import java.io.Serializable;

/**
 * A worker result plus where Spark ran it: executor, attempt and the GPU address it assigned;
 * and, for a grid point that shares another's training, that point's task id (null where the
 * result is the point's own training).
 */
public record TaskOutcome(
    TaskResult result, String executorId, int attempt, String gpuAddress,
    String sharesTrainingOf) implements Serializable {

  /** The outcome of a point's own training. */
  public TaskOutcome(TaskResult result, String executorId, int attempt, String gpuAddress) {
    this(result, executorId, attempt, gpuAddress, null);
  }

  /** This training's outcome as the row of {@code other}, which shares it. */
  public TaskOutcome sharedBy(GridPoint other) {
    return new TaskOutcome(result.forPoint(other), executorId, attempt, gpuAddress,
        result.taskId());
  }
}
