package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import analogsweep.grid.GridPoint;
import analogsweep.train.TrainingJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending points into jobs: packs of at most K in sweep order, unpackable points alone first. */
class PacksTest {
  private static GridPoint point(int seed) {
    return GridPoint.builder().set("data_path", "/d").set("seed", seed).build();
  }

  private static List<List<Integer>> seeds(List<TrainingJob> jobs) {
    return jobs.stream().map(j -> j.points().stream().map(p -> (int) p.seed()).toList()).toList();
  }

  @Test
  void packsOfAtMostKInSweepOrderAndTheUnpackableAlone() {
    GridPoint augmented = GridPoint.builder().set("data_path", "/d").set("seed", 9)
        .set("augmentation", "crop-flip").build();
    List<GridPoint> pending = List.of(point(1), augmented, point(2), point(3), point(4),
        point(5));
    assertEquals(List.of(List.of(9), List.of(1, 2), List.of(3, 4), List.of(5)),
        seeds(Packs.of(pending, 2)));
    assertEquals(List.of(List.of(9), List.of(1, 2, 3), List.of(4, 5)),
        seeds(Packs.of(pending, 3)));
  }

  @Test
  void packOfOneKeepsEveryPointAloneInOrder() {
    List<GridPoint> pending = List.of(point(3), point(1), point(2));
    assertEquals(List.of(List.of(3), List.of(1), List.of(2)), seeds(Packs.of(pending, 1)));
    assertEquals(List.of(List.of(3), List.of(1), List.of(2)), seeds(Packs.of(pending, 0)));
  }

  /** Points that differ in what the packed network shares form packs of their own. */
  @Test
  void pointsThatCannotShareAModelAreNotPackedTogether() {
    GridPoint wide = GridPoint.builder().set("data_path", "/d").set("seed", 7)
        .set("hidden_sizes", List.of(512)).build();
    List<GridPoint> pending = List.of(point(1), wide, point(2));
    assertEquals(List.of(List.of(1, 2), List.of(7)), seeds(Packs.of(pending, 4)));
  }

  /** The dynamic schedule sends the jobs that plan the most epochs first. */
  @Test
  void longestFirstOrdersByPlannedEpochs() {
    List<TrainingJob> jobs = List.of(epochs(1, 1), epochs(2, 10), epochs(3, 5));
    assertEquals(List.of(10, 5, 1), TaskScheduler.longestFirst(jobs).stream()
        .map(j -> j.points().get(0).training().maxEpochs()).toList());
  }

  private static TrainingJob epochs(int seed, int maxEpochs) {
    return TrainingJob.of(GridPoint.builder().set("data_path", "/d").set("seed", seed)
        .set("max_epochs", maxEpochs).build());
  }
}
