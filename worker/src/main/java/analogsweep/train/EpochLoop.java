package analogsweep.train;

import analogsweep.grid.GridPoint;
import analogsweep.model.Architectures;
import java.util.ArrayList;
import java.util.List;

/**
 * The epoch loop, written once for one point and for a pack: each epoch shuffles every point's
 * batch order, steps the {@link Learner} batch by batch until the training set or the time budget
 * ends, takes a point whose loss is not finite out as DIVERGED, evaluates the rest
 * {@code eval_repeats} times, and ends each point by its own {@link StopRule}s. A point that ends
 * leaves the learner at once. Timings are the loop's (shared by a pack).
 */
final class EpochLoop {
  private final Learner learner;
  private final List<PointRun> runs;
  private final int trainN;
  private final int batch;
  private final int classes;
  private final long deadline;
  private final EpochListener listener;
  private long trainMillis;
  private long evalMillis;

  /**
   * A loop over {@code runs} (the first point's epochs, batch size and eval repeats are the
   * pack's) that stops stepping at {@code deadline} ({@link System#nanoTime()}).
   */
  EpochLoop(Learner learner, List<PointRun> runs, int trainN, int classes, long deadline,
      EpochListener listener) {
    this.learner = learner;
    this.runs = List.copyOf(runs);
    this.trainN = trainN;
    this.batch = runs.get(0).point.training().batchSize();
    this.classes = classes;
    this.deadline = deadline;
    this.listener = listener;
  }

  /** The deadline of a budget of {@code seconds} (0: none) starting at {@code startNanos}. */
  static long deadline(GridPoint point, long startNanos) {
    int seconds = point.training().timeBudgetSeconds();
    return seconds == 0 ? Long.MAX_VALUE : startNanos + seconds * 1_000_000_000L;
  }

  /**
   * The stop rules a point asks for: with early stopping on, its model's under its recipe (the
   * near-chance rule, and the 5-point-drop rule where the recipe has it), else none.
   */
  static List<StopRule> rules(GridPoint point) {
    if (!point.training().earlyStopping()) {
      return List.of();
    }
    return Architectures.of(point.model().kind()).training(point.recipe().recipe())
        .accuracyDropRule() ? StopRule.authors() : StopRule.nearChanceOnly();
  }

  long trainMillis() {
    return trainMillis;
  }

  long evalMillis() {
    return evalMillis;
  }

  /** Trains until every point has ended or trained its last epoch. */
  void run() {
    List<PointRun> active = new ArrayList<>(runs);
    GridPoint first = runs.get(0).point;
    for (int epoch = 1; epoch <= first.training().maxEpochs() && !active.isEmpty(); epoch++) {
      long t0 = System.nanoTime();
      for (PointRun r : active) {
        r.startEpoch();
      }
      boolean outOfTime = false;
      for (int start = 0; start < trainN && !active.isEmpty(); start += batch) {
        if (System.nanoTime() > deadline) {
          outOfTime = true;
          break;
        }
        active = step(active, epoch, start, Math.min(batch, trainN - start), t0);
      }
      long millis = millisSince(t0);
      trainMillis += millis;
      if (active.isEmpty() || active.stream().allMatch(r -> r.seen == 0)) {
        for (PointRun r : active) {
          r.stopReason = StopReason.TIME_BUDGET;
        }
        break;
      }
      long e0 = System.nanoTime();
      double[][] test = evaluateRepeated(active, first.training().evalRepeats());
      long eMillis = millisSince(e0);
      evalMillis += eMillis;
      List<PointRun> ended = new ArrayList<>();
      for (int j = 0; j < active.size(); j++) {
        PointRun r = active.get(j);
        if (afterEpoch(r, epoch, test[j], millis, eMillis, outOfTime)) {
          ended.add(r);
        }
      }
      active = leave(active, ended);
    }
  }

