package analogsweep.grid;

/**
 * The parts of a grid point, as a sweep file groups them: each field belongs to one section and
 * is written {@code section.key} there ({@code analog.error_probability}); the seed stands alone
 * ({@code seeds} in a sweep file).
 */
public enum Section {
  DATA("data"),
  MODEL("model"),
  ACTIVATION("activation"),
  ANALOG("analog"),
  TRAINING("training"),
  SEED("seed");

  private final String id;

  Section(String id) {
    this.id = id;
  }

  /** The section's key in a sweep file. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
