package analogsweep.grid;

/** The storage type of one grid-point field; the driver maps it to a Spark SQL type. */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** A list of whole numbers (layer widths). */
  INT_LIST
}
