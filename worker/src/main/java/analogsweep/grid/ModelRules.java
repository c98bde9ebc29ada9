package analogsweep.grid;

import java.util.List;
import java.util.Map;

/**
 * What the experiment specification needs to know about one model: its name, the options it is
 * set by with their ranges, how it completes and checks a model section, which activation
 * families it takes, where it puts the analog chain, and the training and data defaults it is
 * trained with. Each architecture of {@code analogsweep.model} implements it (its network, size
 * and cost live there too); a {@link ModelKind} finds its rules through the
 * {@link ModelCatalogue}, so the grid names models without depending on how they are built.
 */
public interface ModelRules {
  /** The model's name in sweep files, on the command line and in Parquet. */
  String id();

  /** The name and, where useful, a short gloss, for the help of the model field. */
  default String summary() {
    return id();
  }

  /** Where this model puts the analog chain unless a grid point names another placement. */
  Placement placement();

  /**
   * The model-section fields this model is set by (the others it derives, fixes or leaves
   * none); reports name only these, and an option no model owns is refused where it is set.
   */
  List<GridField> options();

  /** The range of each numeric option this model owns; help and schema span them all. */
  default Map<GridField, FieldRange> ranges() {
    return Map.of();
  }

  /** The model section from the values a grid point sets, with this model's derived defaults. */
  ModelSection complete(ModelKind kind, FieldValues values);

  /** Refuses options this model cannot build, naming the field. */
  void check(ModelSection section);

  /** Refuses an activation family this model cannot place, naming the field. */
  default void checkFamily(ActivationFamily family) {}

  /**
   * Values of training, data and recipe fields (batch size, stop rules, data pipeline,
   * initialization, the classifier's activation) this model is trained with under {@code recipe}
   * where a grid point leaves them out; fields not named keep the catalogue's default
   * ({@link GridField#defaultValue()}).
   */
  default Map<GridField, Object> trainingDefaults(Recipe recipe) {
    return Map.of();
  }

  /**
   * Whether the authors initialize this model otherwise than PyTorch's default; where they do
   * not, {@link Initialization#AUTHORS} reads as {@link Initialization#UNIFORM}, the same
   * training and task id.
   */
  default boolean authorsInitialize() {
    return false;
  }

  /** Refuses recipe choices this model cannot build (an activation after its classifier). */
  default void checkRecipe(RecipeSection recipe) {}

  /** Refuses a data pipeline this model cannot take (images resized where its size is fixed). */
  default void checkData(DataSection data) {}
}
