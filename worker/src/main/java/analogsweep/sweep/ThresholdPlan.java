package analogsweep.sweep;

import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.sweep.ThresholdSearch.Outcome;
import analogsweep.sweep.ThresholdSearch.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each setting of a threshold search stands ({@link ThresholdSearch}), replayed from the
 * stored results (each run's best test accuracy by task id): the search's settings are the sweep
 * file's grid points at the clean end, less their seed; a value's accuracy is the mean over the
 * setting's seeds. {@code run} asks this after each round for the values to train next,
 * {@code status} and {@code plan} for what the search has planned, the report for the brackets.
 */
public final class ThresholdPlan {
  private ThresholdPlan() {}

  /** A setting: its grid point at the clean end and its first seed, and its seeds in order. */
  public record Setting(GridPoint template, List<Long> seeds) {
    /** The setting's grid point at {@code value} of the field searched and {@code seed}. */
    public GridPoint at(ThresholdSearch search, double value, long seed) {
      return template.toBuilder().set(search.over(), search.fieldValue(value))
          .set(GridField.SEED, seed).build();
    }

    /** The setting's points at {@code value}, one per seed. */
    public List<GridPoint> points(ThresholdSearch search, double value) {
      return seeds.stream().map(s -> at(search, value, s)).toList();
    }
  }

  /** A setting and where its search stands. */
  public record State(Setting setting, Walk walk) {}

  /** The settings of a threshold sweep, in the order of its grid. */
  public static List<Setting> settings(Sweep sweep) {
    ThresholdSearch search = sweep.threshold();
    Object clean = search.fieldValue(search.cleanEnd());
    Map<String, GridPoint> templates = new LinkedHashMap<>();
    Map<String, Set<Long>> seeds = new HashMap<>();
    for (GridPoint p : sweep.points()) {
      if (!clean.equals(search.over().get(p))) {
        continue;
      }
      GridPoint first = p.toBuilder().set(GridField.SEED, 0L).build();
      String key = first.taskId();
      templates.putIfAbsent(key, p);
      seeds.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(p.seed());
    }
    List<Setting> out = new ArrayList<>();
    templates.forEach((key, p) -> out.add(new Setting(p, List.copyOf(seeds.get(key)))));
    return out;
  }

  /**
   * Each setting's search over the accuracies stored (by task id, a fraction; NaN where a stored
   * run has none that may be used: FAILED).
   */
  public static List<State> states(Sweep sweep, Map<String, Double> accuracies) {
    ThresholdSearch search = sweep.threshold();
    List<State> out = new ArrayList<>();
    for (Setting s : settings(sweep)) {
      out.add(new State(s, search.walk(v -> meanAt(s.points(search, v), accuracies))));
    }
    return out;
  }

  /**
   * The mean over the points' stored accuracies; null where one is not stored, NaN where none is
   * usable.
   */
  static Double meanAt(List<GridPoint> points, Map<String, Double> accuracies) {
    double sum = 0;
    int n = 0;
    for (GridPoint p : points) {
      Double a = accuracies.get(p.taskId());
      if (a == null) {
        return null;
      }
      if (!a.isNaN()) {
        sum += a;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The sweep planning every value its searches have tried or ask for next. */
  public static Sweep replanned(Sweep sweep, Map<String, Double> accuracies) {
    return planned(sweep, states(sweep, accuracies));
  }

  /**
   * The sweep planning every point the states have tried or ask for next, after the sweep file's
   * first round.
   */
  public static Sweep planned(Sweep sweep, List<State> states) {
    ThresholdSearch search = sweep.threshold();
    Map<String, GridPoint> points = new LinkedHashMap<>();
    for (int k = 0; k < sweep.size(); k++) {
      points.put(sweep.taskIds().get(k), sweep.points().get(k));
    }
    for (State st : states) {
      List<Double> values = new ArrayList<>();
      st.walk().probes().forEach(pr -> values.add(pr.value()));
      values.addAll(st.walk().next());
      for (double v : values) {
        for (GridPoint p : st.setting().points(search, v)) {
          points.putIfAbsent(p.taskId(), p);
        }
      }
    }
    return sweep.withPoints(new ArrayList<>(points.values()), new ArrayList<>(points.keySet()));
  }

  /** The grid columns whose values differ between settings, less seed and the field searched. */
  public static List<String> varying(List<State> states, ThresholdSearch search) {
    List<String> out = new ArrayList<>();
    for (String c : GridField.columns()) {
      if (c.equals("seed") || c.equals(search.over().column())) {
        continue;
      }
      Set<Object> seen = new LinkedHashSet<>();
      states.forEach(s -> seen.add(s.setting().template().columns().get(c)));
      if (seen.size() > 1) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * "2 of 6 bracketed; 3 of 6 searching (3 value(s) next); 1 of 6 above the target over the whole
   * range", the outcomes in the order the settings first reached them.
   */
  public static String summary(List<State> states) {
    Map<Outcome, Integer> counts = new LinkedHashMap<>();
    int next = 0;
    for (State s : states) {
      counts.merge(s.walk().outcome(), 1, Integer::sum);
      next += s.walk().next().size();
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Outcome, Integer> e : counts.entrySet()) {
      parts.add(e.getValue() + " of " + states.size() + " " + e.getKey().text()
          + (e.getKey() == Outcome.SEARCHING ? " (" + next + " value(s) next)" : ""));
    }
    return String.join("; ", parts);
  }
}
