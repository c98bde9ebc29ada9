package analogsweep.train;

import analogsweep.grid.GridPoint;
import java.util.List;

/**
 * The outcome of training one grid point. {@code maxTestAccuracy} over epochs is the paper's
 * metric. {@code stopReason} says why training ended: max_epochs, early_stop_chance (training
 * accuracy below 1.25 x chance after epoch 10), early_stop_drop (test accuracy more than 5 points
 * below its best), time_budget, diverged or failed.
 */
public record TaskResult(
    String taskId,
    GridPoint point,
    Status status,
    String message,
    String stopReason,
    int epochs,
    double maxTestAccuracy,
    int bestEpoch,
    double finalTrainLoss,
    double finalTrainAccuracy,
    double finalTestLoss,
    double finalTestAccuracy,
    long dataMillis,
    long trainMillis,
    long evalMillis,
    long totalMillis,
    double samplesPerSecond,
    Provenance provenance,
    List<EpochMetrics> epochRows) implements java.io.Serializable {

  public TaskResult {
    epochRows = List.copyOf(epochRows);
  }
}
