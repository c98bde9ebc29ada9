package analogsweep.grid;

import analogsweep.common.InvalidValueException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The range and unit of every numeric grid-point field, next to the catalogue
 * ({@link GridField}): the sections' validation checks values against it, and the help texts,
 * the field table of docs/sweep-files.md and the JSON Schema of sweep files print it, so all of
 * them say the same. {@link #help(GridField)} is a field's whole help line: meaning, values or range, unit,
 * default.
 */
public record FieldRange(double min, boolean minOpen, double max, boolean maxOpen, String text,
    String unit) {

  private static final Map<GridField, FieldRange> RANGES = new EnumMap<>(GridField.class);

  static {
    put(GridField.HIDDEN_SIZES, closed(1, 65536, "units per layer"));
    put(GridField.TRAIN_LIMIT, closed(0, Integer.MAX_VALUE, "images"));
    put(GridField.TEST_LIMIT, closed(0, Integer.MAX_VALUE, "images"));
    put(GridField.INTERPOLATION, closed(0, 1, ""));
    put(GridField.GATE_SCALE, new FieldRange(0, true, 100, false, "(0, 100]", ""));
    put(GridField.LEAK, new FieldRange(0, false, 1, true, "[0, 1)", ""));
    put(GridField.PRECISION, new FieldRange(1, false, 1 << 24, false, "[1, 2^24] or none",
        "levels per unit"));
    put(GridField.ERROR_PROBABILITY, new FieldRange(0, false, 1, true, "[0, 1)",
        "probability per analog boundary"));
    put(GridField.WEIGHT_PRECISION, new FieldRange(1, false, 1 << 24, false,
        "[1, 2^24] or same", "levels per unit"));
    put(GridField.WEIGHT_ERROR_PROBABILITY, new FieldRange(0, false, 1, true, "[0, 1) or same",
        "probability per weight"));
    put(GridField.LEARNING_RATE, new FieldRange(0, true, 10, true, "(0, 10)", ""));
    put(GridField.BATCH_SIZE, new FieldRange(1, false, 1 << 20, false, "[1, 2^20]", "images"));
    put(GridField.MAX_EPOCHS, closed(1, 100_000, "epochs"));
    put(GridField.TIME_BUDGET_SECONDS, closed(0, Integer.MAX_VALUE, "seconds"));
    put(GridField.EVAL_REPEATS, closed(1, 1000, "test passes"));
    put(GridField.WEIGHT_DECAY, new FieldRange(0, false, 1, true, "[0, 1)", ""));
    put(GridField.SEED, new FieldRange(Long.MIN_VALUE, false, Long.MAX_VALUE, false,
        "[-2^63, 2^63-1]", ""));
  }

  private static void put(GridField f, FieldRange r) {
    RANGES.put(f, r);
  }

  /** The closed range [min, max] in {@code unit}. */
  public static FieldRange closed(long min, long max, String unit) {
    return new FieldRange(min, false, max, false, "[" + bound(min) + ", " + bound(max) + "]",
        unit);
  }

  private static String bound(long v) {
    return v == Integer.MAX_VALUE ? "2^31-1" : String.valueOf(v);
  }

  /**
   * The range of a numeric field, or null for the others. A model option's range spans the
   * ranges the registered models give it ({@link ModelRules#ranges()}).
   */
  public static FieldRange of(GridField field) {
    FieldRange r = RANGES.get(field);
    return r != null ? r : spanOverModels(field);
  }

  private static FieldRange spanOverModels(GridField field) {
    FieldRange span = null;
    for (ModelKind k : ModelKind.values()) {
      FieldRange r = k.rules().ranges().get(field);
      if (r != null) {
        span = span == null ? r : closed((long) Math.min(span.min, r.min),
            (long) Math.max(span.max, r.max), span.unit);
      }
    }
    return span;
  }

  public boolean contains(double v) {
    return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
  }

  /** Refuses a value outside the field's range: "interpolation: must be in [0, 1], found 2.0". */
  static void check(GridField field, Number value) {
    FieldRange r = of(field);
    if (value != null && !r.contains(value.doubleValue())) {
      throw new InvalidValueException(field.column(), "must be in " + r.text().replace(
          " or none", "").replace(" or same", "") + (field == GridField.PRECISION ? ", or none"
          : r.text().endsWith(" or same") ? ", or same" : "") + ", found " + value);
    }
  }

  /** The values an enumerated field accepts, or an empty list. */
  public static List<String> values(GridField field) {
    List<String> out = new ArrayList<>();
    // resnet_stem's default is decided by the model (null for the other models)
    Object[] constants = field == GridField.MODEL ? ModelKind.values().toArray()
        : field == GridField.RESNET_STEM ? ResNetStem.values()
        : field == GridField.INIT ? Initialization.values()
        : field == GridField.RELU_DERIVATIVE_AT_ZERO ? DerivativeAtZero.values()
        : field.defaultValue() instanceof Enum<?> e ? e.getDeclaringClass().getEnumConstants()
        : new Object[0];
    for (Object c : constants) {
      out.add(c.toString());
    }
    return out;
  }

  /**
   * The default as a sweep file would write it, "the model's" where the model
   * decides, or "the recipe's" where a recipe or a model under it chooses otherwise than
   * analogsweep-1 (with analogsweep-1's value), so the help never states one number that the
   * default recipe does not train with.
   */
  public static String defaultText(GridField field) {
    Object first = null;
    boolean varies = false;
    for (ModelKind k : ModelKind.values()) {
      for (Recipe r : Recipe.values()) {
        for (ActivationFamily f : ActivationFamily.values()) {
          Map<GridField, Object> d = r.defaults(k.rules(), f);
          if (d.containsKey(field)) {
            Object v = plain(d.get(field));
            first = first == null ? v : first;
            varies |= !String.valueOf(v).equals(String.valueOf(first));
          }
        }
      }
    }
    String catalogue = catalogueDefault(field);
    if (varies) {
      // analogsweep-1 trains every model and family alike
      Object old = plain(Recipe.ANALOGSWEEP_1.defaults(ModelKind.values().get(0).rules(),
          ActivationFamily.RELU_GELU).get(field));
      return "the recipe's (analogsweep-1: " + (old != null ? text(old) : catalogue) + ")";
    }
    return catalogue;
  }

  private static String catalogueDefault(GridField field) {
    Object d = field.defaultColumnValue();
    if (d == null) {
      return field == GridField.PRECISION ? "none" : field == GridField.DATA_PATH ? "required"
          : field == GridField.WEIGHT_PRECISION || field == GridField.WEIGHT_ERROR_PROBABILITY
          ? "same" : "the model's";
    }
    return text(d);
  }

  private static Object plain(Object v) {
    return v instanceof Enum<?> ? v.toString() : v;
  }

  private static String text(Object d) {
    if (d instanceof Double v && v == Math.rint(v) && Math.abs(v) < 1e6) {
      return String.valueOf(v.longValue());
    }
    return String.valueOf(d);
  }

  /** The whole help line of a field: meaning, accepted values or range and unit, default. */
  public static String help(GridField field) {
    StringBuilder sb = new StringBuilder(field.description());
    List<String> values = values(field);
    FieldRange r = of(field);
    if (!values.isEmpty()) {
      sb.append(". Values: ").append(String.join(", ", values));
    } else if (r != null) {
      sb.append(". Range: ").append(r.text()).append(r.unit().isEmpty() ? "" : " " + r.unit());
    } else if (field.type() == ColumnType.BOOLEAN) {
      sb.append(". Values: true, false");
    }
    sb.append(". Default: ").append(defaultText(field)).append('.');
    return sb.toString().replace("..", ".");
  }

  /**
   * The help line of a field's command-line flag, whose label already lists an enumerated
   * field's values: meaning, range and unit where numeric, default.
   */
  public static String flagHelp(GridField field) {
    StringBuilder sb = new StringBuilder(field.description());
    FieldRange r = values(field).isEmpty() ? of(field) : null;
    if (r != null) {
      sb.append(". Range: ").append(r.text()).append(r.unit().isEmpty() ? "" : " " + r.unit());
    }
    sb.append(". Default: ").append(defaultText(field)).append('.');
    return sb.toString().replace("..", ".");
  }

  /** The docs' table of grid fields: key, column, type, range or values, default, meaning. */
  public static String markdownTable() {
    StringBuilder sb = new StringBuilder("| sweep key | grid key / column / flag | type | range "
        + "or values | default | meaning |\n| --- | --- | --- | --- | --- | --- |\n");
    for (GridField f : GridField.values()) {
      FieldRange r = of(f);
      List<String> values = values(f);
      String range = !values.isEmpty() ? String.join(", ", values)
          : r != null ? r.text() + (r.unit().isEmpty() ? "" : " " + r.unit())
          : f.type() == ColumnType.BOOLEAN ? "true, false" : "text";
      String key = f.section() == Section.SEED ? "seeds / grid.seed" : f.section().id() + "."
          + f.key();
      sb.append(String.format(Locale.ROOT, "| `%s` | `%s` | %s | %s | %s | %s |%n", key,
          f.column(), f.type().name().toLowerCase(Locale.ROOT), range, defaultText(f),
          f.description().replace("|", "/")));
    }
    return sb.toString();
  }
}
