package analogsweep.driver.report;

import analogsweep.driver.store.OutputFolder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: the findings, the tables and the figures of a report as one page that
 * works offline from the report folder. The data are embedded as JSON; the page's script
 * ({@code report.js}) draws them with Apache ECharts 5.6.0 from npm, copied next to the page with
 * its licences (see {@code VENDOR.md} among the resources): a findings table filtered by claim
 * and verdict, an explorer of any column against any swept axis with 95% interval bars and hover
 * values, the gain over (p, EP) on one colour scale, and parallel coordinates of every run over
 * the swept axes coloured by accuracy.
 */
final class HtmlReport {
  private static final String RESOURCES = "/analogsweep/report/";
  /** Files copied next to report.html. */
  static final List<String> BUNDLED = List.of("echarts.min.js", "echarts-LICENSE.txt",
      "echarts-NOTICE.txt", "zrender-LICENSE.txt", "tslib-LICENSE.txt");

  /** A table and the columns that are its swept settings. */
  record Keyed(Table table, List<String> keys) {}

  /** What the page shows; {@code gains} and {@code runs} may be null. */
  record Data(String title, String completeness, Double chance, Table findings, Keyed summary,
      Keyed gains, Keyed runs, List<String> figures) {}

  private HtmlReport() {}

  static void write(OutputFolder folder, Data data) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", data.title());
    json.put("completeness", data.completeness());
    json.put("chance", data.chance());
    json.put("findings", table(new Keyed(data.findings(), List.of())));
    json.put("summary", table(data.summary()));
    json.put("gains", data.gains() == null ? null : table(data.gains()));
    json.put("runs", data.runs() == null ? null : table(data.runs()));
    json.put("figures", data.figures());
    // "</" would end the script element early; "<\/" is the same JSON string
    String embedded = new ObjectMapper().writeValueAsString(json).replace("</", "<\\/");
    String page = resource("report.html")
        .replace("/*REPORT_DATA*/", embedded)
        .replace("/*REPORT_APP*/", resource("report.js"));
    Reports.writeText(folder, "report.html", page);
    for (String file : BUNDLED) {
      try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + file)) {
        folder.writeReportFile(file, in.readAllBytes());
      }
    }
  }

  /** Columns, rows with plain JSON values (lists as arrays, NaN as null) and the keys. */
  private static Map<String, Object> table(Keyed keyed) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : keyed.table().rows()) {
      List<Object> out = new ArrayList<>();
      for (Object v : row) {
        Object plain = SweepData.plain(v);
        out.add(plain instanceof Double d && !Double.isFinite(d) ? null : plain);
      }
      rows.add(out);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("columns", keyed.table().columns());
    t.put("rows", rows);
    t.put("keys", keyed.keys());
    return t;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
