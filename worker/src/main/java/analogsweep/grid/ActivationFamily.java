package analogsweep.grid;

import analogsweep.common.InvalidValueException;

/**
 * The three interpolated activation families of the paper: interpolation factor 0 is the
 * rectified end (ReLU, or ReGLU for the gated family), 1 is the smooth end (GELU, SiLU, GeGLU).
 */
public enum ActivationFamily {
  RELU_GELU("relu-gelu", false),
  RELU_SILU("relu-silu", false),
  REGLU_GEGLU("reglu-geglu", true);

  private final String id;
  private final boolean gated;

  ActivationFamily(String id, boolean gated) {
    this.id = id;
    this.gated = gated;
  }

  /** The name used in sweep files, on the command line and in Parquet. */
  public String id() {
    return id;
  }

  /** Whether the activation splits its input in halves (a, b) and returns a * I(b). */
  public boolean gated() {
    return gated;
  }

  /** Whether the smooth end is GELU (else SiLU). */
  public boolean gelu() {
    return this != RELU_SILU;
  }

  public static ActivationFamily parse(String field, String text) {
    return Names.byName(field, text, values(), "activation family");
  }

  @Override
  public String toString() {
    return id;
  }
}
