package analogsweep.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import analogsweep.data.DataCheck;
import analogsweep.data.Dataset;
import analogsweep.data.DatasetCache;
import analogsweep.grid.DerivativeAtZero;
import analogsweep.grid.FieldRange;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.grid.Initialization;
import analogsweep.model.AnalogNetworks;
import analogsweep.model.ModelSize;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.Status;
import analogsweep.train.TaskResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * {@code analogsweep train}: trains one grid point given as flags (one per grid-point field, named
 * like the Parquet column with dashes) and/or a JSON file, and prints the result as JSON. Exit
 * code 0 for OK or DIVERGED (both are results), 2 for invalid input, 4 for FAILED (as a sweep
 * with FAILED tasks); 1 stays an unexpected error.
 */
public final class TrainCommand implements Callable<Integer> {
  /** Exit code of a FAILED training, as a sweep's with FAILED tasks. */
  static final int FAILED = 4;

  private CommandSpec spec;

  private TrainCommand() {}

  /**
   * The grid fields whose flags {@code --help} shows; the others are listed by
   * {@code --help-fields}, so that the usual help fits on a screen.
   */
  static final Set<GridField> USUAL = EnumSet.of(GridField.DATA_PATH, GridField.MODEL,
      GridField.FAMILY, GridField.INTERPOLATION, GridField.PRECISION,
      GridField.ERROR_PROBABILITY, GridField.NOISE, GridField.SEED, GridField.MAX_EPOCHS,
      GridField.BATCH_SIZE, GridField.TRAIN_LIMIT, GridField.TEST_LIMIT, GridField.RECIPE);

  /** The picocli command, its options generated from {@link GridField}. */
  public static CommandLine create() {
    return create(false);
  }

