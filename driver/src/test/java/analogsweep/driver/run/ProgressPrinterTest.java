package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line redrawn in place on a terminal, and at most once per interval in a log. */
class ProgressPrinterTest {
  @Test
  void terminalRedrawsInPlaceAndKeepsMessagesAbove() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ProgressPrinter p = new ProgressPrinter(new PrintStream(b, true), true, 60);
    p.update("1/4 done");
    p.update("2/4 done");
    p.message("a wave failed");
    p.finish("4/4 done");
    assertEquals("\r1/4 done\u001b[K\r2/4 done\u001b[K\r\u001b[Ka wave failed\n2/4 done\u001b[K"
        + "\r4/4 done\u001b[K\n", b.toString());
  }

  /** On a clock the test moves: a line once a full interval has passed since the last. */
  @Test
  void logPrintsOncePerIntervalAndTheFinalLine() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(5_000_000_000L);
    ProgressPrinter p = new ProgressPrinter(new PrintStream(b, true), false, 1, now::get);
    for (int k = 0; k < 100; k++) {
      now.addAndGet(9_000_000); // 0.9 s in all: within the first second, none printed
      p.update("line " + k);
    }
    now.addAndGet(100_000_000);
    p.update("after a second");
    now.addAndGet(999_999_999);
    p.update("too soon");
    now.addAndGet(1);
    p.update("a second later");
    p.finish("final");
    assertEquals("after a second\na second later\nfinal\n", b.toString());
  }

  /** Interval 0: a log gets the final line only, however long the run. */
  @Test
  void intervalZeroPrintsOnlyTheFinalLine() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong();
    ProgressPrinter p = new ProgressPrinter(new PrintStream(b, true), false, 0, now::get);
    now.addAndGet(Long.MAX_VALUE / 2);
    p.update("an hour in");
    p.message("a message");
    p.finish("final");
    assertEquals("a message\nfinal\n", b.toString());
  }

  /** Redraws every second on a terminal, else at the log interval, within 1 .. 60 s. */
  @Test
  void tickSeconds() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertEquals(1, new ProgressPrinter(out, true, 30).tickSeconds(30));
    assertEquals(30, new ProgressPrinter(out, false, 30).tickSeconds(30));
    assertEquals(60, new ProgressPrinter(out, false, 600).tickSeconds(600));
    assertEquals(1, new ProgressPrinter(out, false, 0).tickSeconds(0));
  }
}
