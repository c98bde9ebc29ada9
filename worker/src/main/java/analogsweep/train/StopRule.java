package analogsweep.train;

import java.util.List;

/**
 * A rule that may end a training after an evaluated epoch, as a value: the loop asks each rule of
 * a point in order and stops with the first reason given. {@link #authors()} are the paper's
 * authors' rules; a model's own recipe can bring others.
 */
public sealed interface StopRule permits StopRule.NearChance, StopRule.AccuracyDrop {

  /** What a rule sees after an evaluated epoch; {@code bestTestAccuracy} includes this epoch. */
  record Epoch(int epoch, double trainAccuracy, double testAccuracy, double bestTestAccuracy,
      int classes) {}

  /** The reason to stop after {@code e}, or null to go on. */
  StopReason check(Epoch e);

  /**
   * From epoch {@code fromEpoch} on, stop when training accuracy is below {@code factor} times
   * chance (1 / classes).
   */
  record NearChance(int fromEpoch, double factor) implements StopRule {
    public NearChance {
      if (fromEpoch < 1 || !(factor > 0)) {
        throw new IllegalArgumentException("near-chance rule needs fromEpoch >= 1 and factor > 0,"
            + " found " + fromEpoch + ", " + factor);
      }
    }

    @Override
    public StopReason check(Epoch e) {
      return e.epoch() >= fromEpoch && e.trainAccuracy() < factor / e.classes()
          ? StopReason.EARLY_STOP_CHANCE : null;
    }
  }

  /** Stop as soon as test accuracy is more than {@code drop} below its best so far. */
  record AccuracyDrop(double drop) implements StopRule {
    public AccuracyDrop {
      if (!(drop >= 0)) {
        throw new IllegalArgumentException("accuracy drop must be >= 0, found " + drop);
      }
    }

    @Override
    public StopReason check(Epoch e) {
      return e.testAccuracy() < e.bestTestAccuracy() - drop ? StopReason.EARLY_STOP_DROP : null;
    }
  }

  /**
   * The authors' rules: after epoch 10, stop if training accuracy is below 1.25 x chance; at any
   * epoch, stop when test accuracy is more than 5 points below its best so far.
   */
  static List<StopRule> authors() {
    return AUTHORS;
  }

  /**
   * The near-chance rule alone, as the authors' ConvNet, ViT (at the arXiv figures) and ResNet
   * scripts stop.
   */
  static List<StopRule> nearChanceOnly() {
    return NEAR_CHANCE;
  }

  /** The first reason any of {@code rules} gives after {@code e}, or null. */
  static StopReason first(List<StopRule> rules, Epoch e) {
    for (StopRule r : rules) {
      StopReason reason = r.check(e);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  /** Kept in a field so every point shares one list. */
  List<StopRule> AUTHORS = List.of(new NearChance(10, 1.25), new AccuracyDrop(0.05));

  /** The near-chance rule alone (from epoch 10, below 1.25 x chance). */
  List<StopRule> NEAR_CHANCE = List.of(AUTHORS.get(0));
}
