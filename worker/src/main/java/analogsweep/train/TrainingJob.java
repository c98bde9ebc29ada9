package analogsweep.train;

import analogsweep.grid.GridPoint;
import analogsweep.grid.InvalidValueException;
import java.io.Serializable;
import java.util.List;

/**
 * One unit of training work: one or more grid points that share their architecture, data and
 * batch size, so that they could train as one model. Each point keeps its own interpolation
 * factor, precision, error probability, noise, seed and early stopping, and gets its own result.
 */
public record TrainingJob(List<GridPoint> points) implements Serializable {

  public TrainingJob {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a training job needs at least one grid point");
    }
    GridPoint first = points.get(0);
    for (GridPoint p : points) {
      if (!compatible(first, p)) {
        throw new InvalidValueException("job", "grid points " + first.taskId().substring(0, 12)
            + " and " + p.taskId().substring(0, 12) + " differ in architecture, data or batch "
            + "size and cannot train together");
      }
    }
  }

  /** A job of one point. */
  public static TrainingJob of(GridPoint point) {
    return new TrainingJob(List.of(point));
  }

  /** Whether two points can share one model: same data, network, widths and batches. */
  public static boolean compatible(GridPoint a, GridPoint b) {
    return a.data().equals(b.data()) && a.model().equals(b.model())
        && a.activation().family().gated() == b.activation().family().gated()
        && a.training().batchSize() == b.training().batchSize()
        && a.training().maxEpochs() == b.training().maxEpochs();
  }

  public int size() {
    return points.size();
  }
}
