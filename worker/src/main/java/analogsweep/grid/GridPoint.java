package analogsweep.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything that determines one training run: model, data, activation, analog chain, training
 * settings and seed. It validates itself on construction (every message names the field and the
 * value) and has a stable {@link #taskId()}: a SHA-256 over a sorted text encoding that carries
 * {@link #SCHEMA_VERSION}. Where a task runs (device, threads) is not part of it.
 *
 * <p>For the linear model the hidden sizes are authoritative, {@code conv_depth} is 0 and
 * {@code linear_depth} is the number of Linear layers. For the ConvNet the two depths are
 * authoritative and {@code hidden_sizes} is the kept prefix of its FC widths (512, 256).
 */
public record GridPoint(
    ModelKind model,
    List<Integer> hiddenSizes,
    int convDepth,
    int linearDepth,
    String dataPath,
    boolean grayscale,
    int trainLimit,
    int testLimit,
    ActivationFamily family,
    double interpolation,
    double gateScale,
    double leak,
    Integer precision,
    double errorProbability,
    Rounding rounding,
    boolean analogInputs,
    boolean analogOutputs,
    boolean analogWeights,
    double learningRate,
    int batchSize,
    int maxEpochs,
    boolean earlyStopping,
    int timeBudgetSeconds,
    long seed) implements java.io.Serializable {

  /** Bumped whenever the encoding or the meaning of a field changes; part of every task id. */
  public static final int SCHEMA_VERSION = 1;

  /** The ConvNet's fully connected widths before the classifier (PAPER.md). */
  public static final List<Integer> CONVNET_FC_WIDTHS = List.of(512, 256);

  public static final int MAX_CONV_DEPTH = 6;

  public GridPoint {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(rounding, "rounding");
    hiddenSizes = List.copyOf(Objects.requireNonNull(hiddenSizes, "hidden_sizes"));
    for (int width : hiddenSizes) {
      check(width >= 1 && width <= 65536, "hidden_sizes", hiddenSizes,
          "every width must be in [1, 65536]");
    }
    if (model == ModelKind.LINEAR) {
      check(hiddenSizes.size() <= 16, "hidden_sizes", hiddenSizes, "at most 16 hidden layers");
      check(convDepth == 0, "conv_depth", convDepth, "the linear model has no conv layers");
      check(linearDepth == hiddenSizes.size() + 1, "linear_depth", linearDepth,
          "the linear model with hidden sizes " + hiddenSizes + " has "
              + (hiddenSizes.size() + 1) + " linear layers");
    } else {
      check(convDepth >= 0 && convDepth <= MAX_CONV_DEPTH, "conv_depth", convDepth,
          "must be in [0, " + MAX_CONV_DEPTH + "]");
      check(linearDepth >= 1 && linearDepth <= 3, "linear_depth", linearDepth,
          "must be in [1, 3]");
      check(hiddenSizes.equals(convnetHidden(linearDepth)), "hidden_sizes", hiddenSizes,
          "the ConvNet with linear_depth " + linearDepth + " has hidden sizes "
              + convnetHidden(linearDepth));
    }
    check(dataPath != null && !dataPath.isBlank(), "data_path", dataPath, "must be given");
    check(trainLimit >= 0, "train_limit", trainLimit, "must be >= 0 (0 means all)");
    check(testLimit >= 0, "test_limit", testLimit, "must be >= 0 (0 means all)");
    check(interpolation >= 0 && interpolation <= 1, "interpolation", interpolation,
        "must be in [0, 1]");
    check(gateScale > 0 && gateScale <= 100, "gate_scale", gateScale, "must be in (0, 100]");
    check(leak >= 0 && leak < 1, "leak", leak, "must be in [0, 1)");
    check(precision == null || (precision >= 1 && precision <= (1 << 24)), "precision", precision,
        "must be at least 1 (levels per unit) and at most 2^24, or none");
    check(errorProbability >= 0 && errorProbability < 1, "error_probability", errorProbability,
        "must be in [0, 1)");
    check(errorProbability == 0 || precision != null, "error_probability", errorProbability,
        "noise is defined through the precision (sigma depends on p); set a precision");
    check(learningRate > 0 && learningRate < 10, "learning_rate", learningRate,
        "must be in (0, 10)");
    check(batchSize >= 1 && batchSize <= 1 << 20, "batch_size", batchSize,
        "must be in [1, 2^20]");
    check(maxEpochs >= 1 && maxEpochs <= 100_000, "max_epochs", maxEpochs,
        "must be in [1, 100000]");
    check(timeBudgetSeconds >= 0, "time_budget_seconds", timeBudgetSeconds,
        "must be >= 0 (0 means no budget)");
    // Normalise -0.0 so that it cannot make a second task id for the same run.
    interpolation += 0.0;
    gateScale += 0.0;
    leak += 0.0;
    errorProbability += 0.0;
  }

  private static void check(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new InvalidValueException(field, rule + ", found " + value);
    }
  }

  static List<Integer> convnetHidden(int linearDepth) {
    return CONVNET_FC_WIDTHS.subList(0, Math.max(0, Math.min(linearDepth - 1, 2)));
  }

  static String joinSizes(List<Integer> sizes) {
    return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Whether any part of the analog chain is switched on. */
  public boolean analog() {
    return analogInputs || analogOutputs || analogWeights;
  }

  /** Field values keyed by column name, in catalogue order; also the point's JSON form. */
  @com.fasterxml.jackson.annotation.JsonValue
  public Map<String, Object> columns() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (GridField f : GridField.values()) {
      out.put(f.column(), f.get(this));
    }
    return out;
  }

  /** The canonical text the task id hashes: a version line, then sorted {@code name=value} lines. */
  public String canonicalText() {
    StringBuilder sb = new StringBuilder("analogsweep.gridpoint.v").append(SCHEMA_VERSION)
        .append('\n');
    new TreeMap<>(columns()).forEach((k, v) -> sb.append(k).append('=')
        .append(v == null ? "none" : v.toString()).append('\n'));
    return sb.toString();
  }

  /** 64 hex digits of SHA-256 over {@link #canonicalText()}. */
  public String taskId() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a point from raw YAML/JSON-like values, filling defaults and the derived depths. */
  public static final class Builder {
    private final Map<GridField, Object> values = new EnumMap<>(GridField.class);
    private final Map<GridField, String> sources = new EnumMap<>(GridField.class);

    /** Sets a field from a raw value; {@code where} names it in messages. */
    public Builder set(GridField field, Object raw, String where) {
      values.put(field, field.read(where, raw));
      sources.put(field, where);
      return this;
    }

    public Builder set(GridField field, Object raw) {
      return set(field, raw, field.column());
    }

    public Builder set(String column, Object raw) {
      GridField f = GridField.byColumn(column);
      if (f == null) {
        throw new InvalidValueException(column,
            "unknown grid-point field, expected one of " + GridField.columns());
      }
      return set(f, raw);
    }

    public boolean has(GridField field) {
      return values.containsKey(field);
    }

    private Object get(GridField f, Object fallback) {
      return values.getOrDefault(f, fallback);
    }

    @SuppressWarnings("unchecked")
    public GridPoint build() {
      ModelKind model = (ModelKind) get(GridField.MODEL, ModelKind.LINEAR);
      List<Integer> hidden;
      int convDepth;
      int linearDepth;
      if (model == ModelKind.LINEAR) {
        hidden = (List<Integer>) get(GridField.HIDDEN_SIZES, List.of(256, 128));
        convDepth = (int) get(GridField.CONV_DEPTH, 0);
        linearDepth = (int) get(GridField.LINEAR_DEPTH, hidden.size() + 1);
      } else {
        convDepth = (int) get(GridField.CONV_DEPTH, MAX_CONV_DEPTH);
        linearDepth = (int) get(GridField.LINEAR_DEPTH, 3);
        hidden = (List<Integer>) get(GridField.HIDDEN_SIZES, convnetHidden(linearDepth));
      }
      try {
        return new GridPoint(
            model, hidden, convDepth, linearDepth,
            (String) get(GridField.DATA_PATH, null),
            (boolean) get(GridField.GRAYSCALE, false),
            (int) get(GridField.TRAIN_LIMIT, 0),
            (int) get(GridField.TEST_LIMIT, 0),
            (ActivationFamily) get(GridField.FAMILY, ActivationFamily.RELU_GELU),
            (double) get(GridField.INTERPOLATION, 0.0),
            (double) get(GridField.GATE_SCALE, 1.0),
            (double) get(GridField.LEAK, 0.0),
            (Integer) get(GridField.PRECISION, null),
            (double) get(GridField.ERROR_PROBABILITY, 0.0),
            (Rounding) get(GridField.ROUNDING, Rounding.DETERMINISTIC),
            (boolean) get(GridField.ANALOG_INPUTS, true),
            (boolean) get(GridField.ANALOG_OUTPUTS, true),
            (boolean) get(GridField.ANALOG_WEIGHTS, true),
            (double) get(GridField.LEARNING_RATE, 1e-3),
            (int) get(GridField.BATCH_SIZE, 128),
            (int) get(GridField.MAX_EPOCHS, 10),
            (boolean) get(GridField.EARLY_STOPPING, true),
            (int) get(GridField.TIME_BUDGET_SECONDS, 0),
            (long) get(GridField.SEED, 1L));
      } catch (InvalidValueException e) {
        // Say where the bad value came from (a sweep key path) when it was not the field itself.
        GridField f = GridField.byColumn(e.field());
        String where = f == null ? null : sources.get(f);
        if (where != null && !where.equals(e.field())) {
          throw new InvalidValueException(where, e.getMessage());
        }
        throw e;
      }
    }
  }
}
