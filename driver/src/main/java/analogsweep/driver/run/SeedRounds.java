package analogsweep.driver.run;

import analogsweep.driver.report.SeedDecisions;
import analogsweep.driver.store.Manifest;
import analogsweep.driver.store.OutputFolder;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run --until-decided}: the sweep file's grid first, then rounds that each add the next
 * seed to every setting whose F2 finding is still undecided ({@link SeedDecisions}), up to
 * {@code maxSeeds} seeds per setting, until every setting is decided or has them all. Each round
 * is an ordinary run ({@link SweepRunner}) of the grid planned so far, so it stores as usual,
 * resumes after an interruption (the plan is rebuilt from the stored runs: a setting's seeds are
 * those stored, a half-stored seed is completed) and trains each task id once.
 */
public final class SeedRounds {
  private SeedRounds() {}

  /**
   * Runs rounds until no setting gets another seed; returns what they did together (planned:
   * the last round's grid). Stops early, as a run does, where a round is interrupted or leaves
   * tasks unfinished.
   */
  public static SweepRunner.Summary run(SparkSession spark, Sweep base,
      SweepRunner.Options options, Manifest.Sequential design, int maxSeeds, PrintStream log)
      throws IOException {
    OutputFolder folder = new OutputFolder(options.out(),
        spark.sparkContext().hadoopConfiguration());
    Sweep plan = base;
    SweepRunner.Summary total = null;
    for (int round = 1; ; round++) {
      SweepRunner.Summary s = SweepRunner.run(spark, plan, options.round(round == 1)
          .withSequential(design), log);
      total = total == null ? s : add(total, s);
      if (!s.complete()) {
        return total;
      }
      List<SeedDecisions.Setting> settings = SeedDecisions.of(spark, folder,
          design.firstSeeds(), design.maxSeeds());
      Sweep next = plan(base, settings, maxSeeds);
      Set<String> stored = new HashSet<>();
      settings.forEach(x -> stored.addAll(x.taskIds()));
      int adding = (int) next.taskIds().stream().filter(id -> !stored.contains(id)).count();
      log.println(describe(base.name(), round, settings, maxSeeds, adding));
      if (next.fingerprint().equals(plan.fingerprint())) {
        return total;
      }
      plan = next;
    }
  }

  /**
   * The grid of the next round: the sweep file's points; for every setting, its points at each
   * of its stored seeds; and for an undecided setting with fewer than {@code maxSeeds} seeds,
   * its points at the next seed after its stored ones. A setting's points are the sweep file's
   * points among its stored runs, with the seed replaced.
   */
  static Sweep plan(Sweep base, List<SeedDecisions.Setting> settings, int maxSeeds) {
    Map<String, GridPoint> baseById = new HashMap<>();
    for (int k = 0; k < base.size(); k++) {
      baseById.put(base.taskIds().get(k), base.points().get(k));
    }
    Map<String, GridPoint> points = new LinkedHashMap<>(baseById.size());
    for (int k = 0; k < base.size(); k++) {
      points.put(base.taskIds().get(k), base.points().get(k));
    }
    for (SeedDecisions.Setting s : settings) {
      SortedSet<Long> seeds = new TreeSet<>(s.seeds());
      if (!s.decided() && seeds.size() < maxSeeds) {
        seeds.add(seeds.last() + 1);
      }
      for (String id : s.taskIds()) {
        GridPoint template = baseById.get(id);
        if (template == null) {
          continue; // a point of an added seed: the sweep file's points stand for it
        }
        for (long seed : seeds) {
          GridPoint p = template.toBuilder().set(GridField.SEED, seed).build();
          points.putIfAbsent(p.taskId(), p);
        }
      }
    }
    return base.withPoints(new ArrayList<>(points.values()), new ArrayList<>(points.keySet()));
  }

  /** "round 2: 3 of 8 settings undecided (...); adding 12 tasks". */
  static String describe(String sweep, int round, List<SeedDecisions.Setting> settings,
      int maxSeeds, int adding) {
    List<String> undecided = new ArrayList<>();
    int atMost = 0;
    for (SeedDecisions.Setting s : settings) {
      if (!s.decided()) {
        undecided.add(s.label() + " (" + s.pairedSeeds() + " seeds, " + s.verdict() + ")");
        atMost += s.seeds().size() >= maxSeeds ? 1 : 0;
      }
    }
    return "[" + sweep + "] round " + round + ": " + undecided.size() + " of " + settings.size()
        + " settings undecided" + (undecided.isEmpty() ? "" : ": " + String.join("; ", undecided))
        + (atMost == 0 ? "" : "; " + atMost + " at --max-seeds " + maxSeeds)
        + (adding > 0 ? "; next round adds " + adding + " task(s)" : "; done");
  }

  /** Two rounds' summaries as one: the later round's plan, both rounds' work. */
  static SweepRunner.Summary add(SweepRunner.Summary a, SweepRunner.Summary b) {
    List<String> errors = new ArrayList<>(a.errors());
    errors.addAll(b.errors());
    int trained = a.trained() + b.trained();
    // every task of the last plan was stored before the first round, trained now or is pending
    return new SweepRunner.Summary(b.planned(),
        Math.max(a.doneAtStart(), b.planned() - trained - b.unfinished()), trained,
        a.failed() + b.failed(), a.diverged() + b.diverged(), b.unfinished(), errors,
        a.taskFailures() + b.taskFailures(), a.executorsLost() + b.executorsLost(),
        Math.max(a.executorsSeen(), b.executorsSeen()), a.retried() + b.retried(),
        b.failedStored(), b.interrupted());
  }
}
