package analogsweep.grid;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * What an output folder's sweep file is completed with on every run into it: the recipe its
 * points take where they name none, and the revision of the recipes' defaults the folder was
 * created at. A default that changed after that revision keeps, for the folder's points that do
 * not set the field, the value it had then ({@link #pinned}), so that a folder resumes the
 * trainings it stored: new folders take today's defaults and their points new ids.
 *
 * <p>Revisions: 1, the recipes as they came (recipe authors trained with DJL's Adam epsilon);
 * 2, recipe authors takes torch.optim.Adam's epsilon ({@link AdamEpsilon#TORCH}), as the authors'
 * code does.
 */
public record FolderRecipe(Recipe recipe, int revision) implements Serializable {
  /** The revision of today's defaults. */
  public static final int CURRENT_REVISION = 2;

  public FolderRecipe {
    Objects.requireNonNull(recipe, "recipe");
    if (revision < 1 || revision > CURRENT_REVISION) {
      throw new IllegalArgumentException("recipe revision " + revision + " is not one of 1 to "
          + CURRENT_REVISION);
    }
  }

  /** Today's default recipe at today's revision: that of a new folder. */
  public static FolderRecipe current() {
    return of((Recipe) GridField.RECIPE.defaultValue());
  }

  /** {@code recipe} at today's revision. */
  public static FolderRecipe of(Recipe recipe) {
    return new FolderRecipe(recipe, CURRENT_REVISION);
  }

  /**
   * The fields whose defaults changed after this revision, with the value (as a sweep file
   * writes it) that the folder's points took where they did not set them.
   */
  public Map<GridField, Object> pinned() {
    return revision < 2 ? Map.of(GridField.ADAM_EPSILON, AdamEpsilon.DJL.id()) : Map.of();
  }

  @Override
  public String toString() {
    return recipe.id() + " (revision " + revision + ")";
  }
}
