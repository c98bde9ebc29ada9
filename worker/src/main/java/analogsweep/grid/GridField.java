package analogsweep.grid;

import analogsweep.common.InvalidValueException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The catalogue of grid-point fields. Each field has its section and key in sweep files, the name
 * used on the command line and as a Parquet column, a column type, a default, the schema version
 * that introduced it, a reader that turns a parsed YAML/JSON value into the record's type (naming
 * the field when the value has the wrong type), an accessor and a description. The task id, the
 * Parquet schema, the sweep grammar and the command-line flags are all derived from this list, so
 * adding a field is one declaration here plus the code that uses it.
 *
 * <p>Fields of schema version 1 always enter a task id (that is how version 1 wrote them); a field
 * added later enters it only when its value differs from its default, so that every task id
 * stored before it existed stays valid. A later field's default must therefore never change.
 */
public enum GridField {
  MODEL(Section.MODEL, "kind", "model", ColumnType.STRING, 1, ModelKind.DEFAULT,
      p -> p.model().kind().id(), (f, v) -> ModelKind.parse(f, text(f, v)),
      "the network"), // then the registered models' summaries: see description()
  HIDDEN_SIZES(Section.MODEL, "hidden_sizes", "hidden_sizes", ColumnType.INT_LIST, 1, null,
      p -> p.model().hiddenSizes(), GridField::sizes,
      "widths of the hidden layers, such as [256, 128]; linear model ([256, 128] unless set); the "
          + "ConvNet derives them from linear_depth; fixed for vgg-a ([4096, 4096]), resnet-18 "
          + "and vit ([])"),
  CONV_DEPTH(Section.MODEL, "conv_depth", "conv_depth", ColumnType.INT, 1, null,
      p -> p.model().convDepth(), GridField::integer,
      "convnet: number of 3x3 conv layers (6 unless set); 0 for the linear model and vit; "
          + "fixed for vgg-a (8) and resnet-18 (17 on the main path)"),
  LINEAR_DEPTH(Section.MODEL, "linear_depth", "linear_depth", ColumnType.INT, 1, null,
      p -> p.model().linearDepth(), GridField::integer,
      "convnet: number of FC layers, 1 to 3 (3 unless set); the linear model: hidden layers + 1; "
          + "fixed for vgg-a (3), resnet-18 (1) and vit (0: its depth is vit_depth)"),
  DATA_PATH(Section.DATA, "path", "data_path", ColumnType.STRING, 1, null,
      p -> p.data().path(), GridField::text,
      "folder of the dataset (IDX, gzip or raw, or CIFAR-10/100 binary), or an hdfs://, s3a://, "
          + "file:// URI copied to each node once"),
  GRAYSCALE(Section.DATA, "grayscale", "grayscale", ColumnType.BOOLEAN, 1, false,
      p -> p.data().grayscale(), GridField::bool,
      "convert colour images to one channel (ITU-R 601 luma), as the paper's grayscale runs"),
  TRAIN_LIMIT(Section.DATA, "train_limit", "train_limit", ColumnType.INT, 1, 0,
      p -> p.data().trainLimit(), GridField::integer,
      "keep the first N training images; 0 = all"),
  TEST_LIMIT(Section.DATA, "test_limit", "test_limit", ColumnType.INT, 1, 0,
      p -> p.data().testLimit(), GridField::integer,
      "keep the first N test images; 0 = all"),
  FAMILY(Section.ACTIVATION, "family", "family", ColumnType.STRING, 1,
      ActivationFamily.RELU_GELU, p -> p.activation().family().id(),
      (f, v) -> ActivationFamily.parse(f, text(f, v)),
      "activation family: relu-gelu, relu-silu, or reglu-geglu (gated: u * I(v) over halves)"),
  INTERPOLATION(Section.ACTIVATION, "interpolation", "interpolation", ColumnType.DOUBLE, 1, 0.0,
      p -> p.activation().interpolation(), GridField::number,
      "interpolation factor i: 0 = ReLU end, 1 = GELU/SiLU end"),
  GATE_SCALE(Section.ACTIVATION, "gate_scale", "gate_scale", ColumnType.DOUBLE, 1, 1.0,
      p -> p.activation().gateScale(), GridField::number,
      "gate scale s of the smooth end, x Phi(s x) or x sigmoid(s x)"),
  LEAK(Section.ACTIVATION, "leak", "leak", ColumnType.DOUBLE, 1, 0.0,
      p -> p.activation().leak(), GridField::number,
      "leak a of the rectified end, max(a x, x)"),
  PRECISION(Section.ANALOG, "precision", "precision", ColumnType.INT, 1, null,
      p -> p.analog().precision(), GridField::integerOrNone,
      "precision p: levels per unit (step 1/p; 2p+1 levels on [-1, 1]), or none for no "
          + "quantization and no noise; reports show log2(p) bits"),
  ERROR_PROBABILITY(Section.ANALOG, "error_probability", "error_probability", ColumnType.DOUBLE,
      1, 0.0, p -> p.analog().errorProbability(), (f, v) -> isNone(v) ? 0.0 : number(f, v),
      "error probability EP: the chance that one analog boundary's noise moves a quantized "
          + "value to another level; 0 = no noise; needs a precision"),
  ROUNDING(Section.ANALOG, "rounding", "rounding", ColumnType.STRING, 1, Rounding.DETERMINISTIC,
      p -> p.analog().rounding().id(), (f, v) -> Rounding.parse(f, text(f, v)),
      "reduce precision: deterministic (nearest level, ties towards zero) or "
          + "stochastic (unbiased)"),
  ANALOG_INPUTS(Section.ANALOG, "inputs", "analog_inputs", ColumnType.BOOLEAN, 1, true,
      p -> p.analog().inputs(), GridField::bool,
      "chain before each weight layer (and on the input image where the placement puts it "
          + "there)"),
  ANALOG_OUTPUTS(Section.ANALOG, "outputs", "analog_outputs", ColumnType.BOOLEAN, 1, true,
      p -> p.analog().outputs(), GridField::bool,
      "chain after each weight layer, where the placement puts it there"),
  ANALOG_WEIGHTS(Section.ANALOG, "weights", "analog_weights", ColumnType.BOOLEAN, 1, true,
      p -> p.analog().weights(), GridField::bool,
      "chain on weights and biases at every forward pass, where the placement puts it there"),
  LEARNING_RATE(Section.TRAINING, "learning_rate", "learning_rate", ColumnType.DOUBLE, 1, 1e-3,
      p -> p.training().learningRate(), GridField::number,
      "Adam's learning rate"),
  BATCH_SIZE(Section.TRAINING, "batch_size", "batch_size", ColumnType.INT, 1, 128,
      p -> p.training().batchSize(), GridField::integer,
      "mini-batch size"),
  MAX_EPOCHS(Section.TRAINING, "max_epochs", "max_epochs", ColumnType.INT, 1, 10,
      p -> p.training().maxEpochs(), GridField::integer,
      "epoch limit"),
  EARLY_STOPPING(Section.TRAINING, "early_stopping", "early_stopping", ColumnType.BOOLEAN, 1,
      true, p -> p.training().earlyStopping(), GridField::bool,
      "the authors' rules: stop after epoch 10 below 1.25 x chance training accuracy, or when "
          + "test accuracy falls 5 points below its best"),
  TIME_BUDGET_SECONDS(Section.TRAINING, "time_budget_seconds", "time_budget_seconds",
      ColumnType.INT, 1, 0, p -> p.training().timeBudgetSeconds(), GridField::integer,
      "wall-clock budget of one training; 0 = none"),
  SEED(Section.SEED, "seed", "seed", ColumnType.LONG, 1, 1L, GridPoint::seed,
      GridField::longInteger,
      "seed of initial weights, batch order, dropout and noise"),

