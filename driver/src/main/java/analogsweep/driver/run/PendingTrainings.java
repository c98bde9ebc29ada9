package analogsweep.driver.run;

import analogsweep.grid.GridPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep still has to train: each distinct training once. Of the points not yet stored, the
 * first of each training key ({@link GridPoint#trainingKey()}) trains; the others, its sharers,
 * get its numbers as their rows. {@code run} trains these and {@code plan} estimates their time.
 */
public record PendingTrainings(List<GridPoint> toTrain, Map<String, List<GridPoint>> sharers) {
  /** The trainings of {@code points} whose task ids are not in {@code done}, in sweep order. */
  public static PendingTrainings of(List<GridPoint> points, Set<String> done) {
    List<GridPoint> toTrain = new ArrayList<>();
    Map<String, List<GridPoint>> sharers = new HashMap<>();
    Map<String, String> trainedBy = new HashMap<>();
    for (GridPoint p : points) {
      if (done.contains(p.taskId())) {
        continue;
      }
      String first = trainedBy.putIfAbsent(p.trainingKey(), p.taskId());
      if (first != null) {
        sharers.computeIfAbsent(first, k -> new ArrayList<>()).add(p);
      } else {
        toTrain.add(p);
      }
    }
    return new PendingTrainings(toTrain, sharers);
  }
}