  /** The command; {@code everyField} shows every grid field's flag in its usage help. */
  private static CommandLine create(boolean everyField) {
    TrainCommand command = new TrainCommand();
    // the command object is the spec's user object, so a parent command line can run it too
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("train");
    command.spec = spec;
    spec.usageMessage().description(
        "Train one grid point and print its result as JSON.",
        "Values are read as YAML scalars: 0.5, none, true, [256, 128].",
        "Every grid field is a flag; the usual ones are below, --help-fields lists all.");
    spec.mixinStandardHelpOptions(true);
    spec.usageMessage().abbreviateSynopsis(true);
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "trained: OK or DIVERGED (both are results)");
    codes.put("1", "unexpected error (a bug: please report it with its stack trace)");
    codes.put("2", "invalid input: one line names the flag or field");
    codes.put(String.valueOf(FAILED), "FAILED: the result's message says why");
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
    spec.usageMessage().footerHeading("%nExamples:%n").footer(
        "  analogsweep train --data /usr/share/datasets/fashion-mnist --interpolation 1 \\",
        "      --precision 16 --error-probability 0.5 --epochs 3",
        "  analogsweep train --json point.json --seed 7 --output result.json",
        "  analogsweep train --model vit --data DIR --print-model --epochs 1",
        "  analogsweep train --help-fields");
    spec.addOption(OptionSpec.builder("--json").paramLabel("FILE").type(Path.class)
        .description("grid point as a JSON object of field: value (flags override it)").build());
    spec.addOption(OptionSpec.builder("--device").paramLabel("DEVICE").type(String.class)
        .defaultValue("auto").description("cpu, gpu, gpuN or auto (default: ${DEFAULT-VALUE})")
        .build());
    spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(int.class)
        .defaultValue("0").description("PyTorch intra-op threads; 0 leaves PyTorch's default")
        .build());
    spec.addOption(OptionSpec.builder("--output").paramLabel("FILE").type(Path.class)
        .description("also write the JSON result to FILE").build());
    spec.addOption(OptionSpec.builder("--print-model").type(boolean.class).arity("0")
        .defaultValue("false")
        .description("print the network, block by block, to stderr").build());
    spec.addOption(OptionSpec.builder("--help-fields").type(boolean.class).arity("0")
        .defaultValue("false").description("show every grid field's flag, " + hiddenCount()
            + " more than here (docs/sweep-files.md explains them), and exit").build());
    for (GridField f : GridField.values()) {
      String flag = "--" + f.column().replace('_', '-');
      String[] names = switch (f) {
        case DATA_PATH -> new String[] {"--data", flag};
        case MAX_EPOCHS -> new String[] {"--epochs", flag};
        default -> new String[] {flag};
      };
      spec.addOption(OptionSpec.builder(names).paramLabel(label(f)).hidden(!everyField
          && !USUAL.contains(f)).type(String.class).description(FieldRange.flagHelp(f)).build());
    }
    CommandLine cl = new CommandLine(spec);
    return cl;
  }

  private static int hiddenCount() {
    return GridField.values().length - USUAL.size();
  }

  /** A flag's placeholder: its values where it has a few, else N, X, LIST, DIR or TEXT. */
  private static String label(GridField f) {
    List<String> values = FieldRange.values(f);
    if (!values.isEmpty()) {
      return String.join("|", values);
    }
    return switch (f) {
      case DATA_PATH -> "DIR";
      case PRECISION -> "N|none";
      case INIT -> join(Initialization.values());
      case RELU_DERIVATIVE_AT_ZERO -> join(DerivativeAtZero.values());
      default -> switch (f.type()) {
        case INT, LONG -> "N";
        case DOUBLE -> "X";
        case BOOLEAN -> "true|false";
        case INT_LIST -> "LIST";
        default -> "TEXT";
      };
    };
  }

  private static String join(Object[] values) {
    return String.join("|", Arrays.stream(values).map(String::valueOf).toList());
  }

  /** Builds the grid point from --json and the field flags. */
  GridPoint point() throws IOException {
    GridPoint.Builder b = GridPoint.builder();
    Path json = spec.findOption("--json").getValue();
    if (json != null) {
      Map<String, Object> fields;
      try {
        fields = Json.JSON.readValue(json.toFile(),
            new TypeReference<Map<String, Object>>() {});
      } catch (JsonProcessingException e) {
        throw new InvalidValueException(json.toString(), "not a JSON object of grid-point fields: "
            + e.getOriginalMessage());
      }
      for (Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Object> e = it.next();
        if (GridField.byColumn(e.getKey()) == null) {
          throw new InvalidValueException(json + ": " + e.getKey(),
              "unknown grid-point field, expected one of " + GridField.columns());
        }
        b.set(GridField.byColumn(e.getKey()), e.getValue(), json + ": " + e.getKey());
      }
    }
    for (GridField f : GridField.values()) {
      String value = spec.findOption("--" + f.column().replace('_', '-')).getValue();
      if (value != null) {
        b.set(f, Json.scalar(value), "--" + f.column().replace('_', '-'));
      }
    }
    return b.build();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (spec.findOption("--help-fields").<Boolean>getValue()) {
      create(true).usage(spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    }
    GridPoint point;
    Device device;
    try {
      point = point();
      device = Devices.parse(spec.findOption("--device").getValue());
      Path data = Path.of(point.data().path());
      if (Files.isDirectory(data)) { // a folder that fails verify fails in training, named
        ModelSize.check(point, DataCheck.verify(data));
      }
    } catch (InvalidValueException e) {
      err.println("analogsweep train: " + e.getMessage());
      err.flush();
      return 2;
    }
    int threads = spec.findOption("--threads").getValue();
    if (spec.findOption("--print-model").<Boolean>getValue()) {
      err.println(describeModel(point));
      err.flush();
    }
    TaskResult result = GridPointTrainer.train(point, device, threads);
    String json = Json.write(result);
    spec.commandLine().getOut().println(json);
    spec.commandLine().getOut().flush();
    Path output = spec.findOption("--output").getValue();
    if (output != null) {
      Files.writeString(output, json + "\n");
    }
    if (result.status() == Status.FAILED) {
      err.println("analogsweep train: FAILED: " + result.message());
      err.flush();
      return FAILED;
    }
    return 0;
  }

  private static String describeModel(GridPoint point) {
    Dataset data = DatasetCache.get(point.data().path(), point.data().grayscale());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      SequentialBlock net = AnalogNetworks.build(point, data.classes());
      net.initialize(m, DataType.FLOAT32,
          new Shape(1, data.channels(), data.height(), data.width()));
      return AnalogNetworks.describeRecipe(point) + "\n" + AnalogNetworks.describe(point, net);
    }
  }
}
