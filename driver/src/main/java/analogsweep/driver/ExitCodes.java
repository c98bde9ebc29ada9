package analogsweep.driver;

/**
 * The exit codes of {@code analogsweep} beyond 0 (done) and 1 (unexpected error), shared by the
 * commands and listed in every command's help by {@link Main}.
 */
final class ExitCodes {
  /** Invalid input or damaged output: one line names it and nothing is written. */
  static final int INVALID = 2;
  /** Some tasks stayed unfinished because their Spark job failed: run again. */
  static final int UNFINISHED = 3;
  /** The sweep is complete but some tasks FAILED. */
  static final int TASKS_FAILED = 4;

  private ExitCodes() {}
}
