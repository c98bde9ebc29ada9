package analogsweep.driver.report;

import analogsweep.grid.ColumnType;
import analogsweep.grid.GridField;
import analogsweep.grid.ModelKind;
import analogsweep.grid.Section;
import analogsweep.model.TrainingDefaults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Short names of settings for tables, titles and legends: "p=16", "EP=0.5", "i=1", family and
 * model by their ids, depths as "conv=4", "fc=3" and "blocks=2" (the ViT's), the ReLU end's
 * derivative at 0 as "R'(0)=a", the classifier's activation as "classifier act=on", other columns
 * as "column=value" ("init=uniform", "recipe=authors"); lists (hidden sizes) as "256-128".
 * Precision p is the number of levels per unit; figure captions say bits = log2(p).
 */
final class Labels {
  private Labels() {}

  /** Columns of the model section (the model's options and its training choices). */
  private static List<String> modelFields() {
    List<String> out = new ArrayList<>();
    for (GridField f : GridField.of(Section.MODEL)) {
      if (f != GridField.MODEL) {
        out.add(f.column());
      }
    }
    return out;
  }

  /** Columns that describe one model's architecture: every registered model's options. */
  private static List<String> architectureOptions() {
    List<String> out = new ArrayList<>();
    for (ModelKind k : ModelKind.values()) {
      for (GridField f : k.rules().options()) {
        out.add(f.column());
      }
    }
    return out;
  }

  /**
   * The options that size a network (the numeric ones the registered models are set by, such as
   * conv_depth or vit_depth), after {@code first}: the columns a depth comparison keeps apart.
   */
  static List<String> withSizeOptions(String... first) {
    List<String> out = new ArrayList<>(List.of(first));
    for (ModelKind k : ModelKind.values()) {
      for (GridField f : k.rules().options()) {
        if (f.type() != ColumnType.STRING && !out.contains(f.column())) {
          out.add(f.column());
        }
      }
    }
    return out;
  }

  /**
   * The training fields a model's recipe decides (batch size, epochs, stop rules, optimizer
   * settings, data pipeline, initialization, the classifier's activation), after {@code first}:
   * columns that differ between models trained as their authors trained each, which a comparison
   * across models leaves apart.
   */
  static List<String> withRecipeFields(List<String> first) {
    List<String> out = new ArrayList<>(first);
    for (GridField f : TrainingDefaults.ANALOGSWEEP_1.fields().keySet()) {
      if (!out.contains(f.column())) {
        out.add(f.column());
      }
    }
    return out;
  }

  /**
   * The options a model is set by (its architecture says which); the others are derived from
   * them, fixed, or none. Null for a model no architecture is registered for.
   */
  private static List<String> ownOptions(Object model) {
    for (ModelKind k : ModelKind.values()) {
      if (k.id().equals(String.valueOf(model))) {
        return k.rules().options().stream().map(GridField::column).toList();
      }
    }
    return null;
  }

  static String value(Object v) {
    if (v == null) {
      return "none";
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(String.valueOf(o));
      }
      return parts.isEmpty() ? "none" : String.join("-", parts);
    }
    if (v instanceof Double d) {
      return Table.number(d, 6);
    }
    return String.valueOf(v);
  }

  static String of(String column, Object v) {
    return switch (column) {
      case "family", "model" -> value(v);
      case "precision" -> "p=" + value(v);
      case "error_probability" -> "EP=" + value(v);
      case "interpolation" -> "i=" + value(v);
      case "hidden_sizes" -> "hidden=" + value(v);
      case "conv_depth" -> "conv=" + value(v);
      case "linear_depth" -> "fc=" + value(v);
      case "vit_depth" -> "blocks=" + value(v);
      case "relu_derivative_at_zero" -> "R'(0)=" + value(v);
      case "classifier_activation" -> "classifier act=" + (Boolean.TRUE.equals(v) ? "on"
          : Boolean.FALSE.equals(v) ? "off" : value(v));
      default -> column + "=" + value(v);
    };
  }

  /**
   * The setting of a row on whether a claim holds under every value of a convention: "under
   * R'(0)=a and R'(0)=1", "with and without the classifier's activation".
   */
  static String across(String column, Iterable<Object> values) {
    if (column.equals("classifier_activation")) {
      return "with and without the classifier's activation";
    }
    List<String> parts = new ArrayList<>();
    for (Object v : values) {
      parts.add(of(column, v));
    }
    return "under " + String.join(" and ", parts);
  }

  /**
   * The setting of {@code key} (values of {@code fields}) in the fields that vary among
   * {@code variants} (keys of the same fields): how one model's variant is told from its others
   * ("classifier act=off"); "" where they do not vary.
   */
  static String amongVariants(Collection<List<Object>> variants, List<String> fields,
      List<Object> key) {
    List<String> columns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int k = 0; k < fields.size(); k++) {
      int at = k;
      if (variants.stream().map(o -> o.get(at)).distinct().count() > 1) {
        columns.add(fields.get(k));
        values.add(key.get(k));
      }
    }
    return columns.isEmpty() ? "" : setting(columns, values);
  }

  /**
   * "relu-gelu p=16 EP=0.5" for the given columns and values; "all" when there are none. Where
   * the model is among them, only its own architecture options are named ("convnet conv=2 fc=2",
   * "vit blocks=1").
   */
  static String setting(List<String> columns, List<Object> values) {
    List<String> parts = new ArrayList<>();
    int model = columns.indexOf("model");
    List<String> own = model < 0 ? null : ownOptions(values.get(model));
    List<String> modelFields = modelFields();
    List<String> architecture = architectureOptions();
    for (int k = 0; k < columns.size(); k++) {
      String c = columns.get(k);
      if (own != null && modelFields.contains(c) && !own.contains(c)
          && (architecture.contains(c) || values.get(k) == null)) {
        continue; // another model's option, one this model derives, or a choice it lacks
      }
      parts.add(of(c, values.get(k)));
    }
    return parts.isEmpty() ? "all" : String.join(" ", parts);
  }

  /** Points with a sign, "+3.2 pts". */
  static String points(double v) {
    return String.format(Locale.ROOT, "%+.1f", v);
  }

  /** A percentage, "84.4%". */
  static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v);
  }
}
