package analogsweep.grid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The name of a grid point's network ("linear", "convnet", "vgg-a", "resnet-18", "vit", ...).
 * Everything about the model (its options, defaults, checks, placement, network, size and cost)
 * belongs to its architecture, which the name finds through the one registry of models
 * ({@link ModelCatalogue}); the kind itself holds nothing else, so grid points stay small and
 * serialise by name.
 */
public record ModelKind(String id) implements Serializable {
  /** The model of a grid point that names none. */
  public static final ModelKind DEFAULT = new ModelKind("linear");

  public ModelKind {
    Objects.requireNonNull(id, "model");
  }

  /** The registered model of this name; fails where none is (parse refuses such names first). */
  public ModelRules rules() {
    for (ModelRules r : Registry.CATALOGUE.models()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw new IllegalStateException("model " + id + " is not registered");
  }

  /** Where this model puts the analog chain unless a grid point names another placement. */
  public Placement placement() {
    return rules().placement();
  }

  /** Every registered model, in registration order. */
  public static List<ModelKind> values() {
    List<ModelKind> out = new ArrayList<>();
    for (ModelRules r : Registry.CATALOGUE.models()) {
      out.add(new ModelKind(r.id()));
    }
    return out;
  }

  public static ModelKind parse(String field, String text) {
    return Names.byName(field, text, values(), "model");
  }

  @Override
  public String toString() {
    return id;
  }

  /** The catalogue on the class path, found once. */
  private static final class Registry {
    static final ModelCatalogue CATALOGUE = ServiceLoader.load(ModelCatalogue.class,
        ModelCatalogue.class.getClassLoader()).findFirst().orElseThrow(() ->
            new IllegalStateException("no model catalogue on the class path"));
  }
}
