package analogsweep.driver.store;

import analogsweep.grid.GridField;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads chosen columns of a stored dataset ({@code runs/}, {@code epochs/} or {@code maps/})
 * straight from its Parquet files with parquet-hadoop, without Spark: for the commands that only
 * look ({@code status}, {@code plan}), which answer in about a second where starting Spark takes
 * twenty. Only the chosen columns' pages are read. Values are those {@link ResultReader}'s rows
 * hold, as plain Java: String, Integer, Long, Double, Boolean, Timestamp, List (of those) or
 * null. As there, every version's layout reads as today's: the text {@code hidden_sizes} of 0.1
 * ("256,128") as a list, a grid column added since 0.1 as its default where a row predates it,
 * any other column a file lacks as null. The columns {@link ResultReader#runs} derives
 * ({@code pack_size}, {@code noise_parameter}, {@code classes} of old rows) read as stored.
 */
public final class StoredColumns {
  /** Days from the Julian day 0 to 1970-01-01, for Spark's legacy INT96 timestamps. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private StoredColumns() {}

  /**
   * The rows of {@code dataset}, each the values of {@code columns} in that order, file by file
   * in wave and name order. A file whose pages cannot be decoded fails with a
   * {@link ParquetDecodingException} that names it.
   */
  public static List<List<Object>> read(OutputFolder folder, String dataset,
      List<String> columns, Configuration conf) throws IOException {
    return read(folder, dataset, columns, conf, Map.of());
  }

  /** As above, with the footers a damage scan has already read ({@link DamageScan}). */
  static List<List<Object>> read(OutputFolder folder, String dataset, List<String> columns,
      Configuration conf, Map<Path, ParquetMetadata> footers) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    for (int wave : folder.waves(dataset)) {
      for (Path file : folder.parquetFiles(folder.wave(dataset, wave))) {
        read(file, footers.get(file), columns, conf, rows);
      }
    }
    return rows;
  }

  /**
   * The best test accuracy of every stored run by task id (a fraction; NaN for a FAILED run or one
   * without an accuracy); a task id stored twice keeps its first row.
   */
  public static Map<String, Double> bestAccuracies(OutputFolder folder) throws IOException {
    Map<String, Double> out = new HashMap<>();
    for (List<Object> row : read(folder, "runs", List.of("task_id", "status",
        "max_test_accuracy"), folder.fs().getConf())) {
      Object acc = row.get(2);
      out.putIfAbsent((String) row.get(0), acc == null || "FAILED".equals(row.get(1))
          ? Double.NaN : ((Number) acc).doubleValue());
    }
    return out;
  }

  /** Task ids with a stored row in {@code dataset}, as {@link ResultReader#storedTaskIds}. */
  public static Set<String> taskIds(OutputFolder folder, String dataset, Configuration conf)
      throws IOException {
    return taskIds(folder, dataset, conf, Map.of());
  }

  static Set<String> taskIds(OutputFolder folder, String dataset, Configuration conf,
      Map<Path, ParquetMetadata> footers) throws IOException {
    Set<String> ids = new HashSet<>();
    for (List<Object> row : read(folder, dataset, List.of("task_id"), conf, footers)) {
      ids.add((String) row.get(0));
    }
    return ids;
  }

  private static void read(Path file, ParquetMetadata footer, List<String> columns,
      Configuration conf, List<List<Object>> rows) throws IOException {
    try (ParquetFileReader reader = footer == null ? open(file, conf)
        : new ParquetFileReader(conf, file, footer)) { // this constructor: Parquet 1.13 and 1.15
      MessageType stored = reader.getFooter().getFileMetaData().getSchema();
      Types.MessageTypeBuilder projection = Types.buildMessage();
      List<String> present = new ArrayList<>();
      for (String c : columns) {
        if (stored.containsField(c) && !present.contains(c)) {
          projection.addField(stored.getType(c));
          present.add(c);
        }
      }
      if (present.isEmpty()) {
        // none of the columns here: every row reads as nulls (and defaults)
        for (long n = reader.getRecordCount(); n > 0; n--) {
          rows.add(row(columns, null));
        }
        return;
      }
      groups(reader, projection.named(stored.getName()), g -> rows.add(row(columns, g)));
    } catch (IOException | RuntimeException e) {
      throw undecodable(file, e);
    }
  }

  /** Hands each row of an open file, as the columns of {@code requested}, to {@code each}. */
  static void groups(ParquetFileReader reader, MessageType requested, Consumer<Group> each)
      throws IOException {
    MessageType stored = reader.getFooter().getFileMetaData().getSchema();
    reader.setRequestedSchema(requested);
    ColumnIOFactory io = new ColumnIOFactory();
    PageReadStore pages;
    while ((pages = reader.readNextRowGroup()) != null) {
      RecordReader<Group> records = io.getColumnIO(requested, stored)
          .getRecordReader(pages, new GroupRecordConverter(requested));
      for (long n = pages.getRowCount(); n > 0; n--) {
        each.accept(records.read());
      }
    }
  }

  /**
   * Opens a stored file with the options of {@code conf}. {@code ParquetFileReader.open(file)}
   * alone makes a new Hadoop configuration for each file and parses Hadoop's XML defaults again:
   * tens of milliseconds a file, most of the time {@code status} took once Spark was gone.
   */
  static ParquetFileReader open(Path file, Configuration conf) throws IOException {
    return ParquetFileReader.open(HadoopInputFile.fromPath(file, conf),
        HadoopReadOptions.builder(conf).build());
  }

  /** The file named, and why, in the first line: the commands turn it into the --repair hint. */
  private static ParquetDecodingException undecodable(Path file, Exception e) {
    String why = String.valueOf(e.getMessage()).replace(file.toString(), "it")
        .replaceAll("\\s+", " ");
    return new ParquetDecodingException(file + ": cannot be decoded (" + (why.length() > 160
        ? why.substring(0, 160) + "..." : why) + ")", e);
  }

  /** One row: each column's value in today's layout, its default, or null. */
  private static List<Object> row(List<String> columns, Group g) {
    Object[] values = new Object[columns.size()];
    for (int k = 0; k < values.length; k++) {
      String c = columns.get(k);
      Object v = null;
      if (g != null && g.getType().containsField(c)) {
        int i = g.getType().getFieldIndex(c);
        if (g.getFieldRepetitionCount(i) > 0) {
          v = value(g, i, g.getType().getType(i));
        }
      }
      GridField field = GridField.byColumn(c);
      if (field != null) {
        if (v == null && field.since() > 1) {
          v = field.absentColumnValue();
        }
        v = asGridColumn(field, v);
      }
      values[k] = v;
    }
    return Arrays.asList(values);
  }

  private static Object value(Group g, int i, Type type) {
    if (!type.isPrimitive()) {
      return list(g.getGroup(i, 0), type.asGroupType());
    }
    PrimitiveType p = type.asPrimitiveType();
    return switch (p.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(i, 0);
      case INT32 -> g.getInteger(i, 0);
      case INT64 -> p.getLogicalTypeAnnotation()
          instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
          ? timestamp(g.getLong(i, 0), t.getUnit()) : (Object) g.getLong(i, 0);
      case DOUBLE -> g.getDouble(i, 0);
      case FLOAT -> (double) g.getFloat(i, 0);
      case BOOLEAN -> g.getBoolean(i, 0);
      case INT96 -> int96(g.getInt96(i, 0).toByteBuffer());
    };
  }

  /** A list in the standard three-level form (Spark's), or a bare repeated field. */
  private static List<Object> list(Group list, GroupType type) {
    List<Object> out = new ArrayList<>();
    Type repeated = type.getType(0);
    int n = list.getFieldRepetitionCount(0);
    for (int j = 0; j < n; j++) {
      if (repeated.isPrimitive()) {
        out.add(valueAt(list, 0, j, repeated.asPrimitiveType()));
      } else {
        Group element = list.getGroup(0, j);
        out.add(element.getFieldRepetitionCount(0) == 0 ? null
            : value(element, 0, element.getType().getType(0)));
      }
    }
    return out;
  }

  private static Object valueAt(Group g, int i, int j, PrimitiveType p) {
    return switch (p.getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(i, j);
      case INT64 -> g.getLong(i, j);
      case DOUBLE -> g.getDouble(i, j);
      case FLOAT -> (double) g.getFloat(i, j);
      case BOOLEAN -> g.getBoolean(i, j);
      default -> g.getString(i, j);
    };
  }

  private static Timestamp timestamp(long v, LogicalTypeAnnotation.TimeUnit unit) {
    long micros = switch (unit) {
      case MILLIS -> v * 1000;
      case MICROS -> v;
      case NANOS -> Math.floorDiv(v, 1000);
    };
    Timestamp ts = new Timestamp(Math.floorDiv(micros, 1_000_000L) * 1000);
    ts.setNanos((int) Math.floorMod(micros, 1_000_000L) * 1000);
    return ts;
  }

  /** Spark's legacy timestamps: nanoseconds of the day, then the Julian day, little-endian. */
  private static Timestamp int96(ByteBuffer bytes) {
    ByteBuffer b = bytes.order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = b.getLong();
    long julianDay = Integer.toUnsignedLong(b.getInt());
    long micros = (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000L + nanosOfDay / 1000;
    return timestamp(micros, LogicalTypeAnnotation.TimeUnit.MICROS);
  }

  /** A stored value as the grid field's column type: 0.1's text widths as a list. */
  private static Object asGridColumn(GridField field, Object v) {
    if (v == null) {
      return null;
    }
    return switch (field.type()) {
      case INT -> v instanceof Number n ? (Object) n.intValue() : v;
      case LONG -> v instanceof Number n ? (Object) n.longValue() : v;
      case DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : v;
      case STRING, BOOLEAN -> v;
      case INT_LIST -> v instanceof String s ? widths(s) : v;
    };
  }

  /** "256,128" as [256, 128]; blank as no hidden layer (as 0.1 wrote the linear model's). */
  private static List<Integer> widths(String text) {
    List<Integer> out = new ArrayList<>();
    if (!text.isBlank()) {
      for (String w : text.split(",")) {
        out.add(Integer.parseInt(w.trim()));
      }
    }
    return out;
  }
}
