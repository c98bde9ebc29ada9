package analogsweep.grid;

import java.util.Objects;

/**
 * How a grid point is trained: Adam's learning rate, the mini-batch size, the epoch limit, the
 * authors' early-stopping rules on or off, a wall-clock budget (0 = none), Adam's L2 weight decay
 * (in the gradient, as torch.optim.Adam) and the learning-rate schedule over the epochs.
 */
public record TrainingSection(double learningRate, int batchSize, int maxEpochs,
    boolean earlyStopping, int timeBudgetSeconds, double weightDecay,
    LearningRateSchedule learningRateSchedule) implements java.io.Serializable {

  public TrainingSection {
    Rules.check(learningRate > 0 && learningRate < 10, "learning_rate", learningRate,
        "must be in (0, 10)");
    Rules.check(batchSize >= 1 && batchSize <= 1 << 20, "batch_size", batchSize,
        "must be in [1, 2^20]");
    Rules.check(maxEpochs >= 1 && maxEpochs <= 100_000, "max_epochs", maxEpochs,
        "must be in [1, 100000]");
    Rules.check(timeBudgetSeconds >= 0, "time_budget_seconds", timeBudgetSeconds,
        "must be >= 0 (0 means no budget)");
    Rules.check(weightDecay >= 0 && weightDecay < 1, "weight_decay", weightDecay,
        "must be in [0, 1)");
    Objects.requireNonNull(learningRateSchedule, "learning_rate_schedule");
    weightDecay += 0.0; // -0.0 and 0.0 are one grid point
  }

  static TrainingSection from(FieldValues v) {
    return new TrainingSection(v.get(GridField.LEARNING_RATE), v.get(GridField.BATCH_SIZE),
        v.get(GridField.MAX_EPOCHS), v.get(GridField.EARLY_STOPPING),
        v.get(GridField.TIME_BUDGET_SECONDS), v.get(GridField.WEIGHT_DECAY),
        v.get(GridField.LEARNING_RATE_SCHEDULE));
  }

  /** Adam's learning rate in epoch {@code epoch} (from 1), after the schedule. */
  public double learningRate(int epoch) {
    return learningRateSchedule.rate(learningRate, epoch, maxEpochs);
  }
}
