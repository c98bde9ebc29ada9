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
    FieldRange.check(GridField.LEARNING_RATE, learningRate);
    FieldRange.check(GridField.BATCH_SIZE, batchSize);
    FieldRange.check(GridField.MAX_EPOCHS, maxEpochs);
    FieldRange.check(GridField.TIME_BUDGET_SECONDS, timeBudgetSeconds);
    FieldRange.check(GridField.EVAL_REPEATS, evalRepeats);
  }

  static TrainingSection from(FieldValues v) {
    return new TrainingSection(v.get(GridField.LEARNING_RATE), v.get(GridField.BATCH_SIZE),
        v.get(GridField.MAX_EPOCHS), v.get(GridField.EARLY_STOPPING),
        v.get(GridField.TIME_BUDGET_SECONDS), v.get(GridField.EVAL_REPEATS));
  }
}
