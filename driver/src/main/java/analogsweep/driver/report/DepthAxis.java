package analogsweep.driver.report;

import analogsweep.driver.report.SweepData.Run;
import java.util.ArrayList;
import java.util.List;

/**
 * A depth axis of one model, for F3 and the figures over depth; {@code coVarying} columns follow
 * it and are no setting.
 */
record DepthAxis(String name, String model, List<String> coVarying) {
  /** The depth axes of the models (F3 fits the gain's slope over each). */
  static final List<DepthAxis> ALL = List.of(
      new DepthAxis("conv_depth", "convnet", List.of()),
      new DepthAxis("linear_depth", "convnet", List.of("hidden_sizes")),
      new DepthAxis("hidden_layers", "linear", List.of("hidden_sizes", "linear_depth")),
      new DepthAxis("vit_depth", "vit", List.of()));

  double depth(Run r) {
    if (name.equals("hidden_layers")) {
      Object sizes = r.get("hidden_sizes");
      return sizes instanceof List<?> l ? l.size() : Double.NaN;
    }
    return r.number(name);
  }

  /** The usable runs of this axis's model, or none where its depth does not vary. */
  List<Run> runs(SweepData data) {
    return runs(data.usable());
  }

  /** Those of {@code usable} (all runs, or the envelope's) of this axis's model, as above. */
  List<Run> runs(List<Run> usable) {
    List<Run> runs = usable.stream().filter(r -> model.equals(r.get("model"))).toList();
    long depths = runs.stream().mapToDouble(this::depth).filter(d -> !Double.isNaN(d))
        .distinct().count();
    return depths < 2 ? List.of() : runs;
  }

  /** The setting columns of this axis: every varying one but i, the axis and what follows it. */
  List<String> keys(SweepData data) {
    return keys(data.varying);
  }

  /** The same, from the columns a view keeps ({@code SweepData.varying}, or the envelope's). */
  List<String> keys(List<String> varying) {
    List<String> keys = new ArrayList<>(varying);
    keys.remove("interpolation");
    keys.remove(name);
    keys.removeAll(coVarying);
    return keys;
  }
}
