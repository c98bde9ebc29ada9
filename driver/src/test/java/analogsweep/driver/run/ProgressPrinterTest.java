package analogsweep.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

  @Test
  void logPrintsOncePerIntervalAndTheFinalLine() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ProgressPrinter p = new ProgressPrinter(new PrintStream(b, true), false, 1);
    for (int k = 0; k < 100; k++) {
      p.update("line " + k); // within the first second: none printed
    }
    Thread.sleep(1100);
    p.update("after a second");
    p.update("too soon");
    p.finish("final");
    assertEquals("after a second\nfinal\n", b.toString());
  }
}
