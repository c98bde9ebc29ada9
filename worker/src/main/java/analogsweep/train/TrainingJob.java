package analogsweep.train;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.Augmentation;
import analogsweep.grid.GridPoint;
import analogsweep.grid.LearningRateSchedule;
import analogsweep.grid.Normalization;
import analogsweep.packed.PackedNetwork;
import java.io.Serializable;
import java.util.List;

/**
 * One unit of training work: one grid point, or several that train packed as one model (see
 * {@code PackedTrainer}). Points of a pack share their architecture, data, batch size, epochs,
 * learning rate, stopping rules, activation family, rounding, noise distribution and placement;
 * each keeps its own interpolation factor, gate scale, leak, precision, error probability and
 * seed, and gets its own result.
 */
public record TrainingJob(List<GridPoint> points) implements Serializable {

  public TrainingJob {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a training job needs at least one grid point");
    }
    GridPoint first = points.get(0);
    for (GridPoint p : points) {
      if (points.size() > 1 && !packable(first, p)) {
        throw new InvalidValueException("job", "grid points " + first.taskId().substring(0, 12)
            + " and " + p.taskId().substring(0, 12) + " cannot train packed as one model");
      }
    }
  }

  /** A job of one point. */
  public static TrainingJob of(GridPoint point) {
    return new TrainingJob(List.of(point));
  }

  /**
   * Whether two points can train packed as one model: a model that packs (the linear model or
   * the ConvNet) trained plainly (see {@link #packs}), and everything the same but what each
   * point keeps as its own.
   */
  public static boolean packable(GridPoint a, GridPoint b) {
    return packs(a)
        && a.data().equals(b.data()) && a.model().equals(b.model())
        && a.training().equals(b.training())
        && a.activation().family() == b.activation().family()
        && a.analog().rounding() == b.analog().rounding()
        && a.analog().noise() == b.analog().noise()
        && a.chainSites().equals(b.chainSites())
        && (a.analog().precision() == null) == (b.analog().precision() == null);
  }

  /**
   * A key shared exactly by points that {@link #packable pack} together (null for points that
   * never pack): the runner groups pending points by it.
   */
  public static String packKey(GridPoint p) {
    if (!packs(p)) {
      return null;
    }
    return String.join("|", p.data().toString(), p.model().toString(),
        p.training().toString(), p.activation().family().id(), p.analog().rounding().id(),
        p.analog().noise().id(), p.chainSites().toString(),
        String.valueOf(p.analog().precision() == null));
  }

  /**
   * Whether a point can train in a pack: a model the packed network builds, without the training
   * settings the packed trainer leaves to the one-point trainer (weight decay, a learning-rate
   * schedule, augmentation, normalization, weights with a precision or EP of their own); such
   * points train one per model.
   */
  static boolean packs(GridPoint p) {
    return PackedNetwork.supports(p.model().kind())
        && p.analog().weightsAsActivations()
        && p.training().weightDecay() == 0
        && p.training().learningRateSchedule() == LearningRateSchedule.FIXED
        && p.data().augmentation() == Augmentation.NONE
        && p.data().normalization() == Normalization.NONE;
  }

  public int size() {
    return points.size();
  }
}
