package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on a machine without Java or Maven: the launcher names the Debian
 * packages to install (the README's first line) instead of failing somewhere inside a build.
 */
class LauncherTest {
  static final Path ROOT = Path.of(System.getProperty("analogsweep.projectDir", ".."));

  @TempDir
  Path tmp;

  @Test
  void withoutJavaTheLauncherNamesWhatToInstall() throws Exception {
    Path log = tmp.resolve("launcher.log");
    ProcessBuilder pb = new ProcessBuilder("/bin/bash", ROOT.resolve("analogsweep").toString(),
        "run", "sweeps/quickstart.yaml").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PATH", tmp.resolve("empty").toString()); // no java, no mvn
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = Files.readString(log);
    assertEquals(1, p.exitValue(), out);
    assertEquals("analogsweep: Java 17 or newer is needed; on Debian: sudo apt-get install -y "
        + "openjdk-17-jdk-headless maven dataset-fashion-mnist", out.strip());
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains("sudo apt-get install -y openjdk-17-jdk-headless maven "
        + "dataset-fashion-mnist"), "the README's first line installs the same");
    System.out.println("launcher without java -> exit 1: " + out.strip());
  }
}
