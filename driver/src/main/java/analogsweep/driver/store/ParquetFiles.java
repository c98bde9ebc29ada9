package analogsweep.driver.store;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a batch of result rows as one Parquet file from the driver, in the layout Spark itself
 * writes (strings as UTF-8 binaries, timestamps as UTC microseconds, lists in the standard
 * three-level form, Spark's schema in the footer), with parquet-hadoop directly: storing a batch
 * takes milliseconds instead of a Spark job, so results reach the folder as fast as tasks end.
 * Readers (Spark, DuckDB, pandas) cannot tell the files apart.
 */
public final class ParquetFiles {
  /** The footer key under which Spark keeps a file's Spark SQL schema. */
  private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";

  private ParquetFiles() {}

  /** Writes {@code rows} of {@code schema} as one new file in the folder {@code dir}. */
  public static void write(StructType schema, List<Row> rows, Path dir, Configuration conf)
      throws IOException {
    MessageType type = messageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
            newFile(new Path(dir, newName()), conf))
        .withType(type)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withExtraMetaData(Map.of(SPARK_SCHEMA, schema.json()))
        .build()) {
      for (Row row : rows) {
        writer.write(group(groups.newGroup(), schema, row));
      }
    }
  }

  /**
   * A Parquet file to be created at {@code file}. A local one is written through java.nio:
   * without Hadoop's native library, its local file system starts a {@code chmod} process for
   * every file it creates, which made storing a batch cost a few hundred milliseconds on a
   * loaded machine.
   */
  static OutputFile newFile(Path file, Configuration conf) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    return "file".equals(fs.getUri().getScheme())
        ? new NioOutputFile(FolderLayout.local(fs.makeQualified(file)))
        : HadoopOutputFile.fromPath(file, conf);
  }

  /** A new Parquet file's name, as Spark names the files it writes. */
  static String newName() {
    return "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet";
  }

  /** The Parquet schema Spark writes for {@code schema}. */
  static MessageType messageType(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      b.addField(field(f.name(), f.dataType(), f.nullable()));
    }
    return b.named("spark_schema");
  }

  private static Type field(String name, DataType t, boolean nullable) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    if (t instanceof ArrayType a) {
      return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup()
              .addField(field("element", a.elementType(), a.containsNull()))
              .named("list"))
          .named(name);
    }
    if (t.equals(DataTypes.StringType)) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep)
          .as(LogicalTypeAnnotation.stringType()).named(name);
    }
    if (t.equals(DataTypes.IntegerType)) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
    }
    if (t.equals(DataTypes.LongType)) {
      return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
    }
    if (t.equals(DataTypes.DoubleType)) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
    }
    if (t.equals(DataTypes.BooleanType)) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
    }
    if (t.equals(DataTypes.TimestampType)) {
      return Types.primitive(PrimitiveTypeName.INT64, rep).as(LogicalTypeAnnotation
          .timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
    }
    throw new IllegalArgumentException("no Parquet form for " + t + " (" + name + ")");
  }

  private static Group group(Group g, StructType schema, Row row) {
    StructField[] fields = schema.fields();
    for (int k = 0; k < fields.length; k++) {
      Object v = row.get(k);
      if (v == null) {
        if (!fields[k].nullable()) {
          throw new IllegalArgumentException("null in the required column " + fields[k].name());
        }
        continue;
      }
      add(g, fields[k].name(), fields[k].dataType(), v);
    }
    return g;
  }

  private static void add(Group g, String name, DataType t, Object v) {
    if (t instanceof ArrayType a) {
      Group list = g.addGroup(name);
      for (Object e : asList(v)) {
        Group element = list.addGroup("list");
        if (e != null) {
          add(element, "element", a.elementType(), e);
        }
      }
    } else if (t.equals(DataTypes.StringType)) {
      g.add(name, (String) v);
    } else if (t.equals(DataTypes.IntegerType)) {
      g.add(name, ((Number) v).intValue());
    } else if (t.equals(DataTypes.LongType)) {
      g.add(name, ((Number) v).longValue());
    } else if (t.equals(DataTypes.DoubleType)) {
      g.add(name, ((Number) v).doubleValue());
    } else if (t.equals(DataTypes.BooleanType)) {
      g.add(name, (Boolean) v);
    } else if (t.equals(DataTypes.TimestampType)) {
      Timestamp ts = (Timestamp) v;
      g.add(name, ts.getTime() / 1000 * 1_000_000L + ts.getNanos() / 1000);
    } else {
      throw new IllegalArgumentException("no Parquet form for " + t + " (" + name + ")");
    }
  }

  private static List<?> asList(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s);
    }
    throw new IllegalArgumentException("not a list: " + v);
  }
}
