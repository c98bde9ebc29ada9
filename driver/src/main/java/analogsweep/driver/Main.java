package analogsweep.driver;

import analogsweep.cli.TrainCommand;
import analogsweep.common.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.parquet.io.ParquetDecodingException;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code analogsweep}: plan, run, check and report sweeps, or train one grid point. Exit codes:
 * 0 done, 1 unexpected error, 2 invalid input or damaged output (nothing written), 3 some tasks
 * stayed unfinished (run again to retry them), 4 some tasks FAILED, 130/143 interrupted by
 * SIGINT/SIGTERM (run again to resume). Each command's help lists only the codes it can give
 * ({@link #EXIT_CODES}) and its examples ({@link #EXAMPLES}).
 */
@Command(name = "analogsweep", mixinStandardHelpOptions = true, version = "analogsweep 0.3.0",
    description = "Sweeps of ReLU-to-GELU/SiLU activations under simulated analog noise, on Spark.",
    subcommands = {PlanCommand.class, RunCommand.class, StatusCommand.class,
        ReportCommand.class, CompactCommand.class, BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:done", "1:unexpected error (a bug: please report it with its stack trace)",
        "2:invalid input or damaged output: one line names it, nothing is written; the bare "
            + "command",
        "3:run: some tasks stayed unfinished because their Spark job failed: run again",
        "4:run, train: some tasks FAILED",
        "130:run: interrupted by SIGINT (143: SIGTERM): run the same command to resume"},
    footerHeading = "%nExamples:%n", footer = {
        "  analogsweep run sweeps/quickstart.yaml",
        "  analogsweep COMMAND --help"})
public final class Main implements Callable<Integer> {
  private static final String DONE = "done";
  private static final String BUG = "unexpected error (a bug: please report it with its stack "
      + "trace)";
  private static final String INVALID = "invalid input (an argument, a sweep key, a value, a "
      + "data file, an output folder) or damaged output: one line names it, nothing is written";

  /** The exit codes each command can give, in the order its help lists them. */
  static final Map<String, Map<String, String>> EXIT_CODES = Map.of(
      "plan", codes(),
      "status", codes(),
      "report", codes(),
      "compact", codes(),
      "bench", codes(),
      "run", codes(
          "3", "some tasks stayed unfinished because their Spark job failed: run again",
          "4", "the sweep is complete but some tasks FAILED: see 'analogsweep status DIR', fix "
              + "the cause, then run with --retry-failed",
          "130", "interrupted by SIGINT (143: SIGTERM): run the same command to resume"));

  /** Each command's examples, as its help shows them. */
  static final Map<String, String[]> EXAMPLES = Map.of(
      "plan", new String[] {
          "  analogsweep plan sweeps/quickstart.yaml",
          "  analogsweep plan sweeps/quickstart.yaml --set grid.seed=[1,2,3] --sample 10"},
      "run", new String[] {
          "  analogsweep run sweeps/quickstart.yaml",
          "  analogsweep run sweeps/quickstart.yaml --set analog.precision=32",
          "  analogsweep run sweeps/quickstart.yaml --retry-failed",
          "  analogsweep run sweeps/fashion-mnist-convnet-depth.yaml --set seeds=[1,2,3] \\",
          "      --until-decided --max-seeds 10",
          "  analogsweep run sweeps/quickstart.yaml --master spark://HOST:7077"},
      "status", new String[] {
          "  analogsweep status results/quickstart"},
      "report", new String[] {
          "  analogsweep report results/quickstart",
          "  analogsweep report results/fashion-mnist-convnet-vs-vit-convnet \\",
          "      --with results/fashion-mnist-convnet-vs-vit-vit"},
      "compact", new String[] {
          "  analogsweep compact results/quickstart"},
      "bench", new String[] {
          "  analogsweep bench --quick",
          "  analogsweep bench --device gpu --json gpu-bench.json",
          "  analogsweep bench --scale 10000 --json scale.json"});

  /** 0, 1 and 2, which every command can give, then {@code more} as code, meaning pairs. */
  private static Map<String, String> codes(String... more) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("0", DONE);
    out.put("1", BUG);
    out.put("2", INVALID);
    for (int i = 0; i < more.length; i += 2) {
      out.put(more[i], more[i + 1]);
    }
    return out;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this in-process). */
  public static int execute(String... args) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("train", TrainCommand.create());
    for (CommandLine sub : cl.getSubcommands().values()) {
      String name = sub.getCommandName();
      if (name.equals("train")) {
        continue; // its own codes and examples (TrainCommand)
      }
      sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(EXIT_CODES.get(name)).footerHeading("%nExamples:%n")
          .footer(EXAMPLES.get(name));
    }
    cl.setParameterExceptionHandler(Main::usageError);
    cl.setExecutionExceptionHandler((e, line, parse) -> {
      Throwable t = e;
      while (!(t instanceof InvalidValueException) && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof InvalidValueException) {
        line.getErr().println("analogsweep " + line.getCommandName() + ": " + t.getMessage());
        return ExitCodes.INVALID;
      }
      String unreadable = unreadableFile(e);
      if (unreadable != null) {
        line.getErr().println("analogsweep " + line.getCommandName() + ": " + unreadable
            + ": a result file cannot be read; run the sweep again with --repair to move "
            + "damaged waves aside (their tasks are trained again)");
        return ExitCodes.INVALID;
      }
      line.getErr().println("analogsweep " + line.getCommandName() + ": unexpected error: " + e);
      e.printStackTrace(line.getErr());
      return 1;
    });
    return cl.execute(args);
  }

  @Spec
  CommandSpec spec;

  /** The bare command: the command list (train included), and exit 2, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return ExitCodes.INVALID;
  }

  /**
   * A usage error (a missing argument, an unknown option, a bad option value): one line naming
   * it and where the help is, instead of the whole usage.
   */
  static int usageError(ParameterException e, String[] args) {
    CommandLine line = e.getCommandLine();
    String command = line.getCommandSpec().qualifiedName();
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    String unknown = e instanceof MissingParameterException ? unknownOption(line, args) : null;
    if (unknown != null) { // "run --bogus": the unknown option, not the file it pushed out
      message = "Unknown option: '" + unknown + "'";
    }
    line.getErr().println(command + ": " + message + " (see '" + command + " --help')");
    return ExitCodes.INVALID;
  }

  /** The first argument that looks like an option the command does not have, or null. */
  private static String unknownOption(CommandLine line, String[] args) {
    for (String a : args) {
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (name.startsWith("-") && name.length() > 1 && !name.equals("--")
          && !Character.isDigit(name.charAt(1)) && name.charAt(1) != '.'
          && line.getCommandSpec().findOption(name) == null
          && !name.equals(line.getCommandName())) {
        return name;
      }
    }
    return null;
  }

  /**
   * The first line of a Spark error about a Parquet file it could not read (damage past the
   * footer, found only when the pages are decoded), or null for any other error.
   */
  static String unreadableFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof ParquetDecodingException
          || m.contains("FAILED_READ_FILE") || m.contains("Could not read footer")
          || m.contains("is not a Parquet file")) {
        return m.lines().findFirst().orElse(m);
      }
    }
    return null;
  }
}
