package analogsweep.driver.report;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bootstrap intervals {@link Intervals} made, by sample: a report asks for one sample's
 * interval several times (its table, its figure and its finding, at 95% and at 90%), and each
 * asking cost a full bootstrap, {@value Intervals#RESAMPLES} draws per value: a pass over every
 * run of a 10^5-point sweep took 10^9 draws. Every bootstrap restarts from {@link Intervals#SEED},
 * so a kept interval is the one that would be made again. A sample is its values bit for bit and
 * in order (a bootstrap depends on the order). Each bootstrap keeps the bounds at the report's
 * levels (95% and 90%) and the one asked for. Holds samples of at most {@code maxValues} values
 * in all (a copy of each), dropping those used longest ago. Safe to share between threads.
 */
final class BootstrapCache {
  /** Levels whose bounds every bootstrap keeps, whichever was asked. */
  private static final List<Double> KEPT_LEVELS = List.of(0.95, 0.90);

  /** A sample by content; the values are a copy, so a caller may reuse its array. */
  private record Sample(double[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Sample s && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  private final long maxValues;
  /** Bounds {low, high} by level, per sample, in the order of last use. */
  private final LinkedHashMap<Sample, Map<Double, double[]>> kept =
      new LinkedHashMap<>(16, 0.75f, true);
  private long heldValues;

  BootstrapCache(long maxValues) {
    this.maxValues = maxValues;
  }

  /**
   * {@link Intervals#bounds} at {@code level} of the bootstrap of {@code values}: kept ones, else
   * made from {@link Intervals#bootstrapMeans} and kept.
   */
  double[] bounds(double[] values, double level) {
    Sample key = new Sample(values.clone());
    synchronized (this) {
      Map<Double, double[]> bounds = kept.get(key);
      if (bounds != null && bounds.containsKey(level)) {
        return bounds.get(level).clone();
      }
    }
    double[] means = Intervals.bootstrapMeans(key.values());
    Map<Double, double[]> bounds = new HashMap<>();
    for (double l : KEPT_LEVELS) {
      bounds.put(l, Intervals.bounds(means, l));
    }
    bounds.put(level, Intervals.bounds(means, level));
    synchronized (this) {
      Map<Double, double[]> before = kept.put(key, bounds);
      if (before != null) {
        bounds.putAll(before);
      } else {
        heldValues += key.values().length;
      }
      for (Iterator<Map.Entry<Sample, Map<Double, double[]>>> it = kept.entrySet().iterator();
          heldValues > maxValues && kept.size() > 1; ) {
        heldValues -= it.next().getKey().values().length;
        it.remove();
      }
    }
    return bounds.get(level).clone();
  }

  /** How many samples are kept, for tests. */
  synchronized int size() {
    return kept.size();
  }
}
