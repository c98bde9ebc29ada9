package analogsweep.driver.run;

import analogsweep.driver.store.OutputFolder;
import analogsweep.driver.store.StoredColumns;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.ThresholdPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code run} of a sweep with a {@code threshold:} section: the first round trains every setting
 * at both ends of the range, each later round the midpoint of every bracket still wider than the
 * resolution, until no setting asks for another value. Each round is an ordinary run
 * ({@link SweepRunner}) of every value tried so far plus the next, so it stores as usual and
 * trains each task id once; the plan is replayed from the stored runs
 * ({@link ThresholdPlan}), so an interrupted search resumes where it stood.
 */
public final class ThresholdRounds {
  private ThresholdRounds() {}

  /** Runs rounds until every setting's search has ended; stops early as a run does. */
  public static SweepRunner.Summary run(SparkSession spark, Sweep sweep,
      SweepRunner.Options options, PrintStream log) throws IOException {
    OutputFolder folder = new OutputFolder(options.out(),
        spark.sparkContext().hadoopConfiguration());
    // a folder that holds rounds already resumes at the round it stood at
    Sweep plan = folder.exists() && !folder.waves("runs").isEmpty()
        ? ThresholdPlan.replanned(sweep, StoredColumns.bestAccuracies(folder)) : sweep;
    SweepRunner.Summary total = null;
    for (int round = 1; ; round++) {
      SweepRunner.Summary s = SweepRunner.run(spark, plan, options.round(round == 1), log);
      total = total == null ? s : SeedRounds.add(total, s);
      if (!s.complete()) {
        return total;
      }
      List<ThresholdPlan.State> states = ThresholdPlan.states(sweep,
          StoredColumns.bestAccuracies(folder));
      Sweep next = ThresholdPlan.planned(sweep, states);
      log.println("[" + sweep.name() + "] threshold search after round " + round + ": "
          + ThresholdPlan.summary(states));
      if (next.fingerprint().equals(plan.fingerprint())) {
        return total;
      }
      plan = next;
    }
  }
}
