package analogsweep.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.driver.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in headless Chromium (Debian package {@code chromium}; .ci/run installs it)
 * and checks that the page renders its data: the findings table, the charts as SVG, every run in
 * the parallel view, and no error (uncaught exceptions, failed loads and console.error, which
 * the page records; and no console line that reads like an error). Skipped where Chromium is
 * not installed.
 */
@Tag("browser")
class HtmlReportBrowserTest {
  @TempDir
  Path tmp;

  static String chromium() {
    for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(name))) {
        return name;
      }
    }
    return null;
  }

  /** Runs headless Chromium on a file, returning {dumped DOM, stderr}. */
  static String[] open(Path page) throws IOException, InterruptedException {
    Path dom = page.resolveSibling("dom.html");
    Path log = page.resolveSibling("chromium.log");
    Process p = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
        "--user-data-dir=" + page.resolveSibling("profile"), "--dump-dom",
        page.toUri().toString()).redirectOutput(dom.toFile()).redirectError(log.toFile())
        .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    return new String[] {Files.readString(dom, StandardCharsets.UTF_8),
        Files.readString(log, StandardCharsets.UTF_8)};
  }

  static String attribute(String dom, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    assertTrue(m.find(), name + " in the rendered page");
    return m.group(1).replace("&quot;", "\"");
  }

  @Test
  void rendersTheQuickstartReportWithoutErrors() throws Exception {
    assumeTrue(chromium() != null, "chromium is not installed (apt-get install chromium)");
    Path out = tmp.resolve("quickstart");
    Path fixture = Path.of("src/test/resources/fixtures/quickstart-v0.1.0");
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path f : files.toList()) {
        Path to = out.resolve(fixture.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Reports.write(TestSupport.spark(), out.toString());
    Path report = out.resolve("report");
    long findings = Files.readAllLines(report.resolve("findings.csv")).size() - 1;

    String[] result = open(report.resolve("report.html"));
    String dom = result[0];
    assertEquals("[]", attribute(dom, "data-errors"));
    String rendered = attribute(dom, "data-rendered");
    assertTrue(rendered.contains("\"charts\":2"), rendered + ": explorer and parallel view");
    assertTrue(rendered.contains("\"findings\":" + findings), rendered);
    assertTrue(rendered.contains("\"runs\":24"), rendered + ": every run in the parallel view");
    assertTrue(rendered.contains("\"points\":12"), rendered + ": 12 settings in the explorer");
    assertTrue(dom.contains("<svg"), "ECharts drew SVG");
    assertTrue(dom.contains("relu-silu error_probability=0.7"), "legend of the explorer");
    assertTrue(dom.contains("not shown"), "verdicts in the findings table");
    for (String line : result[1].split("\n")) {
      if (line.contains(":CONSOLE")) {
        assertTrue(!line.contains("Uncaught") && !line.toLowerCase().contains("error"), line);
      }
    }
  }
}
