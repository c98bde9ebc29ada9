package analogsweep.grid;

import java.util.Map;

/**
 * The typed values a grid point was given, field by field, with defaults for the ones it was not
 * given: the ones the point's recipe gives its model and family ({@link Recipe#defaults}) where
 * it names the field, else the field's. Sections, and models completing theirs, read their fields from it.
 */
public final class FieldValues {
  private final Map<GridField, Object> values;
  private final Map<GridField, Object> modelDefaults;

  FieldValues(Map<GridField, Object> values) {
    this(values, Map.of());
  }

  private FieldValues(Map<GridField, Object> values, Map<GridField, Object> modelDefaults) {
    this.values = values;
    this.modelDefaults = modelDefaults;
  }

  /**
   * These values with the defaults the point's recipe gives {@code model} and the point's family
   * ({@link Recipe#defaults}) in front of the fields' own.
   */
  FieldValues withDefaultsOf(ModelRules model) {
    Recipe recipe = get(GridField.RECIPE);
    return new FieldValues(values, recipe.defaults(model, get(GridField.FAMILY)));
  }

  /** Whether the point set this field. */
  public boolean has(GridField field) {
    return values.containsKey(field);
  }

  /** The value given, else the model's default, else the field's (null where it has none). */
  @SuppressWarnings("unchecked")
  public <T> T get(GridField field) {
    return (T) (values.containsKey(field) ? values.get(field)
        : modelDefaults.containsKey(field) ? modelDefaults.get(field) : field.defaultValue());
  }
}
