package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import analogsweep.driver.store.OutputFolder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * Which of a sweep's F2 settings are decided under a {@link SequentialDesign}, from its stored
 * runs, as {@code run --until-decided} asks after each round: the settings of F2's mean view
 * (every varying column but i), each with its stored task ids and seeds and the verdict the
 * report would give now. A noisy setting is decided where its gain holds, is contradicted or is
 * negligible (the interval within the equivalence margin), a noise-free one where its ends are
 * shown equivalent or not; a setting at chance, or without both ends to compare, is decided
 * too: more seeds would not tell anything there. "Suggested" verdicts (too few seeds) are not
 * decided.
 */
public final class SeedDecisions {
  /** The most seeds per setting a sequential design may plan. */
  public static final int MAX_SEEDS = SequentialDesign.MAX_SEEDS;

  /**
   * One setting: its label, the task ids and seeds of its stored runs, the seeds paired at both
   * ends with a result, its verdict now and whether that verdict is final.
   */
  public record Setting(String label, Set<String> taskIds, SortedSet<Long> seeds,
      int pairedSeeds, String verdict, boolean decided) {}

  private SeedDecisions() {}

  /** The settings of the runs stored in {@code folder}, decided under the design given. */
  public static List<Setting> of(SparkSession spark, OutputFolder folder, int firstSeeds,
      int maxSeeds) throws IOException {
    return of(SweepData.read(spark, folder), new SequentialDesign(firstSeeds, maxSeeds));
  }

  static List<Setting> of(SweepData data, SequentialDesign design) {
    List<Setting> out = new ArrayList<>();
    if (!data.varying.contains("interpolation")) {
      return out;
    }
    List<String> keys = data.varyingExcept("interpolation");
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(data.runs, keys).entrySet()) {
      Set<String> ids = new LinkedHashSet<>();
      SortedSet<Long> seeds = new TreeSet<>();
      for (Run r : g.getValue()) {
        ids.add(r.taskId());
        seeds.add(r.seed());
      }
      String label = Labels.setting(keys, g.getKey());
      Gain gain = Gain.of(g.getKey(), SweepData.filter(g.getValue(), Run::usable),
          Run::accuracy);
      if (gain == null) {
        out.add(new Setting(label, ids, seeds, 0, "no gain: an end without a result", true));
        continue;
      }
      String verdict;
      boolean decided;
      if (gain.noisy()) {
        Estimate e = design.mean(gain.gains(), TrainingFindings.LEVEL);
        verdict = TrainingFindings.gainVerdict(gain, e);
        decided = decided(verdict, e);
      } else {
        verdict = TrainingFindings.equivalenceVerdict(gain, design.mean(gain.gains(), 0.90),
            design.mean(gain.gains(), TrainingFindings.LEVEL));
        decided = decided(verdict, null);
      }
      out.add(new Setting(label, ids, seeds, gain.seeds(), verdict, decided));
    }
    return out;
  }

  /**
   * Whether a verdict is final: holds, contradicted, at chance, or (given the gain's interval
   * {@code gain}) a negligible gain.
   */
  static boolean decided(String verdict, Estimate gain) {
    return verdict.equals(Finding.HOLDS) || verdict.equals(Finding.CONTRADICTED)
        || verdict.equals(Finding.AT_CHANCE)
        || gain != null && TrainingFindings.negligible(verdict, gain);
  }
}
