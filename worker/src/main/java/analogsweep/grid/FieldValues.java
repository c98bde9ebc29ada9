package analogsweep.grid;

import java.util.EnumMap;
import java.util.Map;

/**
 * The typed values a grid point was given, field by field, with defaults for the ones it was not
 * given: the model's own under the point's recipe ({@link ModelRules#trainingDefaults(Recipe)})
 * where it names the field, else the field's. Sections, and models completing theirs, read their fields from it.
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
   * These values with the defaults of {@code model} under the point's recipe in front of the
   * fields' own, the recipe's derivative at zero for the point's family and its Adam epsilon.
   */
  FieldValues withDefaultsOf(ModelRules model) {
    Recipe recipe = get(GridField.RECIPE);
    Map<GridField, Object> defaults = new EnumMap<>(GridField.class);
    defaults.putAll(model.trainingDefaults(recipe));
    defaults.put(GridField.RELU_DERIVATIVE_AT_ZERO,
        recipe.reluDerivativeAtZero(get(GridField.FAMILY)));
    defaults.put(GridField.ADAM_EPSILON, recipe.adamEpsilon());
    return new FieldValues(values, defaults);
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
