package analogsweep.train;

import java.io.Serializable;

/**
 * Metrics of one epoch. Training loss and accuracy are averaged over the epoch's mini-batches as
 * they were trained (noise and dropout on); test metrics come from a full pass over the test set
 * after the epoch (noise on, dropout off). {@code trainSamples} is below the training-set size
 * only for an epoch cut short by divergence or the time budget. With {@code eval_repeats} R > 1
 * the test metrics are the mean of R passes with fresh noise and {@code testLossSd},
 * {@code testAccuracySd} their sample standard deviations; with R = 1 those are NaN.
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    long trainSamples,
    long trainMillis,
    long evalMillis,
    double testLossSd,
    double testAccuracySd) implements Serializable {

  /** Metrics of an epoch evaluated once (no spread over repeats). */
  public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss,
      double testAccuracy, long trainSamples, long trainMillis, long evalMillis) {
    this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, trainSamples, trainMillis,
        evalMillis, Double.NaN, Double.NaN);
  }
}