  // Schema version 2: in a task id only where they differ from their default.
  NOISE(Section.ANALOG, "noise", "noise", ColumnType.STRING, 2, NoiseKind.GAUSSIAN,
      p -> p.analog().noise().id(), (f, v) -> NoiseKind.parse(f, text(f, v)),
      "noise distribution, set by (EP, p): gaussian, laplace, uniform, or poisson "
          + "(shot noise, grows with the signal)"),
  PLACEMENT(Section.ANALOG, "placement", "placement", ColumnType.STRING, 2, Placement.MODEL,
      p -> p.analog().placement().id(), (f, v) -> Placement.parse(f, text(f, v)),
      "where the chain goes: model (the model's own), every-boundary (before and after "
          + "each weight layer, and weights), before-layers (before each weight layer, and "
          + "weights), input-only (the input image) or digital (no chain at all, no clamp: "
          + "the digital control; precision none and EP 0)"),
  EVAL_REPEATS(Section.TRAINING, "eval_repeats", "eval_repeats", ColumnType.INT, 2, 1,
      p -> p.training().evalRepeats(), GridField::integer,
      "test passes per evaluation, each with fresh noise draws; the test metrics are their "
          + "mean, and their spread is stored too"),
  VIT_DEPTH(Section.MODEL, "vit_depth", "vit_depth", ColumnType.INT, 2, null,
      p -> p.model().vitDepth(), GridField::integerOrNone,
      "vit: number of transformer blocks (4 unless set, the depth of the paper's ViT "
          + "figures); none for the other models"),
  RESNET_STEM(Section.MODEL, "resnet_stem", "resnet_stem", ColumnType.STRING, 2, null,
      p -> p.model().resnetStem() == null ? null : p.model().resnetStem().id(),
      (f, v) -> isNone(v) ? null : ResNetStem.parse(f, text(f, v)),
      "resnet-18: cifar (3x3 stride-1 conv, no max-pool, for 32x32 input), imagenet (input "
          + "resized to 224 in the network, 7x7 stride-2 conv and max-pool) or imagenet-pipeline "
          + "(the same stem on images the imagenet-style pipeline sized, as the authors ran it); "
          + "none for the other models"),
  WEIGHT_DECAY(Section.TRAINING, "weight_decay", "weight_decay", ColumnType.DOUBLE, 2, 0.0,
      p -> p.training().weightDecay(), GridField::number,
      "L2 weight decay, added to the gradient before Adam's moments as torch.optim.Adam's "
          + "weight_decay (not AdamW); 0 = none (the authors' VGG-A: 0.0001)"),
  LEARNING_RATE_SCHEDULE(Section.TRAINING, "learning_rate_schedule", "learning_rate_schedule",
      ColumnType.STRING, 2, LearningRateSchedule.FIXED,
      p -> p.training().learningRateSchedule().id(),
      (f, v) -> LearningRateSchedule.parse(f, text(f, v)),
      "fixed or cosine: cosine annealing from learning_rate to 0 over max_epochs, "
          + "stepped once per epoch (PyTorch's CosineAnnealingLR, as the authors' ViT runs)"),
  AUGMENTATION(Section.DATA, "augmentation", "augmentation", ColumnType.STRING, 2,
      Augmentation.NONE, p -> p.data().augmentation().id(),
      (f, v) -> Augmentation.parse(f, text(f, v)),
      "training images only, drawn from the seed: none, crop-flip (random crop back to the "
          + "image size after reflect-padding by 4, and a random horizontal flip), "
          + "crop-flip-rotate (then a rotation up to 15 degrees, as run_vgg.py) or imagenet-style "
          + "(resize 256, flips, rotation up to 45 degrees, colour jitter, centre crop 224, as "
          + "run_resnet.py; test images resized to 256)"),
  NORMALIZATION(Section.DATA, "normalization", "normalization", ColumnType.STRING, 2,
      Normalization.NONE, p -> p.data().normalization().id(),
      (f, v) -> Normalization.parse(f, text(f, v)),
      "none (pixels scaled to [0, 1]), per-channel (then minus each channel's mean, divided by "
          + "its standard deviation, both over the training split), cifar-10-constants or "
          + "imagenet-constants (fixed means and deviations of 3 colour channels, as run_vgg.py "
          + "and run_resnet.py)"),

