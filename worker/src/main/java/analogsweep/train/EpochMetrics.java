package analogsweep.train;

/**
 * Metrics of one epoch. Training loss and accuracy are averaged over the epoch's mini-batches as
 * they were trained (noise and dropout on); test metrics come from a full pass over the test set
 * after the epoch (noise on, dropout off). {@code trainSamples} is below the training-set size
 * only for an epoch cut short by divergence or the time budget.
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    long trainSamples,
    long trainMillis,
    long evalMillis) implements java.io.Serializable {}
