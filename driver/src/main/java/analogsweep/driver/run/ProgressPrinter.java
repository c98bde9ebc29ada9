package analogsweep.driver.run;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Where the progress line goes. On a terminal it is redrawn in place (carriage return, erase to
 * the end of the line) and other messages are printed above it; in a log (a file, a pipe, a CI
 * console) it is printed as a plain line at most once per interval, so that a sweep of a
 * thousand tasks writes a few dozen lines, not one per wave. The launchers say whether standard
 * error is a terminal ({@code -Danalogsweep.terminal=true|false}); without that, a JVM with a
 * console counts as one.
 */
public final class ProgressPrinter {
  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long lastPrinted;
  private String shown;

  /**
   * @param intervalSeconds seconds between lines in a log; 0 prints only the final line
   */
  public ProgressPrinter(PrintStream out, boolean terminal, int intervalSeconds) {
    this(out, terminal, intervalSeconds, System::nanoTime);
  }

  /** As above, with the clock given (tests): nanoseconds, as {@link System#nanoTime}. */
  ProgressPrinter(PrintStream out, boolean terminal, int intervalSeconds, LongSupplier nanoTime) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = intervalSeconds <= 0 ? Long.MAX_VALUE : intervalSeconds * 1_000_000_000L;
    this.nanoTime = nanoTime;
    this.lastPrinted = nanoTime.getAsLong();
  }

  /** Whether standard error is a terminal, as the launcher says (else: is there a console). */
  public static boolean stderrIsTerminal() {
    String said = System.getProperty("analogsweep.terminal");
    if (said != null && !said.isBlank()) {
      return Boolean.parseBoolean(said);
    }
    return System.console() != null;
  }

  public boolean terminal() {
    return terminal;
  }

  /** Seconds between redraws: every second on a terminal, else the log interval (at most 60). */
  long tickSeconds(int intervalSeconds) {
    return terminal ? 1 : Math.max(1, Math.min(60, intervalSeconds));
  }

  /** Shows the current line: redrawn on a terminal; in a log, when the interval has passed. */
  public synchronized void update(String line) {
    if (terminal) {
      shown = line;
      out.print("\r" + line + "\u001b[K");
      out.flush();
    } else if (nanoTime.getAsLong() - lastPrinted >= intervalNanos) {
      lastPrinted = nanoTime.getAsLong();
      out.println(line);
      out.flush();
    }
  }

  /** A message of its own line, above the progress line on a terminal. */
  public synchronized void message(String line) {
    if (terminal && shown != null) {
      out.print("\r\u001b[K");
    }
    out.println(line);
    if (terminal && shown != null) {
      out.print(shown + "\u001b[K");
    }
    out.flush();
  }

  /** The last line, always shown, and the end of the in-place line. */
  public synchronized void finish(String line) {
    if (terminal) {
      out.print("\r" + line + "\u001b[K\n");
      shown = null;
    } else {
      out.println(line);
    }
    out.flush();
  }
}