  // Schema version 3: in a task id only where they differ from the value a point stored before
  // them stands for (their last argument), which is not their default: points of the recipe
  // "analogsweep-1" keep the ids they had.
  RECIPE(Section.TRAINING, "recipe", "recipe", ColumnType.STRING, 3, Recipe.AUTHORS,
      p -> p.recipe().recipe().id(), (f, v) -> Recipe.parse(f, text(f, v)),
      "the defaults a point trains with where it leaves a choice open: authors (as the authors' "
          + "code behind the paper's figures, model by model) or analogsweep-1 (this "
          + "project's before it; folders created before recipes keep it)",
      Recipe.ANALOGSWEEP_1.id()),
  INIT(Section.MODEL, "init", "init", ColumnType.STRING, 3, null,
      p -> p.recipe().init().id(), (f, v) -> Initialization.parse(f, text(f, v)),
      "initial weights: authors (the authors' for each model: Kaiming on the ConvNet's FC "
          + "layers, on VGG-A and ResNet-18) or uniform (PyTorch's default, U(+-1/sqrt(fan_in)))",
      Initialization.UNIFORM.id()),
  CLASSIFIER_ACTIVATION(Section.MODEL, "classifier_activation", "classifier_activation",
      ColumnType.BOOLEAN, 3, null, p -> p.recipe().classifierActivation(), GridField::bool,
      "linear and convnet: the chain's analog-to-digital end and the activation also after the "
          + "last layer, so the logits are clamped to [-1, 1], quantized and passed through I(x) "
          + "(the authors' ConvNet; under the recipe authors true for the ConvNet)",
      false),
  RELU_DERIVATIVE_AT_ZERO(Section.ACTIVATION, "relu_derivative_at_zero",
      "relu_derivative_at_zero", ColumnType.STRING, 3, null,
      p -> p.activation().reluDerivativeAtZero().id(),
      (f, v) -> DerivativeAtZero.parse(f, v instanceof Number n && n.doubleValue() == 1.0 ? "1"
          : text(f, v)),
      "derivative of the rectified part max(a x, x) at exactly 0: a (the leak) or 1 (the recipe "
          + "authors: a for relu-gelu, 1 for relu-silu and reglu-geglu)",
      DerivativeAtZero.LEAK.id()),
  WEIGHT_PRECISION(Section.ANALOG, "weight_precision", "weight_precision", ColumnType.INT, 3,
      null, p -> p.analog().weightPrecision(), GridField::sameOrInteger,
      "precision of the chain on weights and biases (AnalogVNN's weight precision), or same "
          + "(null in results): the precision p; analog.weights false keeps weights digital",
      null),
  WEIGHT_ERROR_PROBABILITY(Section.ANALOG, "weight_error_probability",
      "weight_error_probability", ColumnType.DOUBLE, 3, null,
      p -> p.analog().weightErrorProbability(), (f, v) -> isSame(v) ? null : number(f, v),
      "EP of the chain on weights and biases, or same (null in results): the EP; needs a "
          + "precision on the weights",
      null),
  ADAM_EPSILON(Section.TRAINING, "adam_epsilon", "adam_epsilon", ColumnType.STRING, 3,
      AdamEpsilon.DJL, p -> p.training().adamEpsilon().id(),
      (f, v) -> AdamEpsilon.parse(f, text(f, v)),
      "where Adam adds its epsilon: djl (to sqrt(v) before the bias correction, DJL's Adam) or "
          + "torch (after it, as torch.optim.Adam, the authors' optimizer: the recipe authors' "
          + "since recipe revision 2, djl in folders created before); they differ only for "
          + "gradients near 1e-7 to 1e-6, as many of VGG-A's are",
      AdamEpsilon.DJL.id());

