package analogsweep.grid;

import java.util.List;

/**
 * The registry of models, in the order help texts list them. One implementation is on the class
 * path ({@code analogsweep.model.Architectures}, named in
 * {@code META-INF/services/analogsweep.grid.ModelCatalogue}); the grid finds it through
 * {@link java.util.ServiceLoader}, which keeps the grid below the package that builds networks.
 */
public interface ModelCatalogue {
  /** Every registered model, in registration order. */
  List<? extends ModelRules> models();
}
