package analogsweep.driver;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The --set option of the commands that read a sweep file. */
final class SweepOverrides {
  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a key of the "
      + "sweep file before it is checked, as in the file: --set analog.precision=32, --set "
      + "grid.seed=[1,2,3], --set ~grid.precision (removes the key); repeatable")
  List<String> set = new ArrayList<>();
}
