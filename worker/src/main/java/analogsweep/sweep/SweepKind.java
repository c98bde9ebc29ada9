package analogsweep.sweep;

/** What each task of a sweep does: train a network, or compute a gradient-error map. */
public enum SweepKind {
  TRAIN("train"),
  GRADIENT_ERROR("gradient-error");

  private final String id;

  SweepKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
