package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.grid.GridPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The epoch loop against a scripted learner (no engine): divergence, stop rules, the time budget,
 * evaluation repeats and failures act on each point alone, and points that end leave the
 * learner.
 */
class EpochLoopTest {
  private static final int TRAIN_N = 4; // two batches of two

  /** Losses, hits and test accuracies by (seed, epoch); records what the loop asked. */
  private static final class Scripted implements Learner {
    interface Loss {
      float at(long seed, int epoch, int start);
    }

    interface Accuracy {
      double at(long seed, int epoch);
    }

    final Loss loss;
    final Accuracy accuracy;
    final boolean isolates;
    final List<int[]> kept = new ArrayList<>();
    int epoch;
    int evaluations;

    Scripted(Loss loss, Accuracy accuracy, boolean isolates) {
      this.loss = loss;
      this.accuracy = accuracy;
      this.isolates = isolates;
    }

    @Override
    public Step step(List<PointRun> active, int start, int n) {
      if (start == 0) {
        epoch++;
      }
      float[] losses = new float[active.size()];
      long[] correct = new long[active.size()];
      for (int j = 0; j < active.size(); j++) {
        losses[j] = loss.at(active.get(j).point.seed(), epoch, start);
        correct[j] = 1;
      }
      return new Step(losses, correct);
    }

    @Override
    public double[][] evaluate(List<PointRun> active) {
      evaluations++;
      double[][] out = new double[active.size()][];
      for (int j = 0; j < active.size(); j++) {
        // repeats differ a little so their spread is known: +0, +0.01, +0.02, ...
        out[j] = new double[] {1.0, accuracy.at(active.get(j).point.seed(), epoch)
            + 0.01 * ((evaluations - 1) % repeats)};
      }
      return out;
    }

    int repeats = 1;

    @Override
    public void keep(int[] keep) {
      kept.add(keep);
    }

    @Override
    public boolean isolatesFailures() {
      return isolates;
    }
  }

  private static GridPoint point(long seed, int epochs, int repeats) {
    return GridPoint.builder().set("data_path", "(synthetic)").set("batch_size", 2)
        .set("recipe", "analogsweep-1").set("max_epochs", epochs).set("eval_repeats", repeats).set("seed", seed).build();
  }

  private static List<PointRun> runs(GridPoint... points) {
    List<PointRun> runs = new ArrayList<>();
    for (GridPoint p : points) {
      runs.add(new PointRun(p, TRAIN_N));
    }
    return runs;
  }

  @Test
  void eachPointEndsByItsOwnRuleAndLeavesTheLearner() {
    // seed 1 diverges in epoch 2's second batch; seed 2 drops 10 points in epoch 3; seed 3 goes on
    Scripted learner = new Scripted(
        (seed, epoch, start) -> seed == 1 && epoch == 2 && start == 2 ? Float.NaN : 0.5f,
        (seed, epoch) -> seed == 2 && epoch == 3 ? 0.7 : 0.8, true);
    List<PointRun> runs = runs(point(1, 4, 1), point(2, 4, 1), point(3, 4, 1));
    EpochLoop loop = new EpochLoop(learner, runs, TRAIN_N, 10, Long.MAX_VALUE,
        EpochListener.NONE);
    loop.run();

    PointRun diverged = runs.get(0);
    assertEquals(Status.DIVERGED, diverged.status);
    assertEquals("diverged", diverged.storedStopReason());
    assertEquals("loss became NaN in epoch 2", diverged.message);
    assertEquals(2, diverged.epochs.size());
    EpochMetrics row = diverged.epochs.get(1);
    assertTrue(Double.isNaN(row.trainLoss()) && Double.isNaN(row.testAccuracy()));
    assertEquals(2, row.trainSamples(), "the batch before the NaN");
    assertEquals(0.5, row.trainAccuracy(), 1e-12, "1 hit in 2 images");
    assertEquals(TRAIN_N + 2, diverged.trainedSamples);

    PointRun dropped = runs.get(1);
    assertEquals(Status.OK, dropped.status);
    assertEquals("early_stop_drop", dropped.storedStopReason());
    assertEquals(3, dropped.epochs.size());

    PointRun full = runs.get(2);
    assertEquals("max_epochs", full.storedStopReason());
    assertEquals(4, full.epochs.size());
    assertEquals(0.5, full.epochs.get(3).trainLoss(), 1e-12);
    assertEquals(4 * TRAIN_N, full.trainedSamples);

    assertEquals(2, learner.kept.size());
    assertArrayEquals(new int[] {1, 2}, learner.kept.get(0), "seed 1 leaves in epoch 2");
    assertArrayEquals(new int[] {1}, learner.kept.get(1), "then seed 2 of (2, 3)");
  }

