package analogsweep.train;

import ai.djl.training.tracker.Tracker;
import analogsweep.grid.TrainingSection;

/**
 * Adam's learning rate per update from the point's schedule, constant within an epoch (as
 * PyTorch's schedulers stepped once per epoch): DJL's Adam asks with the update number t, counted
 * from 1, and every epoch has the same number of updates.
 */
final class EpochLearningRate implements Tracker {
  private final TrainingSection training;
  private final int updatesPerEpoch;

  EpochLearningRate(TrainingSection training, int updatesPerEpoch) {
    this.training = training;
    this.updatesPerEpoch = Math.max(1, updatesPerEpoch);
  }

  /** The epoch (from 1) that update {@code t} (from 1) belongs to. */
  int epochOf(int t) {
    return (Math.max(t, 1) - 1) / updatesPerEpoch + 1;
  }

  @Override
  public float getNewValue(int numUpdate) {
    return (float) training.learningRate(epochOf(numUpdate));
  }
}