  private final Section section;
  private final String key;
  private final String column;
  private final ColumnType type;
  private final int since;
  private final Object defaultValue;
  private final Function<GridPoint, Object> accessor;
  private final BiFunction<String, Object, Object> reader;
  private final String description;
  private final Object absentValue;

  <T> GridField(
      Section section,
      String key,
      String column,
      ColumnType type,
      int since,
      T defaultValue,
      Function<GridPoint, ?> accessor,
      BiFunction<String, Object, ? extends T> reader,
      String description) {
    this(section, key, column, type, since, defaultValue, accessor, reader, description,
        columnValue(defaultValue));
  }

  @SuppressWarnings("unchecked")
  <T> GridField(
      Section section,
      String key,
      String column,
      ColumnType type,
      int since,
      T defaultValue,
      Function<GridPoint, ?> accessor,
      BiFunction<String, Object, ? extends T> reader,
      String description,
      Object absentValue) {
    this.section = section;
    this.key = key;
    this.column = column;
    this.type = type;
    this.since = since;
    this.defaultValue = defaultValue;
    this.accessor = (Function<GridPoint, Object>) accessor;
    this.reader = (BiFunction<String, Object, Object>) reader;
    this.description = description;
    this.absentValue = absentValue;
  }

  /** Name in CLI flags (with dashes), Parquet columns and {@code grid} keys of sweep files. */
  public String column() {
    return column;
  }

