package analogsweep.cli;

import picocli.CommandLine;

/** Entry point of the worker jar alone: {@code train} only (the driver adds plan, run, report). */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.exit(TrainCommand.create().execute(args));
  }
}
