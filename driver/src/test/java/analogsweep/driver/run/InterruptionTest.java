package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signal as a request to stop: the exit code the shells use, the actions run once when it
 * comes (at once for an action added after it), none after being removed. (A second signal halts
 * the JVM, so each test raises one.)
 */
class InterruptionTest {
  @Test
  void noSignalNoRequest() {
    Interruption i = Interruption.none();
    List<String> ran = new ArrayList<>();
    i.onSignal(() -> ran.add("cancel"));
    assertFalse(i.requested());
    assertEquals(0, i.exitCode());
    assertEquals(List.of(), ran);
  }

  @Test
  void sigintRunsTheActionsAndExitsWith130() {
    Interruption i = Interruption.none();
    List<String> ran = new ArrayList<>();
    Runnable removed = () -> ran.add("removed");
    i.onSignal(() -> ran.add("cancel jobs"));
    i.onSignal(removed);
    i.remove(removed);
    i.request("INT");
    assertTrue(i.requested());
    assertEquals(130, i.exitCode());
    assertEquals(List.of("cancel jobs"), ran);
    i.onSignal(() -> ran.add("late"));
    assertEquals(List.of("cancel jobs", "late"), ran, "added after the signal: run at once");
  }

  @Test
  void sigtermExitsWith143() {
    Interruption i = Interruption.none();
    i.request("TERM");
    assertTrue(i.requested());
    assertEquals(143, i.exitCode());
  }
}
