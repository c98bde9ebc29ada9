package analogsweep.grid;

/**
 * How the learning rate moves over the epochs: {@code fixed} (the default), or {@code cosine}:
 * PyTorch's CosineAnnealingLR over max_epochs stepped once per epoch, as the authors' ViT runs
 * used it: epoch e (from 1) trains at {@code lr (1 + cos(pi (e - 1) / max_epochs)) / 2}.
 */
public enum LearningRateSchedule {
  FIXED("fixed"),
  COSINE("cosine");

  private final String id;

  LearningRateSchedule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The learning rate of epoch {@code epoch} (from 1) of {@code maxEpochs}. */
  public double rate(double base, int epoch, int maxEpochs) {
    return this == FIXED ? base : base * (1 + Math.cos(Math.PI * (epoch - 1) / maxEpochs)) / 2;
  }

  public static LearningRateSchedule parse(String field, String text) {
    return Names.byName(field, text, values(), "learning-rate schedule");
  }

  @Override
  public String toString() {
    return id;
  }
}
