package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The swept axes the envelope maximises over: those that take two or more values within one
   * kept setting. Empty where it equals the mean view, as in a report joining two models whose
   * recipes differ only between them (the ViT's cosine schedule against the ConvNet's fixed one).
   */
  static List<String> axes(SweepData data) {
    List<String> kept = keys(data);
    List<String> out = new ArrayList<>();
    for (String c : data.varyingExcept(KEEPS.toArray(String[]::new))) {
      Map<List<Object>, Set<Object>> values = new HashMap<>();
      for (Run r : data.usable()) {
        List<Object> key = new ArrayList<>();
        for (String k : kept) {
          key.add(r.get(k));
        }
        Set<Object> seen = values.computeIfAbsent(key, x -> new HashSet<>());
        seen.add(r.get(c));
        if (seen.size() > 1) {
          out.add(c);
          break;
        }
      }
    }
    return out;
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
