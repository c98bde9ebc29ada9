package analogsweep.driver.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM as a request to stop: the first one stops new work, cancels the Spark jobs
 * in flight and lets the run end normally (its stored waves stay, its lock is released, its
 * manifest records the session), so the command ends with one line instead of a JVM shutdown
 * racing Spark's own. A second signal ends the process at once; the folder is resumable either
 * way, since a wave counts only once its runs are renamed into place.
 */
public final class Interruption {
  private volatile String signal;
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  private Interruption() {}

  /** An interruption that no signal triggers (tests, and commands that need none). */
  public static Interruption none() {
    return new Interruption();
  }

  /** Takes over SIGINT and SIGTERM for this process. */
  public static Interruption install() {
    Interruption i = new Interruption();
    for (String name : List.of("INT", "TERM")) {
      try {
        Signal.handle(new Signal(name), s -> i.raise(s.getName(), 128 + s.getNumber()));
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal for itself (-Xrs): leave it
      }
    }
    return i;
  }

  void raise(String name, int code) {
    if (signal != null) {
      System.err.println();
      System.err.println("analogsweep: interrupted again: stopping at once; run the same command "
          + "to resume");
      System.err.flush();
      Runtime.getRuntime().halt(code);
    }
    signal = name;
    exitCode = code;
    for (Runnable r : actions) {
      r.run();
    }
  }

  private volatile int exitCode;

  /** Simulates a signal (tests). */
  public void request(String name) {
    raise(name, 128 + (name.equals("INT") ? 2 : 15));
  }

  /** Whether a signal asked the run to stop. */
  public boolean requested() {
    return signal != null;
  }

  /** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM (the shells' convention). */
  public int exitCode() {
    return exitCode;
  }

  /** Runs {@code action} when a signal arrives (at once if one already has). */
  public void onSignal(Runnable action) {
    actions.add(action);
    if (signal != null) {
      action.run();
    }
  }

  /** Stops running {@code action} on a signal. */
  public void remove(Runnable action) {
    actions.remove(action);
  }
}
