package analogsweep.driver.store;

import analogsweep.common.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.OutputFile;

/**
 * Merges the rows of many small stored waves into few files: every batch a run stores is a wave
 * of its own, and a sweep of 10^5 tasks would otherwise leave tens of thousands of small files.
 * Waves whose files share one Parquet schema (so 0.1's layout and today's are never mixed; rows
 * are copied as they are, never converted) are merged into a new wave, numbered after every
 * existing one, one file per dataset; the runs and epochs of a task stay in one wave.
 *
 * <p>The commit discipline is that of storing a wave: the merged wave is written completely into
 * {@code _staging/compact.partial} with a {@link Plan} naming the merged-from waves, and the
 * rename to {@code _staging/compact} commits the compaction. {@link #finish} then moves the
 * merged epochs and runs (maps) into place, the rows' done marker last, removes the merged-from
 * waves (runs before epochs) and removes the plan. A driver killed before the rename leaves the
 * folder as it was (repair removes the partial area); killed after it, the next run or
 * {@code compact} calls {@link #finish} again (through {@link WaveRepair#repair}), which picks up
 * where it stopped, so every task id ends up stored once. Only between the merged runs' rename and
 * the removal of the last merged-from runs (milliseconds) does a plain read see tasks twice.
 */
public final class WaveCompaction {
  /** A merged file takes source files up to about this many bytes. */
  static final long TARGET_BYTES = 128L << 20;
  /** Rows the writer holds in memory before it writes them out: the driver's heap stays small. */
  private static final long ROW_GROUP_BYTES = 32L << 20;
  /** The smallest number of mergeable waves for which the end of a run compacts. */
  public static final int RUN_END_MIN_WAVES = 8;
  /**
   * Test hook: the JVM halts (as if killed) at the moment this system property names
   * ({@code writing}, {@code staged}, {@code committed}, {@code epochs-placed},
   * {@code runs-placed}, {@code maps-placed}, {@code removing}, {@code removed}).
   */
  static final String KILL_PROPERTY = "analogsweep.inject.compaction.kill";
  /** Test hook, in-process: {@link Stopped} is thrown at this moment (null: never). */
  static volatile String stopAt;

  /** Datasets in the order their merged wave goes into place: the done marker last. */
  private static final List<String> COMMIT_ORDER = List.of("epochs", "runs", "maps");

  /** {@code _staging/compact/plan.json}: which wave is being written from which. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Plan(String format, int wave, List<Integer> sources, List<String> datasets) {
    public static final String FORMAT = "analogsweep.compaction.v1";

    public Plan {
      sources = List.copyOf(sources);
      datasets = List.copyOf(datasets);
    }
  }

  /**
   * What a compaction did: {@code merged} waves became {@code written} waves; the folder's waves
   * and Parquet files (all datasets) before and after.
   */
  public record Outcome(int merged, int written, int wavesBefore, int filesBefore,
      int wavesAfter, int filesAfter) {
    /** One line for the log. */
    public String describe() {
      if (merged == 0) {
        return String.format(Locale.ROOT, "nothing to compact: %d wave(s), %d Parquet file(s)",
            wavesBefore, filesBefore);
      }
      return String.format(Locale.ROOT, "compacted %d waves into %d: %d wave(s) and %d Parquet "
          + "file(s) before, %d and %d after", merged, written, wavesBefore, filesBefore,
          wavesAfter, filesAfter);
    }
  }

  /** Thrown at {@link #stopAt}: a kill, simulated in-process. */
  static final class Stopped extends RuntimeException {
    Stopped(String moment) {
      super("stopped at " + moment);
    }
  }

  /** A stored wave: its files by dataset, their bytes, and their schemas (null: mixed). */
  private record Wave(int number, Map<String, List<Path>> files, long bytes, String schemas) {}

  private final FolderLayout layout;

  public WaveCompaction(FolderLayout layout) {
    this.layout = layout;
  }

  private Path area() {
    return new Path(layout.stagingArea(), "compact");
  }

  private Path partialArea() {
    return new Path(layout.stagingArea(), "compact.partial");
  }

  private static void moment(String name) {
    if (name.equals(System.getProperty(KILL_PROPERTY))) {
      Runtime.getRuntime().halt(137);
    }
    if (name.equals(stopAt)) {
      throw new Stopped(name);
    }
  }

