package analogsweep.grid;

import analogsweep.common.InvalidValueException;
import java.util.Arrays;
import java.util.stream.Collectors;

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
    return byName(field, text, values(), "activation family");
  }

  /**
   * The constant whose {@code toString()} (its name in files) is {@code text}; otherwise an error
   * naming the field, the text and the accepted names. Shared by the project's named enums.
   */
  static <E extends Enum<E>> E byName(String field, String text, E[] values, String what) {
    for (E v : values) {
      if (v.toString().equals(text)) {
        return v;
      }
    }
    throw new InvalidValueException(field, "unknown " + what + " '" + text + "', expected one of "
        + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", ", "[", "]")));
  }

  @Override
  public String toString() {
    return id;
  }
}
