package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authors' envelope view of a sweep: per seed and (model, depth, family, i, EP), the run
 * with the highest accuracy over every other swept axis (training conventions kept apart).
 */
final class Envelope {
  /**
   * Columns the envelope keeps; it takes the maximum over every other swept axis. Training
   * conventions and recipes are kept apart: the best of two conventions is neither.
   */
  static final List<String> KEEPS = Labels.withSizeOptions("model", "data_path", "family",
      "interpolation", "error_probability", "recipe", "init", "classifier_activation",
      "relu_derivative_at_zero");

  private Envelope() {}

  /** The swept axes the envelope maximises over; empty where it equals the mean view. */
  static List<String> axes(SweepData data) {
    return data.varyingExcept(KEEPS.toArray(String[]::new));
  }

  /** The varying columns the envelope keeps. */
  static List<String> keys(SweepData data) {
    List<String> kept = new ArrayList<>(data.varying);
    kept.retainAll(KEEPS);
    return kept;
  }

  /** Per seed and kept setting, the run with the highest accuracy over the other axes. */
  static List<Run> runs(SweepData data) {
    List<String> kept = keys(data);
    Map<List<Object>, Run> best = new LinkedHashMap<>();
    for (Run r : data.usable()) {
      List<Object> key = new ArrayList<>();
      for (String c : kept) {
        key.add(r.get(c));
      }
      key.add(r.seed());
      best.merge(key, r, (a, b) -> b.accuracy() > a.accuracy() ? b : a);
    }
    return List.copyOf(best.values());
  }
}
