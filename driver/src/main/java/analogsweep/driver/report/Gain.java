package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The gain of one setting from the ReLU end (lowest i) to the smooth end (highest i), paired by
 * seed: the per-seed gains and both ends' means in percent, with the setting's chance level and
 * whether it is noisy (a precision and EP above 0). A setting where either end sits at chance
 * says nothing about smoothness (a network that does not train at one end, for a reason such as
 * a zero derivative at 0, makes any gain or any failed equivalence), so it is read as "at
 * chance", not as a gain.
 */
record Gain(List<Object> key, double lowI, double highI, double[] gains, double lowEnd,
    double highEnd, double chance, boolean noisy) {
  /** Either end within {@link TrainingFindings#CHANCE_BAND_POINTS} points above chance. */
  boolean atChance() {
    return reluEndAtChance() || smoothEndAtChance();
  }

  /** The ReLU end (lowest i) within the chance band. */
  boolean reluEndAtChance() {
    return lowEnd <= chance + TrainingFindings.CHANCE_BAND_POINTS;
  }

  /** The smooth end (highest i) within the chance band. */
  boolean smoothEndAtChance() {
    return highEnd <= chance + TrainingFindings.CHANCE_BAND_POINTS;
  }

  /** "ReLU end at chance (chance 10.0%)", the smooth end's or both ends'; empty if neither. */
  String chanceNote() {
    String which = reluEndAtChance() && smoothEndAtChance() ? "both ends"
        : reluEndAtChance() ? "ReLU end" : smoothEndAtChance() ? "smooth end" : null;
    return which == null ? "" : which + " at chance (chance " + Labels.percent(chance) + ")";
  }

  /** This gain's values of {@code columns}, out of its key over {@code keys}. */
  List<Object> values(List<String> keys, List<String> columns) {
    List<Object> out = new ArrayList<>();
    for (String c : columns) {
      out.add(key.get(keys.indexOf(c)));
    }
    return out;
  }

  /** Seeds paired at both ends. */
  int seeds() {
    return gains.length;
  }

  /** The gains per setting of {@code keys} (the other columns must not vary within a key). */
  static List<Gain> all(List<Run> runs, List<String> keys) {
    List<Gain> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Run>> g : SweepData.groupBy(runs, keys).entrySet()) {
      Gain gain = of(g.getKey(), g.getValue(), r -> r.accuracy());
      if (gain != null) {
        out.add(gain);
      }
    }
    return out;
  }

  /** Pairs the lowest and the highest i by seed; null where the setting lacks an end. */
  static Gain of(List<Object> key, List<Run> runs, ToDoubleFunction<Run> accuracy) {
    double lo = runs.stream().mapToDouble(r -> r.number("interpolation")).min().orElse(0);
    double hi = runs.stream().mapToDouble(r -> r.number("interpolation")).max().orElse(0);
    if (lo == hi) {
      return null;
    }
    Map<Long, Double> low = bySeed(runs, lo, accuracy);
    Map<Long, Double> high = bySeed(runs, hi, accuracy);
    low.keySet().retainAll(high.keySet());
    high.keySet().retainAll(low.keySet());
    if (low.isEmpty()) {
      return null;
    }
    double[] gains = new double[low.size()];
    double[] lows = new double[low.size()];
    double[] highs = new double[low.size()];
    int k = 0;
    for (Long seed : low.keySet()) {
      lows[k] = low.get(seed);
      highs[k] = high.get(seed);
      gains[k] = highs[k] - lows[k];
      k++;
    }
    Run first = runs.get(0);
    return new Gain(key, lo, hi, gains, StatUtils.mean(lows), StatUtils.mean(highs),
        first.chance(), first.noisy());
  }

  /** Accuracy per seed at one i; several runs of a seed there (envelope input) average. */
  private static Map<Long, Double> bySeed(List<Run> runs, double i,
      ToDoubleFunction<Run> accuracy) {
    Map<Long, List<Double>> values = new TreeMap<>();
    for (Run r : runs) {
      if (r.number("interpolation") == i) {
        values.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(accuracy.applyAsDouble(r));
      }
    }
    Map<Long, Double> out = new TreeMap<>();
    values.forEach((s, v) -> out.put(s, v.stream().mapToDouble(Double::doubleValue).average()
        .orElseThrow()));
    return out;
  }
}
