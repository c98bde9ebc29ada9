package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.driver.report.SeedDecisions;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The grid of the next round of {@code run --until-decided}, without Spark. */
class SeedRoundsTest {
  /** Two settings (EP 0 and 0.5) of two ends and two seeds: 8 points. */
  static final Sweep BASE = SweepFile.parse("name: seq\n"
      + "data:\n  path: /data\n"
      + "model:\n  hidden_sizes: [8]\n"
      + "analog:\n  precision: 16\n"
      + "seeds: [1, 2]\n"
      + "grid:\n  interpolation: [0, 1]\n  error_probability: [0, 0.5]\n", "seq.yaml");

  private static SeedDecisions.Setting setting(double ep, Set<Long> seeds, boolean decided) {
    Set<String> ids = new LinkedHashSet<>();
    for (GridPoint p : BASE.points()) {
      if (p.analog().errorProbability() == ep && seeds.contains(p.seed())) {
        ids.add(p.taskId());
      }
    }
    return new SeedDecisions.Setting("EP " + ep, ids, new TreeSet<>(seeds), seeds.size(),
        decided ? "holds" : "not shown", decided);
  }

  @Test
  void theNextSeedGoesOnlyToUndecidedSettings() {
    Sweep next = SeedRounds.plan(BASE, List.of(setting(0, Set.of(1L, 2L), true),
        setting(0.5, Set.of(1L, 2L), false)), 5);
    assertEquals(10, next.size());
    List<GridPoint> added = next.points().subList(8, 10);
    for (GridPoint p : added) {
      assertEquals(3L, p.seed());
      assertEquals(0.5, p.analog().errorProbability());
    }
    assertEquals(Set.of(0.0, 1.0), Set.of(added.get(0).activation().interpolation(),
        added.get(1).activation().interpolation()));
    assertEquals(BASE.points(), next.points().subList(0, 8));
    assertEquals(BASE.text(), next.text());
  }

  /** A point with its own seed set again keeps its task id: ids stay those of the sweep file. */
  @Test
  void replacingTheSeedByItselfKeepsTheTaskId() {
    Sweep same = SeedRounds.plan(BASE, List.of(setting(0, Set.of(1L, 2L), true),
        setting(0.5, Set.of(1L, 2L), true)), 5);
    assertEquals(BASE.fingerprint(), same.fingerprint());
  }

  /** Stored seeds stay planned (a resumed run), and no setting passes --max-seeds. */
  @Test
  void storedSeedsStayAndMaxSeedsCaps() {
    Sweep next = SeedRounds.plan(BASE, List.of(setting(0, Set.of(1L, 2L, 3L), false),
        setting(0.5, Set.of(1L, 2L, 3L, 4L), false)), 4);
    List<Long> seeds = new ArrayList<>();
    for (GridPoint p : next.points()) {
      seeds.add(p.seed());
    }
    // EP 0: seeds 1-3 stored, 4 added; EP 0.5: 1-4 stored, at the maximum
    assertEquals(16, next.size());
    assertEquals(4L, seeds.stream().mapToLong(Long::longValue).max().orElseThrow());
    assertTrue(SeedRounds.describe("seq", 3, List.of(setting(0, Set.of(1L, 2L, 3L), false),
        setting(0.5, Set.of(1L, 2L, 3L, 4L), false)), 4, 2).startsWith(
        "[seq] round 3: 2 of 2 settings undecided: EP 0.0 (3 seeds, not shown); EP 0.5 (4 "
            + "seeds, not shown); 1 at --max-seeds 4; next round adds 2 task(s)"));
  }
}