  /** The section that holds this field in a sweep file. */
  public Section section() {
    return section;
  }

  /** The key of this field within its section of a sweep file. */
  public String key() {
    return key;
  }

  public ColumnType type() {
    return type;
  }

  /** The schema version that introduced this field. */
  public int since() {
    return since;
  }

  /** The value a grid point has when it does not set this field; null where it is derived. */
  public Object defaultValue() {
    return defaultValue;
  }

  /** What the field means, its range, default and unit, for help texts. */
  public String description() {
    return this == MODEL ? description + ": " + modelSummaries() : description;
  }

  /** "linear (...), convnet (...), vgg-a, resnet-18 or vit": the registered models' summaries. */
  private static String modelSummaries() {
    List<String> s = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      s.add(k.rules().summary());
    }
    return s.size() == 1 ? s.get(0)
        : String.join(", ", s.subList(0, s.size() - 1)) + " or " + s.get(s.size() - 1);
  }

  /**
   * Whether the column can hold null: precision ("none" means no quantization), and fields added
   * after version 1, which rows stored before them lack.
   */
  public boolean nullable() {
    return this == PRECISION || since > 1;
  }

  /**
   * How a sweep file writes this field's null: "same" for the weight fields (the activations'
   * value), "none" for the others.
   */
  public String nullText() {
    return this == WEIGHT_PRECISION || this == WEIGHT_ERROR_PROBABILITY ? "same" : "none";
  }

  /** The column value of this field for a point: String, Integer, Long, Double, Boolean, List or null. */
  public Object get(GridPoint point) {
    return accessor.apply(point);
  }

  /**
   * The column value that a stored row or task id without this field stands for: the default for
   * fields of versions 1 and 2; for version 3 on, the value every point had before the field
   * existed (not its default: the recipe's defaults came with it).
   */
  public Object absentColumnValue() {
    return absentValue;
  }

  /** The column value of this field's default (enums by their names), or null. */
  public Object defaultColumnValue() {
    return columnValue(defaultValue);
  }

  /** A value as a column holds it: enums by their names. */
  private static Object columnValue(Object v) {
    return v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v
        : v.toString();
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

  /** The fields of one section, in catalogue order. */
  public static List<GridField> of(Section section) {
    List<GridField> out = new ArrayList<>();
    for (GridField f : values()) {
      if (f.section == section) {
        out.add(f);
      }
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
    if (v instanceof Map<?, ?> m) {
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
        || v instanceof BigInteger b && b.bitLength() < 64) {
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

  /** "same" (or nothing): the activations' value, which a weight field then follows. */
  static boolean isSame(Object v) {
    return v == null || (v instanceof String s && s.equalsIgnoreCase("same"));
  }

  /** A weight precision: a whole number, or same; none is refused (analog.weights says that). */
  static Integer sameOrInteger(String where, Object v) {
    if (isSame(v)) {
      return null;
    }
    if (isNone(v)) {
      throw new InvalidValueException(where, "expected a whole number or same, found none (to "
          + "keep weights and biases digital, set analog.weights: false)");
    }
    return integer(where, v);
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

  /** Layer widths from a list, one number, or the text "256,128" (how version 1 stored them). */
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
          out.add(integer(where, new BigInteger(part.trim())));
        }
      }
      return List.copyOf(out);
    }
    throw wrongType(where, "a list of layer widths such as [256, 128]", v);
  }
}
