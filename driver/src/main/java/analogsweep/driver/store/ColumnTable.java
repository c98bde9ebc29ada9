package analogsweep.driver.store;

import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of one result dataset, declared once in their stored order: each column's name,
 * Spark type, whether it may be null, how its value is taken from the source record {@code S},
 * and what it holds. The table produces the dataset's schema ({@link #schema}), a row for one
 * source ({@link #row}) and the list of the columns in docs/output.md ({@link #markdownTable}),
 * so the three cannot drift apart. The grid-point fields enter as one block ({@link
 * Builder#gridFields}), one typed column per {@link GridField}, in the catalogue's order.
 */
public final class ColumnTable<S> {

  /** One column: its value for a source, and the line docs/output.md gives it. */
  public record Column<S>(String name, DataType type, boolean nullable,
      Function<? super S, Object> value, String description, boolean gridField) {

    StructField field() {
      return DataTypes.createStructField(name, type, nullable);
    }
  }

  private final List<Column<S>> columns;
  private final StructType schema;

  private ColumnTable(List<Column<S>> columns) {
    this.columns = List.copyOf(columns);
    this.schema = new StructType(columns.stream().map(Column::field)
        .toArray(StructField[]::new));
  }

  public static <S> Builder<S> builder() {
    return new Builder<>();
  }

  public List<Column<S>> columns() {
    return columns;
  }

  /** The dataset's Spark schema (Parquet's follows from it, see {@link ParquetFiles}). */
  public StructType schema() {
    return schema;
  }

  /** The row of {@code source}: every column's value, in the stored order. */
  public Row row(S source) {
    Object[] values = new Object[columns.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = columns.get(k).value().apply(source);
    }
    return RowFactory.create(values);
  }

  /**
   * The table of these columns in docs/output.md: name, type and meaning; the grid fields as one
   * line that points at the field table.
   */
  public String markdownTable() {
    StringBuilder sb = new StringBuilder("| column | type | meaning |\n| --- | --- | --- |\n");
    boolean gridShown = false;
    for (Column<S> c : columns) {
      if (c.gridField()) {
        if (!gridShown) {
          sb.append("| each grid field | as in the field table | the grid point's value, under "
              + "the field's column name (`precision` null = none, `weight_precision` and "
              + "`weight_error_probability` null = the same as `precision` and "
              + "`error_probability`, `hidden_sizes` a list of integers) |\n");
          gridShown = true;
        }
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| `%s` | %s | %s |%n", c.name(), typeName(c.type()),
          c.description().replace("|", "/")));
    }
    return sb.toString();
  }

  static String typeName(DataType t) {
    if (t instanceof ArrayType a) {
      return "list of " + typeName(a.elementType());
    }
    if (t.equals(DataTypes.IntegerType)) {
      return "int";
    }
    if (t.equals(DataTypes.TimestampType)) {
      return "timestamp (UTC)";
    }
    return t.typeName();
  }

  /** Spark's type for a grid field's column. */
  static DataType sparkType(GridField f) {
    return switch (f.type()) {
      case STRING -> DataTypes.StringType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      case INT_LIST -> DataTypes.createArrayType(DataTypes.IntegerType, false);
    };
  }

  /** Declares the columns in their stored order. */
  public static final class Builder<S> {
    private final List<Column<S>> columns = new ArrayList<>();

    private Builder() {}

    /** A column that is never null. */
    public Builder<S> required(String name, DataType type, String description,
        Function<? super S, Object> value) {
      return add(new Column<>(name, type, false, value, description, false));
    }

    /** A column that may be null. */
    public Builder<S> column(String name, DataType type, String description,
        Function<? super S, Object> value) {
      return add(new Column<>(name, type, true, value, description, false));
    }

    /** One column per grid field, in the catalogue's order, read from the source's point. */
    public Builder<S> gridFields(Function<? super S, GridPoint> point) {
      for (GridField f : GridField.values()) {
        add(new Column<>(f.column(), sparkType(f), f.nullable(), s -> f.get(point.apply(s)),
            f.description(), true));
      }
      return this;
    }

    private Builder<S> add(Column<S> c) {
      if (columns.stream().anyMatch(o -> o.name().equals(c.name()))) {
        throw new IllegalArgumentException("column " + c.name() + " declared twice");
      }
      columns.add(c);
      return this;
    }

    public ColumnTable<S> build() {
      return new ColumnTable<>(columns);
    }
  }
}
