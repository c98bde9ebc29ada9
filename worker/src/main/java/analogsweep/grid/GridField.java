package analogsweep.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The catalogue of grid-point fields. Each field has the name used in sweep files, on the command
 * line and as a Parquet column, a column type, a reader that turns a parsed YAML/JSON value into
 * the record's type (naming the field when the value has the wrong type), and an accessor.
 * The task id, the Parquet schema and the sweep grammar are all derived from this one list.
 */
public enum GridField {
  MODEL("model", ColumnType.STRING, p -> p.model().id(), (f, v) -> ModelKind.parse(f, text(f, v))),
  HIDDEN_SIZES("hidden_sizes", ColumnType.STRING, p -> GridPoint.joinSizes(p.hiddenSizes()),
      GridField::sizes),
  CONV_DEPTH("conv_depth", ColumnType.INT, GridPoint::convDepth, GridField::integer),
  LINEAR_DEPTH("linear_depth", ColumnType.INT, GridPoint::linearDepth, GridField::integer),
  DATA_PATH("data_path", ColumnType.STRING, GridPoint::dataPath, GridField::text),
  GRAYSCALE("grayscale", ColumnType.BOOLEAN, GridPoint::grayscale, GridField::bool),
  TRAIN_LIMIT("train_limit", ColumnType.INT, GridPoint::trainLimit, GridField::integer),
  TEST_LIMIT("test_limit", ColumnType.INT, GridPoint::testLimit, GridField::integer),
  FAMILY("family", ColumnType.STRING, p -> p.family().id(),
      (f, v) -> ActivationFamily.parse(f, text(f, v))),
  INTERPOLATION("interpolation", ColumnType.DOUBLE, GridPoint::interpolation, GridField::number),
  GATE_SCALE("gate_scale", ColumnType.DOUBLE, GridPoint::gateScale, GridField::number),
  LEAK("leak", ColumnType.DOUBLE, GridPoint::leak, GridField::number),
  PRECISION("precision", ColumnType.INT, GridPoint::precision, GridField::integerOrNone),
  ERROR_PROBABILITY("error_probability", ColumnType.DOUBLE, GridPoint::errorProbability,
      (f, v) -> isNone(v) ? 0.0 : number(f, v)),
  ROUNDING("rounding", ColumnType.STRING, p -> p.rounding().id(),
      (f, v) -> Rounding.parse(f, text(f, v))),
  ANALOG_INPUTS("analog_inputs", ColumnType.BOOLEAN, GridPoint::analogInputs, GridField::bool),
  ANALOG_OUTPUTS("analog_outputs", ColumnType.BOOLEAN, GridPoint::analogOutputs, GridField::bool),
  ANALOG_WEIGHTS("analog_weights", ColumnType.BOOLEAN, GridPoint::analogWeights, GridField::bool),
  LEARNING_RATE("learning_rate", ColumnType.DOUBLE, GridPoint::learningRate, GridField::number),
  BATCH_SIZE("batch_size", ColumnType.INT, GridPoint::batchSize, GridField::integer),
  MAX_EPOCHS("max_epochs", ColumnType.INT, GridPoint::maxEpochs, GridField::integer),
  EARLY_STOPPING("early_stopping", ColumnType.BOOLEAN, GridPoint::earlyStopping, GridField::bool),
  TIME_BUDGET_SECONDS("time_budget_seconds", ColumnType.INT, GridPoint::timeBudgetSeconds,
      GridField::integer),
  SEED("seed", ColumnType.LONG, GridPoint::seed, GridField::longInteger);

  private final String column;
  private final ColumnType type;
  private final Function<GridPoint, Object> accessor;
  private final BiFunction<String, Object, Object> reader;

  @SuppressWarnings("unchecked")
  <T> GridField(
      String column,
      ColumnType type,
      Function<GridPoint, T> accessor,
      BiFunction<String, Object, ?> reader) {
    this.column = column;
    this.type = type;
    this.accessor = (Function<GridPoint, Object>) accessor;
    this.reader = (BiFunction<String, Object, Object>) reader;
  }

  /** Name in sweep files, CLI flags (with dashes) and Parquet columns. */
  public String column() {
    return column;
  }

  public ColumnType type() {
    return type;
  }

  /** Whether the column can hold null (only precision: "none" means no quantization). */
  public boolean nullable() {
    return this == PRECISION;
  }

  /** The column value of this field for a point: String, Integer, Long, Double, Boolean or null. */
  public Object get(GridPoint point) {
    return accessor.apply(point);
  }

  /**
   * Reads a value parsed from YAML or JSON (String, Number, Boolean, List or null) into the
   * record's type; {@code where} names the value in messages, for example "grid.precision[2]".
   */
  public Object read(String where, Object raw) {
    return reader.apply(where, raw);
  }

  public static GridField byColumn(String column) {
    for (GridField f : values()) {
      if (f.column.equals(column)) {
        return f;
      }
    }
    return null;
  }

  public static List<String> columns() {
    List<String> out = new ArrayList<>();
    for (GridField f : values()) {
      out.add(f.column);
    }
    return out;
  }

  static boolean isNone(Object v) {
    return v == null || (v instanceof String s && s.equalsIgnoreCase("none"));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing (null)";
    }
    if (v instanceof String s) {
      return "the text \"" + s + "\"";
    }
    if (v instanceof List<?> l) {
      return "a list " + l;
    }
    if (v instanceof java.util.Map<?, ?> m) {
      return "a mapping " + m;
    }
    return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
  }

  private static InvalidValueException wrongType(String where, String expected, Object v) {
    return new InvalidValueException(where, "expected " + expected + ", found " + describe(v));
  }

  static String text(String where, Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw wrongType(where, "a non-empty text", v);
  }

  static double number(String where, Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidValueException(where, "expected a finite number, found " + d);
      }
      return d == 0.0 ? 0.0 : d; // -0.0 and 0.0 are the same grid point
    }
    throw wrongType(where, "a number", v);
  }

  static long longInteger(String where, Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof java.math.BigInteger b && b.bitLength() < 64) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < 9.0e15) {
      return (long) n.doubleValue();
    }
    throw wrongType(where, "a whole number", v);
  }

  /** Reads a whole number that fits an int, naming {@code where} when it does not. */
  public static int readInt(String where, Object v) {
    return integer(where, v);
  }

  static int integer(String where, Object v) {
    long l = longInteger(where, v);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new InvalidValueException(where, "expected a whole number of at most 2^31-1, found " + l);
    }
    return (int) l;
  }

  static Integer integerOrNone(String where, Object v) {
    return isNone(v) ? null : integer(where, v);
  }

  static boolean bool(String where, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(where, "true or false", v);
  }

  static List<Integer> sizes(String where, Object v) {
    List<Integer> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.add(integer(where + "[" + i + "]", list.get(i)));
      }
      return List.copyOf(out);
    }
    if (v instanceof Number) {
      return List.of(integer(where, v));
    }
    if (v instanceof String s && s.matches("\\s*(\\d+\\s*(,\\s*\\d+\\s*)*)?")) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(Integer.parseInt(part.trim()));
        }
      }
      return List.copyOf(out);
    }
    throw wrongType(where, "a list of layer widths such as [256, 128]", v);
  }
}
