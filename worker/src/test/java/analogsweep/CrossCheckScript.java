package analogsweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where the tests find the independent PyTorch cross-check and a python3 that can run it. */
public final class CrossCheckScript {
  private CrossCheckScript() {}

  /** A python3 that imports torch and pandas (CROSSCHECK_PYTHON first), or null. */
  public static String python() {
    List<String> candidates = new ArrayList<>();
    String env = System.getenv("CROSSCHECK_PYTHON");
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.add("python3");
    candidates.add("/usr/bin/python3");
    for (String c : candidates) {
      try {
        Process p = new ProcessBuilder(c, "-c", "import torch, pandas")
            .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return c;
        }
      } catch (IOException e) {
        // not there: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** scripts/crosscheck/crosscheck.py, found upwards from the working directory, or null. */
  public static Path script() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path s = dir.resolve("scripts/crosscheck/crosscheck.py");
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    return null;
  }
}
