package analogsweep.train;

import analogsweep.grid.GridPoint;
import analogsweep.seed.PointSeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One grid point's state inside {@link EpochLoop}: its batch order, its epoch rows, how it ended,
 * and the running sums of the epoch being trained. One point alone and each point of a pack keep
 * one each.
 */
final class PointRun {
  final GridPoint point;
  final int[] order;
  private final SplittableRandom shuffle;
  final List<EpochMetrics> epochs = new ArrayList<>();
  Status status = Status.OK;
  String message;
  StopReason stopReason;
  double best = Double.NEGATIVE_INFINITY;
  long trainedSamples;
  /** Optimizer steps taken; a learner may skip one whose gradients are all zero. */
  long steps;
  double lossSum;
  long correct;
  long seen;

  PointRun(GridPoint point, int trainN) {
    this.point = point;
    this.order = Batches.identity(trainN);
    this.shuffle = PointSeeds.of(point.seed()).batchOrder();
  }

  boolean ended() {
    return stopReason != null;
  }

  /** A new epoch: a fresh shuffle of the batch order and zeroed sums. */
  void startEpoch() {
    Batches.shuffle(order, shuffle);
    lossSum = 0;
    correct = 0;
    seen = 0;
  }

  /** Ends the run as FAILED by {@code e}. */
  void fail(Throwable e) {
    status = Status.FAILED;
    stopReason = StopReason.FAILED;
    message = e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The reason stored in the result row: {@code max_epochs} where nothing else ended it. */
  String storedStopReason() {
    return (stopReason == null ? StopReason.MAX_EPOCHS : stopReason).text();
  }
}
