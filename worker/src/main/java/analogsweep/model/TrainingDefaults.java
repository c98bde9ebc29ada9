package analogsweep.model;

import analogsweep.grid.Augmentation;
import analogsweep.grid.GridField;
import analogsweep.grid.Initialization;
import analogsweep.grid.LearningRateSchedule;
import analogsweep.grid.Normalization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How an architecture is trained under one recipe where a grid point leaves it open: mini-batch
 * size, stop rules (epoch limit, early stopping on or off, and whether it includes the rule that
 * stops when test accuracy falls 5 points below its best), optimizer (Adam's weight decay, the
 * learning-rate schedule), data pipeline (augmentation,
 * normalization), initialization and whether an activation follows the classifier. A grid
 * point's own values win. {@link #ANALOGSWEEP_1} is every model's under the recipe
 * analogsweep-1, the catalogue's defaults, so those points keep their task ids.
 */
public record TrainingDefaults(int batchSize, int maxEpochs, boolean earlyStopping,
    boolean accuracyDropRule, double weightDecay, LearningRateSchedule schedule,
    Augmentation augmentation, Normalization normalization, Initialization init,
    boolean classifierActivation) {

  /** The recipe analogsweep-1: the catalogue's defaults ({@link GridField}), for every model. */
  public static final TrainingDefaults ANALOGSWEEP_1 = new TrainingDefaults(
      (Integer) GridField.BATCH_SIZE.defaultValue(), (Integer) GridField.MAX_EPOCHS.defaultValue(),
      (Boolean) GridField.EARLY_STOPPING.defaultValue(), true,
      (Double) GridField.WEIGHT_DECAY.defaultValue(),
      (LearningRateSchedule) GridField.LEARNING_RATE_SCHEDULE.defaultValue(),
      (Augmentation) GridField.AUGMENTATION.defaultValue(),
      (Normalization) GridField.NORMALIZATION.defaultValue(), Initialization.UNIFORM, false);

  /** These defaults with another batch size, epoch limit and stop rules. */
  public TrainingDefaults withSchedule(int batch, int epochs, boolean stopEarly, boolean drop) {
    return new TrainingDefaults(batch, epochs, stopEarly, drop, weightDecay, schedule,
        augmentation, normalization, init, classifierActivation);
  }

  /** These defaults with another optimizer setting: Adam's weight decay and the rate schedule. */
  public TrainingDefaults withOptimizer(double decay, LearningRateSchedule rateSchedule) {
    return new TrainingDefaults(batchSize, maxEpochs, earlyStopping, accuracyDropRule, decay,
        rateSchedule, augmentation, normalization, init, classifierActivation);
  }

  /** These defaults with another data pipeline. */
  public TrainingDefaults withData(Augmentation aug, Normalization norm) {
    return new TrainingDefaults(batchSize, maxEpochs, earlyStopping, accuracyDropRule,
        weightDecay, schedule, aug, norm, init, classifierActivation);
  }

  /** These defaults with another initialization and classifier activation. */
  public TrainingDefaults withNetwork(Initialization initialization, boolean activationLast) {
    return new TrainingDefaults(batchSize, maxEpochs, earlyStopping, accuracyDropRule,
        weightDecay, schedule, augmentation, normalization, initialization, activationLast);
  }

  /** The values by grid field. */
  public Map<GridField, Object> fields() {
    Map<GridField, Object> out = new LinkedHashMap<>();
    out.put(GridField.BATCH_SIZE, batchSize);
    out.put(GridField.MAX_EPOCHS, maxEpochs);
    out.put(GridField.EARLY_STOPPING, earlyStopping);
    out.put(GridField.WEIGHT_DECAY, weightDecay);
    out.put(GridField.LEARNING_RATE_SCHEDULE, schedule);
    out.put(GridField.AUGMENTATION, augmentation);
    out.put(GridField.NORMALIZATION, normalization);
    out.put(GridField.INIT, init);
    out.put(GridField.CLASSIFIER_ACTIVATION, classifierActivation);
    return out;
  }
}