  /** One batch of every active point; the points whose loss is not finite leave as DIVERGED. */
  private List<PointRun> step(List<PointRun> active, int epoch, int start, int n, long t0) {
    Learner.Step step = learner.step(active, start, n);
    List<PointRun> diverged = new ArrayList<>();
    for (int j = 0; j < active.size(); j++) {
      PointRun r = active.get(j);
      float loss = step.losses()[j];
      if (!Float.isFinite(loss)) {
        r.status = Status.DIVERGED;
        r.stopReason = StopReason.DIVERGED;
        r.message = "loss became " + loss + " in epoch " + epoch;
        r.lossSum = loss; // what the epoch row reports for a diverged epoch
        diverged.add(r);
        continue;
      }
      r.steps += step.skipped() ? 0 : 1;
      r.lossSum += (double) loss * n;
      r.correct += step.correct()[j];
      r.seen += n;
    }
    if (diverged.isEmpty()) {
      return active;
    }
    long millis = millisSince(t0);
    for (PointRun r : diverged) {
      r.epochs.add(new EpochMetrics(epoch, r.lossSum, r.seen == 0 ? Double.NaN
          : (double) r.correct / r.seen, Double.NaN, Double.NaN, r.seen, millis, 0));
      r.trainedSamples += r.seen;
    }
    return leave(active, diverged);
  }

  /**
   * Records an evaluated epoch of {@code r} ([loss, accuracy, sd loss, sd accuracy]) and applies
   * the time budget and its stop rules; returns whether {@code r} ended.
   */
  private boolean afterEpoch(PointRun r, int epoch, double[] test, long millis, long eMillis,
      boolean outOfTime) {
    double trainAccuracy = (double) r.correct / r.seen;
    r.trainedSamples += r.seen;
    r.epochs.add(new EpochMetrics(epoch, r.lossSum / r.seen, trainAccuracy, test[0], test[1],
        r.seen, millis, eMillis, test[2], test[3]));
    try {
      FaultInjection.afterEpoch(r.point.taskId(), epoch);
      listener.epochDone(r.point.taskId(), epoch);
    } catch (RuntimeException e) {
      if (!learner.isolatesFailures()) {
        throw e;
      }
      r.fail(e);
      return true;
    }
    if (outOfTime) {
      r.stopReason = StopReason.TIME_BUDGET;
      return true;
    }
    if (r.steps == 0) {
      r.stopReason = StopReason.NO_GRADIENT;
      r.message = "no gradient in epoch " + epoch + ": every gradient was zero (the analog "
          + "chain clamped every value), so the network could not learn";
      return true;
    }
    r.best = Math.max(r.best, test[1]);
    r.stopReason = StopRule.first(rules(r.point),
        new StopRule.Epoch(epoch, trainAccuracy, test[1], r.best, classes));
    return r.stopReason != null;
  }

  /**
   * {@code repeats} test passes with fresh noise: per point the mean loss and accuracy and their
   * spreads, [slot][loss, accuracy, sd loss, sd accuracy] (NaN spreads for one pass).
   */
  private double[][] evaluateRepeated(List<PointRun> active, int repeats) {
    int k = active.size();
    double[][] losses = new double[k][repeats];
    double[][] accuracies = new double[k][repeats];
    for (int r = 0; r < repeats; r++) {
      double[][] pass = learner.evaluate(active);
      for (int j = 0; j < k; j++) {
        losses[j][r] = pass[j][0];
        accuracies[j][r] = pass[j][1];
      }
    }
    double[][] out = new double[k][];
    for (int j = 0; j < k; j++) {
      out[j] = RepeatStats.summarize(losses[j], accuracies[j]);
    }
    return out;
  }

  /** The active points without {@code leaving}; the learner keeps only those that stay. */
  private List<PointRun> leave(List<PointRun> active, List<PointRun> leaving) {
    if (leaving.isEmpty()) {
      return active;
    }
    List<PointRun> stay = new ArrayList<>();
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < active.size(); j++) {
      if (!leaving.contains(active.get(j))) {
        stay.add(active.get(j));
        keep.add(j);
      }
    }
    if (!stay.isEmpty()) {
      learner.keep(keep.stream().mapToInt(Integer::intValue).toArray());
    }
    return stay;
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
