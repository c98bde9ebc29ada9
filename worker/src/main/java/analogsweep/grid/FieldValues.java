package analogsweep.grid;

import java.util.Map;

/**
 * The typed values a grid point was given, field by field, with each field's default for the
 * ones it was not given. Sections read their fields from it.
 */
final class FieldValues {
  private final Map<GridField, Object> values;

  FieldValues(Map<GridField, Object> values) {
    this.values = values;
  }

  boolean has(GridField field) {
    return values.containsKey(field);
  }

  /** The value given, else the field's default (null where it has none). */
  @SuppressWarnings("unchecked")
  <T> T get(GridField field) {
    return (T) (values.containsKey(field) ? values.get(field) : field.defaultValue());
  }
}