  /**
   * Merges small waves of one schema, as long as at least {@code minWaves} can be merged (the
   * {@code compact} command: 2; the end of a run: {@link #RUN_END_MIN_WAVES}). The folder must be
   * locked and repaired, with no wave in flight.
   */
  public Outcome compact(Configuration conf, int minWaves) throws IOException {
    TreeMap<Integer, Wave> waves = stored(conf);
    int wavesBefore = waves.size();
    int filesBefore = files(waves);
    List<List<Wave>> chunks = chunks(waves);
    int mergeable = chunks.stream().mapToInt(List::size).sum();
    if (mergeable < Math.max(2, minWaves)) {
      return new Outcome(0, 0, wavesBefore, filesBefore, wavesBefore, filesBefore);
    }
    for (List<Wave> chunk : chunks) {
      merge(chunk, conf);
    }
    TreeMap<Integer, Wave> after = stored(conf);
    return new Outcome(mergeable, chunks.size(), wavesBefore, filesBefore, after.size(),
        files(after));
  }

  private static int files(Map<Integer, Wave> waves) {
    return waves.values().stream().mapToInt(w -> w.files().values().stream()
        .mapToInt(List::size).sum()).sum();
  }

  /** Every stored wave with its files, sizes and schemas. */
  private TreeMap<Integer, Wave> stored(Configuration conf) throws IOException {
    TreeSet<Integer> numbers = new TreeSet<>();
    for (String dataset : FolderLayout.DATASETS) {
      numbers.addAll(layout.waves(dataset));
    }
    TreeMap<Integer, Wave> waves = new TreeMap<>();
    for (int w : numbers) {
      Map<String, List<Path>> files = new TreeMap<>();
      long bytes = 0;
      StringBuilder schemas = new StringBuilder();
      boolean uniform = true;
      for (String dataset : FolderLayout.DATASETS) {
        Path dir = layout.wave(dataset, w);
        if (!layout.fs().exists(dir)) {
          continue;
        }
        List<Path> paths = new ArrayList<>();
        String schema = null;
        for (FileStatus f : layout.fs().listStatus(dir)) {
          if (!f.isFile() || !f.getPath().getName().endsWith(".parquet")) {
            continue;
          }
          paths.add(f.getPath());
          bytes += f.getLen();
          String s = schema(f.getPath(), conf);
          uniform &= schema == null || schema.equals(s);
          schema = s;
        }
        paths.sort(null);
        files.put(dataset, paths);
        schemas.append(dataset).append('=').append(schema).append('\n');
      }
      waves.put(w, new Wave(w, files, bytes, uniform ? schemas.toString() : null));
    }
    return waves;
  }

