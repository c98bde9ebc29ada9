package analogsweep.driver;

import analogsweep.driver.report.Reports;
import analogsweep.driver.store.OutputFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code analogsweep report}: writes DIR/report from the stored results ({@link Reports}). */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Aggregate DIR/runs and DIR/epochs with Spark SQL into DIR/report: "
        + "report.html, report.md, CSV tables and figures (PNG and SVG). Works on a sweep that "
        + "is still running.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "output folder of a sweep")
  String dir;

  @Option(names = "--with", paramLabel = "OTHER",
      description = "another training sweep's output folder whose results join this report "
          + "(repeatable): comparisons that take separate sweeps, such as the ViT against the "
          + "ConvNet (finding F4), since each model's own options make each its own sweep; "
          + "the report is still written to DIR/report")
  List<String> with = new ArrayList<>();

  @Mixin
  SparkMasterOption sparkMaster;

  @Override
  public Integer call() throws Exception {
    List<String> folders = new ArrayList<>(List.of(dir));
    folders.addAll(with);
    for (String d : folders) {
      OutputFolder folder = new OutputFolder(d, new Configuration());
      if (folder.exists()) {
        folder.manifest(); // an unreadable one: one line, exit 2
        folder.requireUndamaged(new Configuration(), "run the sweep "
            + "again with --repair to move the damaged waves aside (analogsweep run " + d
            + "/sweep.yaml --out " + d + " --repair)");
      }
    }
    try (var spark = Sessions.start("analogsweep report", sparkMaster.master, List.of())) {
      String written = Reports.write(spark, dir, with);
      System.out.println("report: " + written);
    }
    return 0;
  }
}
