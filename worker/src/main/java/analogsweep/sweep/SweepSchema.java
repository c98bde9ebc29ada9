package analogsweep.sweep;

import analogsweep.common.Json;
import analogsweep.grid.ColumnType;
import analogsweep.grid.FieldRange;
import analogsweep.grid.GridField;
import analogsweep.grid.Section;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of sweep files, generated from the field catalogue
 * ({@link GridField}, {@link FieldRange}): every section key and grid key with its type, range
 * or values, default and meaning. Editors that read JSON Schema (VS Code's YAML extension, IntelliJ)
 * complete and check sweep files with it; the reader ({@link SweepFile}) stays the authority on
 * rules that span fields (a field either fixed or a grid axis, EP needing a precision). The
 * repository holds it as {@code sweeps/sweep.schema.json}; a test keeps that file equal to this
 * output and validates every example sweep against it.
 */
public final class SweepSchema {
  private SweepSchema() {}

  /** The schema as indented JSON, with a final newline. */
  public static String json() {
    return Json.write(schema()) + "\n";
  }

  static ObjectNode schema() {
    ObjectNode root = Json.JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://analogsweep.invalid/sweep.schema.json");
    root.put("title", "analogsweep sweep file");
    root.put("description", "A sweep: sections fix values, grid lists values per field, and the "
        + "sweep is their cartesian product. Generated from the field catalogue (GridField).");
    root.put("type", "object");
    root.put("additionalProperties", false);
    root.putArray("required").add("name");
    ObjectNode props = root.putObject("properties");
    props.putObject("name").put("type", "string").put("pattern",
        "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$").put("description",
        "names the output folder: letters, digits, . _ -");
    props.putObject("kind").put("description", "train (default) or gradient-error")
        .putArray("enum").add("train").add("gradient-error");
    props.putObject("description").put("type", "string");
    for (Section section : Section.values()) {
      if (section == Section.SEED) {
        continue;
      }
      ObjectNode s = props.putObject(section.id());
      s.put("type", "object");
      s.put("additionalProperties", false);
      ObjectNode keys = s.putObject("properties");
      for (GridField f : GridField.of(section)) {
        keys.set(f.key(), value(f));
      }
    }
    props.set("seeds", axis(GridField.SEED));
    ObjectNode grid = props.putObject("grid");
    grid.put("type", "object");
    grid.put("additionalProperties", false);
    grid.put("minProperties", 1);
    ObjectNode axes = grid.putObject("properties");
    for (GridField f : GridField.values()) {
      axes.set(f.column(), axis(f));
    }
    ObjectNode analysis = props.putObject("analysis");
    analysis.put("type", "object");
    analysis.put("additionalProperties", false);
    analysis.put("description", "gradient-error sweeps only");
    ObjectNode a = analysis.putObject("properties");
    a.putObject("plane_precision").put("type", "integer").put("minimum", 1).put("description",
        "the (x, w) plane has 2p+1 points per axis (default 256)");
    a.putObject("map_size").put("type", "integer").put("minimum", 1).put("description",
        "cells per axis of the stored map (default 129)");
    ObjectNode threshold = props.putObject("threshold");
    threshold.put("type", "object");
    threshold.put("additionalProperties", false);
    threshold.putArray("required").add("over");
    threshold.put("description", "train sweeps only: bisect the field over, per setting of the "
        + "grid, to where accuracy falls to the target (fraction or accuracy, one of them)");
    ObjectNode t = threshold.putObject("properties");
    t.putObject("over").put("description", "the field the search sets")
        .putArray("enum").add("error_probability").add("precision");
    t.putObject("fraction").put("type", "number").put("exclusiveMinimum", 0)
        .put("exclusiveMaximum", 1).put("description", "target: this fraction of the accuracy "
            + "at the range's clean end (EP low, or precision high)");
    t.putObject("accuracy").put("type", "number").put("exclusiveMinimum", 0)
        .put("exclusiveMaximum", 1).put("description", "target: this test accuracy");
    ObjectNode range = t.putObject("range");
    range.put("type", "array").put("minItems", 2).put("maxItems", 2).put("description",
        "[low, high] (default EP [0, 0.96], precision [1, 64])");
    range.putObject("items").put("type", "number").put("minimum", 0);
    t.putObject("resolution").put("type", "number").put("exclusiveMinimum", 0).put(
        "description", "stop when the bracket is this narrow (default EP 0.05, precision 1)");
    return root;
  }

  /** The schema of one value of a field. */
  static ObjectNode value(GridField f) {
    ObjectNode v = Json.JSON.createObjectNode();
    v.put("description", FieldRange.help(f));
    List<String> values = FieldRange.values(f);
    FieldRange r = FieldRange.of(f);
    if (!values.isEmpty()) {
      ArrayNode e = v.putArray("enum");
      values.forEach(e::add);
      if (f == GridField.RELU_DERIVATIVE_AT_ZERO) {
        e.add(1); // YAML reads an unquoted 1 as a number
      }
      return v;
    }
    if (f.type() == ColumnType.BOOLEAN) {
      return v.put("type", "boolean");
    }
    if (f.type() == ColumnType.STRING) {
      return v.put("type", "string").put("minLength", 1);
    }
    if (f.type() == ColumnType.INT_LIST) {
      ArrayNode one = v.putArray("oneOf");
      ObjectNode list = one.addObject().put("type", "array");
      bounded(list.putObject("items").put("type", "integer"), r);
      bounded(one.addObject().put("type", "integer"), r);
      one.addObject().put("type", "string").put("pattern", "^\\s*\\d+\\s*(,\\s*\\d+\\s*)*$");
      return v;
    }
    ObjectNode number = Json.JSON.createObjectNode().put("type",
        f.type() == ColumnType.DOUBLE ? "number" : "integer");
    bounded(number, r);
    if (f == GridField.PRECISION || f == GridField.ERROR_PROBABILITY
        || f.nullText().equals("same")) {
      ArrayNode one = v.putArray("oneOf");
      one.add(number);
      one.addObject().put("const", f.nullText());
      one.addObject().put("type", "null");
      return v;
    }
    v.setAll(number);
    return v;
  }

  private static ObjectNode bounded(ObjectNode n, FieldRange r) {
    if (r == null || r.min() == Long.MIN_VALUE) {
      return n;
    }
    n.put(r.minOpen() ? "exclusiveMinimum" : "minimum", number(r.min()));
    n.put(r.maxOpen() ? "exclusiveMaximum" : "maximum", number(r.max()));
    return n;
  }

  private static double number(double v) {
    return v;
  }

  /** A grid axis: a non-empty list of values, or a range {from, to, step}. */
  static ObjectNode axis(GridField f) {
    ObjectNode axis = Json.JSON.createObjectNode();
    axis.put("description", FieldRange.help(f));
    ArrayNode one = axis.putArray("oneOf");
    ObjectNode list = one.addObject().put("type", "array").put("minItems", 1);
    ObjectNode item = value(f);
    item.remove("description");
    list.set("items", item);
    if (f.type() == ColumnType.DOUBLE || f.type() == ColumnType.INT
        || f.type() == ColumnType.LONG) {
      ObjectNode range = one.addObject().put("type", "object").put("additionalProperties", false);
      range.putArray("required").add("from").add("to").add("step");
      ObjectNode p = range.putObject("properties");
      p.putObject("from").put("type", "number");
      p.putObject("to").put("type", "number");
      p.putObject("step").put("type", "number").put("exclusiveMinimum", 0);
    }
    return axis;
  }
}
