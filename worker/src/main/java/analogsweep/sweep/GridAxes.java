package analogsweep.sweep;

import static analogsweep.sweep.YamlNodes.describe;
import static analogsweep.sweep.YamlNodes.refuseUnknown;
import static analogsweep.sweep.YamlNodes.value;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grid of a sweep file: one axis's values (a list, or a range {@code {from, to, step}}
 * expanded with decimal arithmetic), and the cartesian product of the axes over the fixed
 * values as grid points.
 */
final class GridAxes {
  private GridAxes() {}

  /** The values of one axis at {@code path}, each checked against the field; no repeats. */
  static List<Object> values(String path, GridField f, JsonNode node) {
    List<Object> out = new ArrayList<>();
    if (node.isObject()) {
      out.addAll(range(path, node));
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        throw new InvalidValueException(path, "empty list: a grid axis needs at least one "
            + "value");
      }
      for (JsonNode v : node) {
        out.add(value(v));
      }
    } else {
      throw new InvalidValueException(path, "expected a list of values or a range "
          + "{from, to, step}, found " + describe(node));
    }
    // a set, not the list: a sweep of 25,000 seeds spent half a minute looking for repeats
    Set<Object> typed = new HashSet<>();
    for (int k = 0; k < out.size(); k++) {
      Object v = f.read(path + "[" + k + "]", out.get(k));
      if (!typed.add(v)) {
        throw new InvalidValueException(path + "[" + k + "]", "repeats the value " + v);
      }
    }
    return out;
  }

  /**
   * {from, to, step} expanded with decimal arithmetic, so 0.1 steps give 0.3, not
   * 0.30000000000000004.
   */
  private static List<Object> range(String path, JsonNode node) {
    refuseUnknown((ObjectNode) node, path + ".", List.of("from", "to", "step"));
    BigDecimal from = decimal(path + ".from", node.get("from"));
    BigDecimal to = decimal(path + ".to", node.get("to"));
    BigDecimal step = decimal(path + ".step", node.get("step"));
    if (step.signum() <= 0) {
      throw new InvalidValueException(path + ".step", "must be positive, found " + step);
    }
    if (to.compareTo(from) < 0) {
      throw new InvalidValueException(path, "to (" + to + ") is below from (" + from + ")");
    }
    boolean integral = from.scale() <= 0 && step.scale() <= 0
        && from.stripTrailingZeros().scale() <= 0 && step.stripTrailingZeros().scale() <= 0;
    List<Object> out = new ArrayList<>();
    for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
      out.add(integral ? (Object) v.longValueExact() : (Object) v.doubleValue());
      if (out.size() > 100_000) {
        throw new InvalidValueException(path, "more than 100000 values");
      }
    }
    return out;
  }

  private static BigDecimal decimal(String path, JsonNode node) {
    if (node == null) {
      throw new InvalidValueException(path, "required in a range {from, to, step}");
    }
    if (!node.isNumber()) {
      throw new InvalidValueException(path, "expected a number, found " + describe(node));
    }
    return node.decimalValue();
  }

  /** Grid points and their task ids, in the same order. */
  record Grid(List<GridPoint> points, List<String> taskIds) {}

  /**
   * The grid points of every combination of the axes (the last axis varies fastest) over the
   * fixed values, with their ids (computed here anyway, to refuse repeats); {@code where} and
   * {@code axisWhere} name each field's key in messages.
   */
  static Grid expand(Map<GridField, Object> fixed, Map<GridField, String> where,
      Map<String, List<Object>> axes, Map<GridField, String> axisWhere) {
    List<GridField> fields = new ArrayList<>();
    for (String column : axes.keySet()) {
      fields.add(GridField.byColumn(column));
    }
    int[] index = new int[fields.size()];
    List<GridPoint> points = new ArrayList<>();
    List<String> order = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    while (true) {
      GridPoint.Builder b = GridPoint.builder();
      fixed.forEach((f, v) -> b.set(f, v, where.get(f)));
      for (int k = 0; k < fields.size(); k++) {
        GridField f = fields.get(k);
        b.set(f, axes.get(f.column()).get(index[k]),
            axisWhere.get(f) + "[" + index[k] + "]");
      }
      GridPoint p = b.build();
      String id = p.taskId();
      if (!ids.add(id)) {
        throw new InvalidValueException("grid", "two combinations give the same grid point "
            + "(for example " + p.columns() + "); remove the repeated value");
      }
      points.add(p);
      order.add(id);
      int k = fields.size() - 1;
      while (k >= 0 && ++index[k] == axes.get(fields.get(k).column()).size()) {
        index[k] = 0;
        k--;
      }
      if (k < 0) {
        return new Grid(points, order);
      }
    }
  }
}
