package analogsweep.sweep;

import static analogsweep.sweep.YamlNodes.describe;
import static analogsweep.sweep.YamlNodes.refuseUnknown;
import static analogsweep.sweep.YamlNodes.text;
import static analogsweep.sweep.YamlNodes.value;

import analogsweep.analysis.GradientErrorPoint;
import analogsweep.common.InvalidValueException;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Section;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a sweep file (YAML). Sections set fixed values, {@code grid} lists values per field and
 * the sweep is the cartesian product; {@code seeds} is short for {@code grid.seed}. Every error
 * names the key path (for example {@code grid.precision[2]}), what was expected and what was
 * found; unknown keys, duplicate keys, empty lists and repeated values are refused. The format
 * is documented in docs/sweep-files.md. The grid's values and product are {@link GridAxes}'s, the
 * YAML tree and its messages {@link YamlNodes}', {@code --set} {@link Overrides}'.
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
      "model", "activation", "analog", "training", "seeds", "grid", "analysis", "threshold");
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
    } catch (CharacterCodingException e) {
      throw new InvalidValueException(file.toString(), "not a sweep file: not UTF-8 text "
          + "(a sweep file is YAML)");
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
    return parse(text, source, overrides, FolderRecipe.current());
  }

  /**
   * Parses sweep text with overrides, completing points that name no recipe with {@code recipe}'s
   * and those that leave a field pinned by its revision open with the pinned value: the recipe
   * and revision of the folder the sweep runs into (analogsweep-1 for one created before recipes
   * existed), so that its points keep their ids.
   */
  public static Sweep parse(String text, String source, List<String> overrides,
      FolderRecipe recipe) {
    try {
      return new Reader(source, recipe).read(text, overrides);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(source + ": " + e.field(),
          e.getMessage().substring(e.field().length() + 2));
    }
  }

  /** One reading of one sweep text: the sections in the order their errors are reported. */
  private static final class Reader {
    private final String source;
    private boolean analysis;
    private final Map<GridField, Object> fixed = new LinkedHashMap<>();
    private final Map<GridField, String> where = new HashMap<>();
    private final Map<String, List<Object>> axes = new LinkedHashMap<>();
    private final Map<GridField, String> axisWhere = new HashMap<>();

    private final FolderRecipe recipe;

    Reader(String source, FolderRecipe recipe) {
      this.source = source;
      this.recipe = recipe;
    }

    Sweep read(String text, List<String> overrides) {
      JsonNode root = YamlNodes.tree(text);
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
      SweepKind kind = kind(root);
      String description = root.has("description") ? text(root, "description", false) : "";
      analysis = kind == SweepKind.GRADIENT_ERROR;
      int[] plane = analysisSettings(root);
      fixedSections(root);
      gridAxes(root);
      seeds(root);
      if (!analysis && !fixed.containsKey(GridField.RECIPE)
          && !axes.containsKey(GridField.RECIPE.column())) {
        fixed.put(GridField.RECIPE, recipe.recipe().id());
        where.put(GridField.RECIPE, "recipe (of the output folder)");
      }
      for (Map.Entry<GridField, Object> pin : recipe.pinned().entrySet()) {
        GridField f = pin.getKey();
        if (!analysis && !fixed.containsKey(f) && !axes.containsKey(f.column())) {
          fixed.put(f, pin.getValue());
          where.put(f, f.column() + " (the output folder's, of recipe revision "
              + recipe.revision() + ")");
        }
      }
      ThresholdSearch search = threshold(root);
      if (search != null) { // the points of the grid at the clean end, then at both ends
        fixed.put(search.over(), search.fieldValue(search.cleanEnd()));
        where.put(search.over(), "threshold.range");
      }
      GridAxes.Grid grid = GridAxes.expand(fixed, where, axes, axisWhere);
      if (!analysis && search != null) {
        return new Sweep(name, kind, description, source, text, axes, ends(grid.points(), search),
            List.of(), recipe, search);
      }
      if (!analysis) {
        return new Sweep(name, kind, description, source, text, axes, grid.points(), List.of(),
            recipe, null, grid.taskIds());
      }
      List<GradientErrorPoint> analyses = new ArrayList<>();
      for (GridPoint p : grid.points()) {
        analyses.add(GradientErrorPoint.of(p, plane[0], plane[1]));
      }
      return new Sweep(name, kind, description, source, text, axes, List.of(), analyses,
          recipe);
    }

    /** The {@code threshold:} section, or null; only for training sweeps. */
    private ThresholdSearch threshold(JsonNode root) {
      if (!root.has("threshold")) {
        return null;
      }
      if (analysis) {
        throw new InvalidValueException("threshold", "only for kind train: a threshold search "
            + "trains at the values it bisects");
      }
      return ThresholdSearch.parse(root.get("threshold"),
          f -> where.containsKey(f) ? where.get(f) : axisWhere.get(f));
    }

    /**
     * The first round of a threshold search: every grid point at both ends of the range (the
     * sweep file's grid gives the settings; the search sets the field it bisects).
     */
    private static List<GridPoint> ends(List<GridPoint> points, ThresholdSearch search) {
      List<GridPoint> out = new ArrayList<>(2 * points.size());
      for (GridPoint p : points) {
        if (search.over() == GridField.ERROR_PROBABILITY && p.analog().precision() == null) {
          throw new InvalidValueException("threshold.over", "error_probability needs a "
              + "precision (analog.precision): noise is defined through it");
        }
        for (double v : new double[] {search.cleanEnd(), search.noisyEnd()}) {
          out.add(p.toBuilder().set(search.over(), search.fieldValue(v), "threshold.range")
              .build());
        }
      }
      return out;
    }

    private static SweepKind kind(JsonNode root) {
      String kindText = root.has("kind") ? text(root, "kind", true) : "train";
      return switch (kindText) {
        case "train" -> SweepKind.TRAIN;
        case "gradient-error" -> SweepKind.GRADIENT_ERROR;
        default -> throw new InvalidValueException("kind",
            "expected train or gradient-error, found \"" + kindText + "\"");
      };
    }

    /**
     * Refuses the sections of the other kind; returns the gradient-error analysis's plane
     * precision and map size (defaults 256 and 129).
     */
    private int[] analysisSettings(JsonNode root) {
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
      return new int[] {planePrecision, mapSize};
    }

    /** The fixed values of the sections, each checked for its type; data.path is required. */
    private void fixedSections(JsonNode root) {
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
    }

    /** The axes of {@code grid}: known fields of this kind, none also fixed. */
    private void gridAxes(JsonNode root) {
      JsonNode grid = root.get("grid");
      if (grid == null) {
        return;
      }
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
        axes.put(f.column(), GridAxes.values("grid." + e.getKey(), f, e.getValue()));
        axisWhere.put(f, "grid." + e.getKey());
      }
    }

    /** {@code seeds:}, short for grid.seed; then the size limit of the whole grid. */
    private void seeds(JsonNode root) {
      if (root.has("seeds")) {
        if (axes.containsKey("seed")) {
          throw new InvalidValueException("seeds", "also given as grid.seed; use one of them");
        }
        if (fixed.containsKey(GridField.SEED)) {
          throw new InvalidValueException("seeds", "also set as " + where.get(GridField.SEED));
        }
        axes.put("seed", GridAxes.values("seeds", GridField.SEED, root.get("seeds")));
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
    }
  }
}
