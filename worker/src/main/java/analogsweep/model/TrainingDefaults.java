package analogsweep.model;

import analogsweep.grid.Augmentation;
import analogsweep.grid.GridField;
import analogsweep.grid.Normalization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an architecture is trained where a grid point leaves it open: mini-batch size, stop rules
 * (epoch limit, the authors' early stopping) and data pipeline (augmentation, normalization).
 * A grid point's own values win; the catalogue's defaults ({@link #CATALOGUE}) apply to every
 * model today, so these values enter task ids exactly as the catalogue's did.
 */
public record TrainingDefaults(int batchSize, int maxEpochs, boolean earlyStopping,
    Augmentation augmentation, Normalization normalization) {

  /** The catalogue's defaults ({@link GridField}): every model's today. */
  public static final TrainingDefaults CATALOGUE = new TrainingDefaults(
      (Integer) GridField.BATCH_SIZE.defaultValue(), (Integer) GridField.MAX_EPOCHS.defaultValue(),
      (Boolean) GridField.EARLY_STOPPING.defaultValue(),
      (Augmentation) GridField.AUGMENTATION.defaultValue(),
      (Normalization) GridField.NORMALIZATION.defaultValue());

  /** The values by grid field. */
  public Map<GridField, Object> fields() {
    Map<GridField, Object> out = new LinkedHashMap<>();
    out.put(GridField.BATCH_SIZE, batchSize);
    out.put(GridField.MAX_EPOCHS, maxEpochs);
    out.put(GridField.EARLY_STOPPING, earlyStopping);
    out.put(GridField.AUGMENTATION, augmentation);
    out.put(GridField.NORMALIZATION, normalization);
    return out;
  }
}
