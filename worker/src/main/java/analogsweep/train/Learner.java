package analogsweep.train;

import java.util.List;

/**
 * What {@link EpochLoop} trains: one point's network ({@link SingleLearner}) or a pack of points
 * as one model ({@link PackedTrainer}). The loop owns epochs, evaluation repeats, divergence and
 * stop rules; a learner only takes steps, evaluates, and lets points leave.
 */
interface Learner {
  /**
   * The loss and the number of correct predictions of each point's batch; index = pack slot.
   * {@code skipped}: no step was taken because every gradient was zero.
   */
  record Step(float[] losses, long[] correct, boolean skipped) {
    Step(float[] losses, long[] correct) {
      this(losses, correct, false);
    }
  }

  /**
   * One step of each point in {@code active} on images {@code start .. start + n} of its own
   * batch order. A point whose loss is not finite takes no step.
   */
  Step step(List<PointRun> active, int start, int n);

  /** One test pass with fresh noise: [slot][loss, accuracy] for each point in {@code active}. */
  double[][] evaluate(List<PointRun> active);

  /** Only the points at slots {@code keep} (ascending, never empty) train on. */
  void keep(int[] keep);

  /**
   * Whether an exception thrown after an epoch (the listener's, an injected fault) ends only its
   * own point; otherwise it ends the whole training.
   */
  boolean isolatesFailures();
}
