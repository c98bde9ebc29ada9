package analogsweep.grid;

/**
 * How a grid point is trained: Adam's learning rate, the mini-batch size, the epoch limit, the
 * authors' early-stopping rules on or off, a wall-clock budget (0 = none), and how many test
 * passes, each with fresh noise, make one evaluation (as aihwkit and CrossSim repeat theirs).
 */
public record TrainingSection(double learningRate, int batchSize, int maxEpochs,
    boolean earlyStopping, int timeBudgetSeconds, int evalRepeats)
    implements java.io.Serializable {

  public TrainingSection {
    Rules.check(learningRate > 0 && learningRate < 10, "learning_rate", learningRate,
        "must be in (0, 10)");
    Rules.check(batchSize >= 1 && batchSize <= 1 << 20, "batch_size", batchSize,
        "must be in [1, 2^20]");
    Rules.check(maxEpochs >= 1 && maxEpochs <= 100_000, "max_epochs", maxEpochs,
        "must be in [1, 100000]");
    Rules.check(timeBudgetSeconds >= 0, "time_budget_seconds", timeBudgetSeconds,
        "must be >= 0 (0 means no budget)");
    Rules.check(evalRepeats >= 1 && evalRepeats <= 1000, "eval_repeats", evalRepeats,
        "must be in [1, 1000]");
  }

  static TrainingSection from(FieldValues v) {
    return new TrainingSection(v.get(GridField.LEARNING_RATE), v.get(GridField.BATCH_SIZE),
        v.get(GridField.MAX_EPOCHS), v.get(GridField.EARLY_STOPPING),
        v.get(GridField.TIME_BUDGET_SECONDS), v.get(GridField.EVAL_REPEATS));
  }
}
