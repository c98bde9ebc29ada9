package analogsweep.grid;

import analogsweep.common.InvalidValueException;
import analogsweep.identity.TaskIdHasher;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Everything that determines one training run, in the sections of a sweep file: data, model,
 * activation, analog chain, training settings, the recipe's choices, and the seed. Each section validates itself on
 * construction (every message names the field and the value). The task id is a SHA-256 over a
 * sorted text encoding that carries {@link #SCHEMA_VERSION}; fields added after version 1 enter
 * it only where they differ from their default ({@link GridField}), so ids stored by an earlier
 * version stay valid. Where a task runs (device, threads) is not part of it.
 */
public record GridPoint(
    DataSection data,
    ModelSection model,
    ActivationSection activation,
    AnalogSection analog,
    TrainingSection training,
    RecipeSection recipe,
    long seed) implements Serializable {

  /**
   * The version written at the head of the canonical text. It stays 1 while new fields are only
   * added (they enter the text only off their default); bump it only if the encoding or the
   * meaning of an existing field changes, which re-identifies every stored result.
   */
  public static final int SCHEMA_VERSION = 1;

  public GridPoint {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(analog, "analog");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(recipe, "recipe");
    model.kind().rules().checkFamily(activation.family());
    model.kind().rules().checkRecipe(recipe);
    model.kind().rules().checkData(data);
  }

  /** Where the analog chain acts in this point's network. */
  public ChainSites chainSites() {
    return analog.sites(model.kind());
  }

  /** Field values keyed by column name, in catalogue order; also the point's JSON form. */
  @JsonValue
  public Map<String, Object> columns() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (GridField f : GridField.values()) {
      out.put(f.column(), f.get(this));
    }
    return out;
  }

  /**
   * The canonical text the task id hashes: a version line, then sorted {@code name=value} lines
   * of every version-1 field and of every later field that differs from its default.
   */
  public String canonicalText() {
    StringBuilder sb = new StringBuilder("analogsweep.gridpoint.v").append(SCHEMA_VERSION)
        .append('\n');
    for (GridField f : CanonicalOrder.FIELDS) {
      Object v = f.get(this);
      if (f.since() > 1 && (v == null || v.equals(f.absentColumnValue()))) {
        continue;
      }
      sb.append(f.column()).append('=').append(canonicalValue(v)).append('\n');
    }
    return sb.toString();
  }

  /**
   * The fields sorted by column name, once: the order of the canonical text's lines (a sorted
   * map per point cost a third of computing 10^5 ids).
   */
  private static final class CanonicalOrder {
    static final List<GridField> FIELDS = Arrays.stream(GridField.values())
        .sorted(Comparator.comparing(GridField::column)).toList();
  }

  /** A value as version 1 wrote it: lists joined by commas, null as "none". */
  private static String canonicalValue(Object v) {
    if (v == null) {
      return "none";
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return v.toString();
  }

  /** 64 hex digits of SHA-256 over {@link #canonicalText()}. */
  public String taskId() {
    return sha256(canonicalText());
  }

  /**
   * The point that trains exactly as this one, with every setting the training cannot see put to
   * one value: the activation's and the chain's own judgement ({@link ActivationSection#effective},
   * {@link AnalogSection#effective}). Itself where nothing is unseen.
   */
  public GridPoint effective() {
    ActivationSection a = activation.effective();
    AnalogSection c = analog.effective();
    return a.equals(activation) && c.equals(analog) ? this
        : new GridPoint(data, model, a, c, training, recipe, seed);
  }

  /**
   * The id of the training this point's numbers come from: the task id of its
   * {@link #effective} point. Grid points with one training key train to the same numbers, so a
   * sweep trains each key once.
   */
  public String trainingKey() {
    return effective().taskId();
  }

  /** 64 hex digits of SHA-256 over the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    return TaskIdHasher.sha256(text);
  }

  /** A builder that starts from this point's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (GridField f : GridField.values()) {
      Object v = f.get(this);
      b.set(f, v != null ? v : f.nullText(), f.column());
    }
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a point from raw YAML/JSON-like values, filling defaults and derived options. */
  public static final class Builder {
    private final Map<GridField, Object> values = new EnumMap<>(GridField.class);
    private final Map<GridField, String> sources = new EnumMap<>(GridField.class);

    /** Sets a field from a raw value; {@code where} names it in messages. */
    public Builder set(GridField field, Object raw, String where) {
      values.put(field, field.read(where, raw));
      sources.put(field, where);
      return this;
    }

    public Builder set(GridField field, Object raw) {
      return set(field, raw, field.column());
    }

    public Builder set(String column, Object raw) {
      GridField f = GridField.byColumn(column);
      if (f == null) {
        throw new InvalidValueException(column,
            "unknown grid-point field, expected one of " + GridField.columns());
      }
      return set(f, raw);
    }

    public boolean has(GridField field) {
      return values.containsKey(field);
    }

    public GridPoint build() {
      FieldValues given = new FieldValues(values);
      try {
        FieldValues v = given.withDefaultsOf(given.<ModelKind>get(GridField.MODEL).rules());
        ModelSection model = ModelSection.from(v);
        return new GridPoint(DataSection.from(v), model, ActivationSection.from(v),
            AnalogSection.from(v), TrainingSection.from(v), RecipeSection.from(v, model.kind().rules()),
            v.<Long>get(GridField.SEED));
      } catch (InvalidValueException e) {
        // Say where the bad value came from (a sweep key path) when it was not the field itself.
        GridField f = GridField.byColumn(e.field());
        String where = f == null ? null : sources.get(f);
        if (where != null && !where.equals(e.field())) {
          throw new InvalidValueException(where, e.getMessage());
        }
        throw e;
      }
    }
  }
}
