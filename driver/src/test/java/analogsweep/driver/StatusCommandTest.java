package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analogsweep status} answers without Spark: in a child JVM whose class path lacks Spark
 * and Scala altogether it prints the folder's status (any use of Spark would fail there), and a
 * result file whose footer reads but whose pages do not gets one line naming it and the remedy.
 */
class StatusCommandTest {
  @TempDir
  Path tmp;

  @Test
  void statusRunsWithoutSparkOnTheClassPath() throws Exception {
    Path out = TestSupport.copyFixture("quickstart-v0.1.0", tmp.resolve("quickstart"));
    String withoutSpark = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator))
        .filter(e -> !Path.of(e).getFileName().toString().matches("(spark|scala).*\\.jar"))
        .collect(Collectors.joining(File.pathSeparator));
    assertFalse(withoutSpark.equals(System.getProperty("java.class.path")),
        "the tests' class path holds Spark");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Xmx1g", "-cp", withoutSpark, "analogsweep.driver.Main", "status",
        out.toString()));
    Path log = tmp.resolve("status.log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "status ended");
    double seconds = (System.nanoTime() - t0) / 1e9;
    String text = Files.readString(log);
    assertEquals(0, p.exitValue(), text);
    assertEquals("sweep quickstart (train) in " + out + "\n"
        + "  planned   24\n"
        + "  stored    24 (24 OK, 0 DIVERGED, 0 FAILED)\n"
        + "  pending   0\n", text.lines().filter(l -> !l.startsWith("SLF4J"))
            .map(l -> l + "\n").collect(Collectors.joining()));
    System.out.printf("status in a JVM without Spark: %.1f s%n", seconds);
  }

  @Test
  void undecodablePagesGetOneLineAndTheRemedy() throws Exception {
    Path out = TestSupport.copyFixture("quickstart-v0.1.0", tmp.resolve("quickstart"));
    Path file;
    try (Stream<Path> s = Files.list(out.resolve("runs/wave=3"))) {
      file = s.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    // the pages overwritten, the footer (at the end) left whole: the damage scan passes it
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[(int) Math.min(2000, f.length() / 2)];
      Arrays.fill(garbage, (byte) 0x5a);
      f.seek(4);
      f.write(garbage);
    }
    PrintStream o = System.out;
    PrintStream e = System.err;
    ByteArrayOutputStream ob = new ByteArrayOutputStream();
    ByteArrayOutputStream eb = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(ob, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(eb, true, StandardCharsets.UTF_8));
      code = Main.execute("status", out.toString());
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
    String err = eb.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, ob + err);
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.contains(file.getFileName().toString()) && err.contains("--repair"), err);
    assertFalse(err.contains("\tat "), err);
    System.out.println(err.strip());
  }
}
