package analogsweep.driver;

import analogsweep.common.InvalidValueException;
import analogsweep.data.DataCheck;
import analogsweep.driver.exec.DataLocalizer;
import analogsweep.grid.GridPoint;
import analogsweep.model.ModelSize;
import analogsweep.sweep.Sweep;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each local data folder of a sweep once on the driver, before anything is submitted:
 * headers, exact sizes and label ranges ({@link DataCheck}), and that each grid point's network
 * fits ({@link ModelSize}) on that data. Paths with a URI scheme are left to the executors.
 */
final class DataPreflight {
  private DataPreflight() {}

  /**
   * Throws for a bad data folder where {@code required}, else prints a warning to {@code out};
   * throws for a network too big for its data either way.
   */
  static void check(Sweep sweep, boolean required, PrintStream out) {
    Map<String, List<GridPoint>> byPath = new LinkedHashMap<>();
    for (GridPoint p : sweep.points()) {
      byPath.computeIfAbsent(p.data().path(), k -> new ArrayList<>()).add(p);
    }
    for (Map.Entry<String, List<GridPoint>> e : byPath.entrySet()) {
      String path = e.getKey();
      if (DataLocalizer.isUri(path)) {
        continue; // read by the executors through Hadoop's FileSystem API
      }
      DataCheck.Summary data;
      try {
        data = DataCheck.verify(Path.of(path));
      } catch (InvalidValueException bad) {
        if (required) {
          throw new InvalidValueException(sweep.source() + ": data.path", bad.getMessage()
              + (path.contains("fashion-mnist") && !Files.exists(Path.of(path))
                  ? " (install it: apt-get install dataset-fashion-mnist)" : ""));
        }
        out.println("warning: " + sweep.source() + ": data.path " + bad.getMessage()
            + " (not on this machine)");
        continue;
      }
      checkSizes(sweep, e.getValue(), data);
    }
  }

  private static void checkSizes(Sweep sweep, List<GridPoint> points, DataCheck.Summary data) {
    for (GridPoint p : points) {
      try {
        ModelSize.check(p, data);
      } catch (InvalidValueException bad) {
        throw new InvalidValueException(sweep.source() + ": " + bad.field(),
            bad.getMessage().substring(bad.field().length() + 2));
      }
    }
  }
}
