package analogsweep.sweep;

import analogsweep.analysis.GradientErrorPoint;
import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.grid.Section;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a sweep file (YAML). Sections set fixed values, {@code grid} lists values per field and
 * the sweep is the cartesian product; {@code seeds} is short for {@code grid.seed}. Every error
 * names the key path (for example {@code grid.precision[2]}), what was expected and what was
 * found; unknown keys, duplicate keys, empty lists and repeated values are refused. The format
 * is documented in the README.
 */
public final class SweepFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  /** Section keys and the grid-point field each one sets, from the field catalogue. */
  static final Map<String, Map<String, GridField>> SECTIONS = new LinkedHashMap<>();
  /**
   * The largest grid this reader expands (the paper's largest sweep has 1,540 points); a bigger
   * one is almost certainly a typo, and its points alone would take gigabytes of the driver's
   * heap.
   */
  public static final int MAX_POINTS = 100_000;

  static {
    for (Section section : Section.values()) {
      if (section == Section.SEED) {
        continue; // the seed is set by seeds: or grid.seed
      }
      Map<String, GridField> keys = new LinkedHashMap<>();
      for (GridField f : GridField.of(section)) {
        keys.put(f.key(), f);
      }
      SECTIONS.put(section.id(), keys);
    }
  }

  private static final List<String> TOP_KEYS = List.of("name", "kind", "description", "data",
      "model", "activation", "analog", "training", "seeds", "grid", "analysis");
  /** The fields a gradient-error sweep may set or vary. */
  private static final List<GridField> ANALYSIS_FIELDS = List.of(GridField.FAMILY,
      GridField.INTERPOLATION, GridField.GATE_SCALE, GridField.LEAK, GridField.PRECISION,
      GridField.ERROR_PROBABILITY, GridField.NOISE, GridField.SEED);
  /** The data path recorded on the internal grid points of a gradient-error sweep. */
  private static final String NO_DATA = "(none: gradient-error analysis)";

  private SweepFile() {}

  public static Sweep read(Path file) {
    return read(file, List.of());
  }

  /**
   * Reads a sweep file with {@code --set} overrides applied before validation, each
   * {@code KEY.PATH=VALUE} (the value read as YAML: {@code 32}, {@code none}, {@code [1, 2, 3]})
   * or {@code ~KEY.PATH} to remove a key; the result is validated exactly like a file that said
   * so itself.
   */
  public static Sweep read(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidValueException(file.toString(), "no such sweep file");
    } catch (IOException e) {
      throw new InvalidValueException(file.toString(), "cannot read: " + e.getMessage());
    }
    return parse(text, file.toString(), overrides);
  }

  /** Parses sweep text; {@code source} names it in messages. */
  public static Sweep parse(String text, String source) {
    return parse(text, source, List.of());
  }

  /** Parses sweep text with {@code --set} overrides ({@link #read(Path, List)}). */
  public static Sweep parse(String text, String source, List<String> overrides) {
    try {
      return new Reader(source).read(text, overrides);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(source + ": " + e.field(),
          e.getMessage().substring(e.field().length() + 2));
    }
  }

  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    Sweep read(String text, List<String> overrides) {
      JsonNode root;
      try {
        root = Json.YAML.readTree(text);
      } catch (JsonProcessingException e) {
        String key = badNumberKey(text);
        if (key != null) {
          throw new InvalidValueException(key, "expected a finite number, found "
              + e.getOriginalMessage().replaceFirst("^Malformed numeric value ", ""));
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
            + ", column " + e.getLocation().getColumnNr();
        throw new InvalidValueException("yaml", "not valid YAML" + where + ": "
            + e.getOriginalMessage());
      }
      if (!overrides.isEmpty()) {
        root = Overrides.apply(root, overrides);
        text = "# " + source + " with --set " + String.join(" --set ", overrides) + "\n"
            + Overrides.yaml(root);
      }
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new InvalidValueException("(file)", "empty sweep file");
      }
      if (!root.isObject()) {
        throw new InvalidValueException("(file)", "expected a mapping of sections at the top, "
            + "found " + root.getNodeType().toString().toLowerCase());
      }
      refuseUnknown((ObjectNode) root, "", TOP_KEYS);
      String name = text(root, "name", true);
      if (!NAME.matcher(name).matches()) {
        throw new InvalidValueException("name", "expected letters, digits, '.', '_' or '-' "
            + "(at most 100, starting with a letter or digit), found \"" + name + "\"");
      }
      String kindText = root.has("kind") ? text(root, "kind", true) : "train";
      SweepKind kind = switch (kindText) {
        case "train" -> SweepKind.TRAIN;
        case "gradient-error" -> SweepKind.GRADIENT_ERROR;
        default -> throw new InvalidValueException("kind",
            "expected train or gradient-error, found \"" + kindText + "\"");
      };
      String description = root.has("description") ? text(root, "description", false) : "";
      boolean analysis = kind == SweepKind.GRADIENT_ERROR;
      for (String section : List.of("data", "model", "training")) {
        if (analysis && root.has(section)) {
          throw new InvalidValueException(section, "not used by kind gradient-error, which "
              + "trains nothing; leave it out");
        }
      }
      if (!analysis && root.has("analysis")) {
        throw new InvalidValueException("analysis", "only for kind gradient-error");
      }
      int planePrecision = 256;
      int mapSize = 129;
      if (analysis && root.has("analysis")) {
        JsonNode a = root.get("analysis");
        if (!a.isObject()) {
          throw new InvalidValueException("analysis", "expected a mapping of [plane_precision, "
              + "map_size], found " + describe(a));
        }
        refuseUnknown((ObjectNode) a, "analysis.", List.of("plane_precision", "map_size"));
        if (a.has("plane_precision")) {
          planePrecision = GridField.readInt("analysis.plane_precision",
              value(a.get("plane_precision")));
        }
        if (a.has("map_size")) {
          mapSize = GridField.readInt("analysis.map_size", value(a.get("map_size")));
        }
      }

      Map<GridField, Object> fixed = new LinkedHashMap<>();
      Map<GridField, String> where = new HashMap<>();
      for (Map.Entry<String, Map<String, GridField>> section : SECTIONS.entrySet()) {
        JsonNode node = root.get(section.getKey());
        if (node == null) {
          continue;
        }
        if (!node.isObject()) {
          throw new InvalidValueException(section.getKey(), "expected a mapping of "
              + section.getValue().keySet() + ", found " + describe(node));
        }
        refuseUnknown((ObjectNode) node, section.getKey() + ".",
            List.copyOf(section.getValue().keySet()));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          GridField f = section.getValue().get(e.getKey());
          String path = section.getKey() + "." + e.getKey();
          if (analysis && !ANALYSIS_FIELDS.contains(f)) {
            throw new InvalidValueException(path, "not used by kind gradient-error");
          }
          Object raw = value(e.getValue());
          f.read(path, raw); // fails early, naming the key, on a value of the wrong type
          fixed.put(f, raw);
          where.put(f, path);
        }
      }
      if (analysis) {
        fixed.put(GridField.DATA_PATH, NO_DATA);
        where.put(GridField.DATA_PATH, "kind");
      }
      JsonNode gridNode = root.get("grid");
      if (!fixed.containsKey(GridField.DATA_PATH)
          && !(gridNode != null && gridNode.isObject() && gridNode.has("data_path"))) {
        throw new InvalidValueException("data.path", "required: the folder that holds the "
            + "dataset (IDX or CIFAR binary files), or grid.data_path");
      }

      Map<String, List<Object>> axes = new LinkedHashMap<>();
      Map<GridField, String> axisWhere = new HashMap<>();
      JsonNode grid = root.get("grid");
      if (grid != null) {
        if (!grid.isObject()) {
          throw new InvalidValueException("grid", "expected a mapping of field: [values], found "
              + describe(grid));
        }
        if (grid.isEmpty()) {
          throw new InvalidValueException("grid", "empty: give at least one field with values, "
              + "or leave out grid for a single point");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          GridField f = GridField.byColumn(e.getKey());
          if (f == null) {
            throw new InvalidValueException("grid." + e.getKey(), "unknown grid field, expected "
                + "one of " + GridField.columns());
          }
          if (analysis && !ANALYSIS_FIELDS.contains(f)) {
            throw new InvalidValueException("grid." + e.getKey(), "not a field of kind "
                + "gradient-error, expected one of " + ANALYSIS_FIELDS.stream()
                .map(GridField::column).toList());
          }
          if (fixed.containsKey(f)) {
            throw new InvalidValueException("grid." + e.getKey(), "also set as " + where.get(f)
                + "; a field is either fixed or a grid axis");
          }
          axes.put(f.column(), values("grid." + e.getKey(), f, e.getValue()));
          axisWhere.put(f, "grid." + e.getKey());
        }
      }
      if (root.has("seeds")) {
        if (axes.containsKey("seed")) {
          throw new InvalidValueException("seeds", "also given as grid.seed; use one of them");
        }
        if (fixed.containsKey(GridField.SEED)) {
          throw new InvalidValueException("seeds", "also set as " + where.get(GridField.SEED));
        }
        axes.put("seed", values("seeds", GridField.SEED, root.get("seeds")));
        axisWhere.put(GridField.SEED, "seeds");
      }
      long total = 1;
      for (List<Object> v : axes.values()) {
        total *= v.size();
        if (total > MAX_POINTS) {
          throw new InvalidValueException("grid", "expands to more than " + MAX_POINTS
              + " grid points");
        }
      }
      List<GridPoint> points = expand(fixed, where, axes, axisWhere);
      if (!analysis) {
        return new Sweep(name, kind, description, source, text, axes, points, List.of());
      }
      List<GradientErrorPoint> analyses = new ArrayList<>();
      for (GridPoint p : points) {
        analyses.add(GradientErrorPoint.of(p, planePrecision, mapSize));
      }
      return new Sweep(name, kind, description, source, text, axes, List.of(), analyses);
    }

    private List<GridPoint> expand(Map<GridField, Object> fixed, Map<GridField, String> where,
        Map<String, List<Object>> axes, Map<GridField, String> axisWhere) {
      List<GridField> fields = new ArrayList<>();
      for (String column : axes.keySet()) {
        fields.add(GridField.byColumn(column));
      }
      int[] index = new int[fields.size()];
      List<GridPoint> points = new ArrayList<>();
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
        if (!ids.add(p.taskId())) {
          throw new InvalidValueException("grid", "two combinations give the same grid point "
              + "(for example " + p.columns() + "); remove the repeated value");
        }
        points.add(p);
        int k = fields.size() - 1;
        while (k >= 0 && ++index[k] == axes.get(fields.get(k).column()).size()) {
          index[k] = 0;
          k--;
        }
        if (k < 0) {
          return points;
        }
      }
    }

    private List<Object> values(String path, GridField f, JsonNode node) {
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
      List<Object> typed = new ArrayList<>();
      for (int k = 0; k < out.size(); k++) {
        Object v = f.read(path + "[" + k + "]", out.get(k));
        if (typed.contains(v)) {
          throw new InvalidValueException(path + "[" + k + "]", "repeats the value " + v);
        }
        typed.add(v);
      }
      return out;
    }

    /** {from, to, step} expanded with decimal arithmetic, so 0.1 steps give 0.3, not 0.30000000000000004. */
    private List<Object> range(String path, JsonNode node) {
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

    private BigDecimal decimal(String path, JsonNode node) {
      if (node == null) {
        throw new InvalidValueException(path, "required in a range {from, to, step}");
      }
      if (!node.isNumber()) {
        throw new InvalidValueException(path, "expected a number, found " + describe(node));
      }
      return node.decimalValue();
    }

    /**
     * The key path of the first number YAML cannot read (.nan, .inf), such as
     * {@code grid.interpolation[1]}, found by streaming through the text; null if there is none.
     */
    private static String badNumberKey(String text) {
      try (com.fasterxml.jackson.core.JsonParser p = Json.YAML.getFactory().createParser(text)) {
        while (p.nextToken() != null) {
          if (p.currentToken().isNumeric()) {
            try {
              p.getNumberValue();
            } catch (JsonProcessingException e) {
              return keyPath(p.getParsingContext());
            }
          }
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    }

    private static String keyPath(com.fasterxml.jackson.core.JsonStreamContext context) {
      StringBuilder sb = new StringBuilder();
      List<com.fasterxml.jackson.core.JsonStreamContext> chain = new ArrayList<>();
      for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
        chain.add(0, c);
      }
      for (var c : chain) {
        if (c.inObject()) {
          sb.append(sb.length() == 0 ? "" : ".").append(c.getCurrentName());
        } else if (c.inArray()) {
          sb.append('[').append(c.getCurrentIndex()).append(']');
        }
      }
      return sb.length() == 0 ? "yaml" : sb.toString();
    }

    private static Object value(JsonNode node) {
      try {
        return Json.YAML.treeToValue(node, Object.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String text(JsonNode root, String key, boolean required) {
      JsonNode n = root.get(key);
      if (n == null) {
        if (required) {
          throw new InvalidValueException(key, "required");
        }
        return "";
      }
      if (!n.isTextual() || n.asText().isBlank()) {
        throw new InvalidValueException(key, "expected a non-empty text, found " + describe(n));
      }
      return n.asText();
    }

    private static void refuseUnknown(ObjectNode node, String prefix, List<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!allowed.contains(key)) {
          throw new InvalidValueException(prefix + key, "unknown key, expected one of " + allowed);
        }
      }
    }

    private static String describe(JsonNode n) {
      return switch (n.getNodeType()) {
        case STRING -> "the text \"" + n.asText() + "\"";
        case ARRAY -> "a list";
        case OBJECT -> "a mapping";
        case NULL -> "nothing (null)";
        default -> n.getNodeType().toString().toLowerCase() + " " + n;
      };
    }
  }
}
