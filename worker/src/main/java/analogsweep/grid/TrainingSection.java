package analogsweep.grid;

import java.io.Serializable;
import java.util.Objects;

/**
 * How a grid point is trained: Adam's learning rate, the mini-batch size, the epoch limit, the
 * authors' early-stopping rules on or off, a wall-clock budget (0 = none), how many test passes,
 * each with fresh noise, make one evaluation (as aihwkit and CrossSim repeat theirs), Adam's L2
 * weight decay (in the gradient, as torch.optim.Adam), the learning-rate schedule over the
 * epochs, and where Adam adds its epsilon.
 */
public record TrainingSection(double learningRate, int batchSize, int maxEpochs,
    boolean earlyStopping, int timeBudgetSeconds, int evalRepeats, double weightDecay,
    LearningRateSchedule learningRateSchedule, AdamEpsilon adamEpsilon) implements Serializable {

  public TrainingSection {
    FieldRange.check(GridField.LEARNING_RATE, learningRate);
    FieldRange.check(GridField.BATCH_SIZE, batchSize);
    FieldRange.check(GridField.MAX_EPOCHS, maxEpochs);
    FieldRange.check(GridField.TIME_BUDGET_SECONDS, timeBudgetSeconds);
    FieldRange.check(GridField.EVAL_REPEATS, evalRepeats);
    FieldRange.check(GridField.WEIGHT_DECAY, weightDecay);
    Objects.requireNonNull(learningRateSchedule, "learning_rate_schedule");
    Objects.requireNonNull(adamEpsilon, "adam_epsilon");
    weightDecay += 0.0; // -0.0 and 0.0 are one grid point
  }

  static TrainingSection from(FieldValues v) {
    return new TrainingSection(v.get(GridField.LEARNING_RATE), v.get(GridField.BATCH_SIZE),
        v.get(GridField.MAX_EPOCHS), v.get(GridField.EARLY_STOPPING),
        v.get(GridField.TIME_BUDGET_SECONDS), v.get(GridField.EVAL_REPEATS),
        v.get(GridField.WEIGHT_DECAY), v.get(GridField.LEARNING_RATE_SCHEDULE),
        v.get(GridField.ADAM_EPSILON));
  }

  /** Adam's learning rate in epoch {@code epoch} (from 1), after the schedule. */
  public double learningRate(int epoch) {
    return learningRateSchedule.rate(learningRate, epoch, maxEpochs);
  }
}