  /** A file's Parquet schema and Spark's schema from its footer: what may be merged with it. */
  private static String schema(Path file, Configuration conf) throws IOException {
    try (ParquetFileReader reader = StoredColumns.open(file, conf)) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      return meta.getSchema() + "\n" + sparkMetadata(meta);
    }
  }

  /** The footer entries Spark reads (its schema, its version, how it wrote timestamps). */
  private static Map<String, String> sparkMetadata(FileMetaData meta) {
    Map<String, String> spark = new TreeMap<>();
    meta.getKeyValueMetaData().forEach((k, v) -> {
      if (k.startsWith("org.apache.spark.")) {
        spark.put(k, v);
      }
    });
    return spark;
  }

  /**
   * The mergeable waves in groups of at most about {@link #TARGET_BYTES}, each of one schema and
   * at least two waves. A wave is mergeable when it holds its done marker (runs or maps), one
   * schema per dataset, and fewer bytes than the target.
   */
  private static List<List<Wave>> chunks(TreeMap<Integer, Wave> waves) {
    Map<String, List<Wave>> bySchema = new LinkedHashMap<>();
    for (Wave w : waves.values()) {
      boolean done = w.files().containsKey("runs") || w.files().containsKey("maps");
      boolean empty = w.files().values().stream().anyMatch(List::isEmpty);
      if (done && !empty && w.schemas() != null && w.bytes() < TARGET_BYTES) {
        bySchema.computeIfAbsent(w.schemas(), k -> new ArrayList<>()).add(w);
      }
    }
    List<List<Wave>> chunks = new ArrayList<>();
    for (List<Wave> group : bySchema.values()) {
      List<Wave> chunk = new ArrayList<>();
      long bytes = 0;
      for (Wave w : group) {
        if (!chunk.isEmpty() && bytes + w.bytes() > TARGET_BYTES) {
          chunks.add(chunk);
          chunk = new ArrayList<>();
          bytes = 0;
        }
        chunk.add(w);
        bytes += w.bytes();
      }
      chunks.add(chunk);
    }
    chunks.removeIf(c -> c.size() < 2);
    return chunks;
  }

  /** Writes one merged wave from {@code chunk}, commits it and removes the merged-from waves. */
  private void merge(List<Wave> chunk, Configuration conf) throws IOException {
    FileSystem fs = layout.fs();
    int number = 1;
    for (String dataset : FolderLayout.DATASETS) {
      TreeSet<Integer> present = layout.waves(dataset);
      number = Math.max(number, present.isEmpty() ? 1 : present.last() + 1);
    }
    Path partial = partialArea();
    fs.delete(partial, true);
    List<String> datasets = new ArrayList<>();
    for (String dataset : COMMIT_ORDER) {
      List<Path> sources = new ArrayList<>();
      for (Wave w : chunk) {
        sources.addAll(w.files().getOrDefault(dataset, List.of()));
      }
      if (sources.isEmpty()) {
        continue;
      }
      datasets.add(dataset);
      Path dir = new Path(new Path(partial, "wave=" + number), dataset);
      layout.mkdirs(dir);
      mergeFiles(sources, ParquetFiles.newFile(new Path(dir, ParquetFiles.newName()), conf), conf);
    }
    Plan plan = new Plan(Plan.FORMAT, number, chunk.stream().map(Wave::number).toList(),
        datasets);
    layout.write(new Path(partial, "plan.json"), (Json.write(plan) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    moment("staged");
    if (!fs.rename(partial, area())) {
      throw new IOException("cannot rename " + partial + " to " + area());
    }
    moment("committed");
    finish();
  }

  /** Copies the rows of {@code sources} (one schema) into one new file, as they are. */
  private static void mergeFiles(List<Path> sources, OutputFile target, Configuration conf)
      throws IOException {
    FileMetaData first;
    try (ParquetFileReader reader = StoredColumns.open(sources.get(0), conf)) {
      first = reader.getFooter().getFileMetaData();
    }
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(target)
        .withType(first.getSchema())
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withRowGroupSize(ROW_GROUP_BYTES)
        .withExtraMetaData(sparkMetadata(first))
        .build()) {
      for (int k = 0; k < sources.size(); k++) {
        // opened with conf: ParquetReader.builder(support, path) parses Hadoop's XML defaults
        // again for every file (about 0.1 s each on a loaded machine)
        try (ParquetFileReader reader = StoredColumns.open(sources.get(k), conf)) {
          StoredColumns.groups(reader, reader.getFooter().getFileMetaData().getSchema(), g -> {
            try {
              writer.write(g);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        if (k == 0) {
          moment("writing");
        }
      }
    }
  }

  /**
   * Carries a committed compaction ({@code _staging/compact}) through: the merged wave's datasets
   * still staged go into place (epochs, then runs or maps), then the merged-from waves go (runs
   * before epochs, so a cut leaves at most epochs that repair removes anyway), then the plan.
   * Every step looks before it acts, so this may be repeated after a kill at any moment. Returns
   * the plan carried through, or null where there was none.
   */
  public Plan finish() throws IOException {
    FileSystem fs = layout.fs();
    Path area = area();
    if (!fs.exists(area)) {
      return null;
    }
    Plan plan;
    try (InputStream in = fs.open(new Path(area, "plan.json"))) {
      plan = Json.JSON.readValue(in, Plan.class);
    }
    Path staged = new Path(area, "wave=" + plan.wave());
    for (String dataset : plan.datasets()) {
      Path from = new Path(staged, dataset);
      Path to = layout.wave(dataset, plan.wave());
      if (fs.exists(from)) {
        if (fs.exists(to)) {
          throw new IOException("cannot finish the compaction into " + to + ": it exists "
              + "already and " + from + " is still staged");
        }
        fs.mkdirs(layout.top(dataset));
        if (!fs.rename(from, to)) {
          throw new IOException("cannot move " + from + " to " + to);
        }
        moment(dataset + "-placed");
      }
    }
    for (String dataset : plan.datasets()) {
      if (layout.parquetFiles(layout.wave(dataset, plan.wave())).isEmpty()) {
        // never remove the merged-from rows without their merged copy in place
        throw new IOException("cannot finish the compaction: " + layout.wave(dataset,
            plan.wave()) + " holds no Parquet file; " + area + " names the waves it merged");
      }
    }
    List<String> removalOrder = new ArrayList<>(COMMIT_ORDER);
    Collections.reverse(removalOrder);
    for (int k = 0; k < plan.sources().size(); k++) {
      for (String dataset : removalOrder) {
        Path dir = layout.wave(dataset, plan.sources().get(k));
        if (fs.exists(dir)) {
          fs.delete(dir, true);
        }
      }
      if (k == 0) {
        moment("removing");
      }
    }
    moment("removed");
    fs.delete(area, true);
    Path staging = layout.stagingArea();
    if (fs.exists(staging) && fs.listStatus(staging).length == 0) {
      fs.delete(staging, false);
    }
    return plan;
  }
}
