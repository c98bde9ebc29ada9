package analogsweep.driver;

import analogsweep.cli.TrainCommand;
import analogsweep.common.InvalidValueException;
import java.util.concurrent.Callable;
import org.apache.parquet.io.ParquetDecodingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code analogsweep}: plan, run, check and report sweeps, or train one grid point. Exit codes
 * (also in every command's help): 0 done, 1 unexpected error, 2 invalid input or damaged output
 * (nothing written), 3 some tasks stayed unfinished (run again to retry them), 4 the sweep is
 * complete but some tasks FAILED, 130/143 interrupted by SIGINT/SIGTERM (run again to resume).
 */
@Command(name = "analogsweep", mixinStandardHelpOptions = true, version = "analogsweep 0.2.0",
    description = "Sweeps of ReLU-to-GELU/SiLU activations under simulated analog noise, on Spark.",
    subcommands = {PlanCommand.class, RunCommand.class, StatusCommand.class,
        ReportCommand.class, CompactCommand.class, BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:done", "1:unexpected error (a bug: please report it with its stack trace)",
        "2:invalid input (a command-line argument, a sweep key, a value, a data file, an output folder) or damaged "
            + "output; one line names it and nothing is written",
        "3:some tasks stayed unfinished because their Spark job failed: run again",
        "4:the sweep is complete but some tasks FAILED: see 'analogsweep status DIR', fix the "
            + "cause, then run with --retry-failed",
        "130:interrupted by SIGINT (143: SIGTERM): run the same command to resume"})
public final class Main implements Callable<Integer> {
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
      if (sub.getCommandName().equals("train")) {
        continue; // its own codes (TrainCommand)
      }
      sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(cl.getCommandSpec().usageMessage().exitCodeList());
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
    line.getErr().println(command + ": " + message + " (see '" + command + " --help')");
    return ExitCodes.INVALID;
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
