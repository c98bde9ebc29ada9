package analogsweep.driver.run;

import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
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
  /**
   * The trainings of a training sweep's points whose task ids are not in {@code done}, in sweep
   * order. Uses the ids the sweep keeps, and hashes again only the points whose training key is
   * not their own id.
   */
  public static PendingTrainings of(Sweep sweep, Set<String> done) {
    List<GridPoint> toTrain = new ArrayList<>();
    Map<String, List<GridPoint>> sharers = new HashMap<>();
    Map<String, String> trainedBy = new HashMap<>();
    for (int n = 0; n < sweep.points().size(); n++) {
      GridPoint p = sweep.points().get(n);
      String id = sweep.taskIds().get(n);
      if (done.contains(id)) {
        continue;
      }
      GridPoint effective = p.effective(); // the point itself where the training sees all
      String key = effective == p ? id : effective.taskId(); // as p.trainingKey()
      String first = trainedBy.putIfAbsent(key, id);
      if (first != null) {
        sharers.computeIfAbsent(first, k -> new ArrayList<>()).add(p);
      } else {
        toTrain.add(p);
      }
    }
    return new PendingTrainings(toTrain, sharers);
  }
}