  @Test
  void evaluationRepeatsGiveTheMeanAndTheSpread() {
    Scripted learner = new Scripted((seed, epoch, start) -> 0.5f, (seed, epoch) -> 0.8, false);
    learner.repeats = 3;
    List<PointRun> runs = runs(point(1, 2, 3));
    new EpochLoop(learner, runs, TRAIN_N, 10, Long.MAX_VALUE, EpochListener.NONE).run();
    assertEquals(6, learner.evaluations, "three passes after each of two epochs");
    EpochMetrics e = runs.get(0).epochs.get(0);
    assertEquals(0.81, e.testAccuracy(), 1e-12);
    assertEquals(0.01, e.testAccuracySd(), 1e-12);
    assertEquals(0.0, e.testLossSd(), 1e-12);
  }

  @Test
  void aFailureAfterAnEpochEndsOnlyItsPointWhereTheLearnerIsolatesIt() {
    EpochListener failing = (taskId, epoch) -> {
      if (epoch == 1 && taskId.equals(point(2, 3, 1).taskId())) {
        throw new IllegalStateException("listener broke");
      }
    };
    Scripted packed = new Scripted((s, e, st) -> 0.5f, (s, e) -> 0.8, true);
    List<PointRun> runs = runs(point(1, 3, 1), point(2, 3, 1));
    new EpochLoop(packed, runs, TRAIN_N, 10, Long.MAX_VALUE, failing).run();
    assertEquals(Status.FAILED, runs.get(1).status);
    assertEquals("failed", runs.get(1).storedStopReason());
    assertEquals("IllegalStateException: listener broke", runs.get(1).message);
    assertEquals(1, runs.get(1).epochs.size(), "the epoch it finished is kept");
    assertEquals(3, runs.get(0).epochs.size());

    Scripted single = new Scripted((s, e, st) -> 0.5f, (s, e) -> 0.8, false);
    assertThrows(IllegalStateException.class, () -> new EpochLoop(single,
        runs(point(2, 3, 1)), TRAIN_N, 10, Long.MAX_VALUE, failing).run());
  }

  @Test
  void aPassedDeadlineEndsEveryPointWithoutARow() {
    Scripted learner = new Scripted((s, e, st) -> 0.5f, (s, e) -> 0.8, true);
    List<PointRun> runs = runs(point(1, 3, 1), point(2, 3, 1));
    new EpochLoop(learner, runs, TRAIN_N, 10, System.nanoTime() - 1, EpochListener.NONE).run();
    for (PointRun r : runs) {
      assertEquals("time_budget", r.storedStopReason());
      assertEquals(Status.OK, r.status);
      assertTrue(r.epochs.isEmpty());
    }
    assertEquals(0, learner.evaluations);
  }

  @Test
  void earlyStoppingOffMeansNoRules() {
    GridPoint off = GridPoint.builder().set("data_path", "(synthetic)")
        .set("early_stopping", false).build();
    assertEquals(List.of(), EpochLoop.rules(off));
    assertEquals(StopRule.authors(), EpochLoop.rules(point(1, 2, 1)));
    // the authors' recipe: the drop rule only where their script for the model has it
    GridPoint.Builder authors = GridPoint.builder().set("data_path", "(synthetic)");
    assertEquals(StopRule.nearChanceOnly(), EpochLoop.rules(authors.build()));
    assertEquals(StopRule.nearChanceOnly(), EpochLoop.rules(authors.set("model", "convnet")
        .build()));
    assertEquals(StopRule.authors(), EpochLoop.rules(GridPoint.builder()
        .set("data_path", "(synthetic)").set("model", "vgg-a").build()));
    assertEquals(Long.MAX_VALUE, EpochLoop.deadline(off, 5));
    GridPoint budget = GridPoint.builder().set("data_path", "(synthetic)")
        .set("time_budget_seconds", 3).build();
    assertEquals(5 + 3_000_000_000L, EpochLoop.deadline(budget, 5));
  }
}
