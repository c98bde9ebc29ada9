package analogsweep.train;

import analogsweep.grid.GridPoint;
import java.io.Serializable;
import java.util.List;

/**
 * The outcome of training one grid point. {@code maxTestAccuracy} over epochs is the paper's
 * metric. {@code stopReason} says why training ended: max_epochs, early_stop_chance (training
 * accuracy below 1.25 x chance after epoch 10), early_stop_drop (test accuracy more than 5 points
 * below its best), time_budget, no_gradient (every gradient of the first epoch was zero: each
 * value clamped), diverged or failed.
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
    List<EpochMetrics> epochRows) implements Serializable {

  public TaskResult {
    epochRows = List.copyOf(epochRows);
  }

  /**
   * The result of a training that ended with {@code status}: the paper's metric (the best test
   * accuracy over epochs, and its epoch), the last epoch's metrics, timings, and throughput.
   */
  static TaskResult of(GridPoint point, Status status, String message, String stopReason,
      List<EpochMetrics> epochs, long dataMillis, long trainMillis, long evalMillis,
      long totalMillis, long trainedSamples, Provenance provenance) {
    double maxTest = Double.NaN;
    int bestEpoch = 0;
    for (EpochMetrics e : epochs) {
      if (!Double.isNaN(e.testAccuracy()) && (Double.isNaN(maxTest)
          || e.testAccuracy() > maxTest)) {
        maxTest = e.testAccuracy();
        bestEpoch = e.epoch();
      }
    }
    EpochMetrics last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    double throughput = trainMillis == 0 ? 0 : trainedSamples * 1000.0 / trainMillis;
    return new TaskResult(point.taskId(), point, status, message, stopReason, epochs.size(),
        maxTest, bestEpoch,
        last == null ? Double.NaN : last.trainLoss(),
        last == null ? Double.NaN : last.trainAccuracy(),
        last == null ? Double.NaN : last.testLoss(),
        last == null ? Double.NaN : last.testAccuracy(),
        dataMillis, trainMillis, evalMillis, totalMillis, throughput, provenance, epochs);
  }

  /**
   * This result as the result of {@code other}, a grid point with the same training key
   * ({@link GridPoint#trainingKey}): its id and point, every number this training's.
   */
  public TaskResult forPoint(GridPoint other) {
    if (!other.trainingKey().equals(point.trainingKey())) {
      throw new IllegalArgumentException("grid point " + other.taskId() + " trains otherwise "
          + "than " + taskId);
    }
    return new TaskResult(other.taskId(), other, status, message, stopReason, epochs,
        maxTestAccuracy, bestEpoch, finalTrainLoss, finalTrainAccuracy, finalTestLoss,
        finalTestAccuracy, dataMillis, trainMillis, evalMillis, totalMillis, samplesPerSecond,
        provenance, epochRows);
  }
}
