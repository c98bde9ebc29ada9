package analogsweep.grid;

/** The networks a grid point can train: the AnalogVNN-style linear model and the paper's ConvNet. */
public enum ModelKind {
  LINEAR("linear"),
  CONVNET("convnet");

  private final String id;

  ModelKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ModelKind parse(String field, String text) {
    return ActivationFamily.byName(field, text, values(), "model");
  }

  @Override
  public String toString() {
    return id;
  }
}
