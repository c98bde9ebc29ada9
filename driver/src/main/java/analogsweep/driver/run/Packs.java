package analogsweep.driver.run;

import analogsweep.grid.GridPoint;
import analogsweep.train.TrainingJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups pending grid points into training jobs: points that can train as one model
 * ({@link TrainingJob#packKey}) in packs of at most {@code pack}, in sweep order; every other
 * point alone.
 */
final class Packs {
  private Packs() {}

  static List<TrainingJob> of(List<GridPoint> pending, int pack) {
    List<TrainingJob> jobs = new ArrayList<>();
    if (pack <= 1) {
      for (GridPoint p : pending) {
        jobs.add(TrainingJob.of(p));
      }
      return jobs;
    }
    Map<String, List<GridPoint>> groups = new LinkedHashMap<>();
    for (GridPoint p : pending) {
      String key = TrainingJob.packKey(p);
      if (key == null) {
        jobs.add(TrainingJob.of(p));
      } else {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      }
    }
    for (List<GridPoint> group : groups.values()) {
      for (int from = 0; from < group.size(); from += pack) {
        jobs.add(new TrainingJob(group.subList(from, Math.min(group.size(), from + pack))));
      }
    }
    return jobs;
  }
}
