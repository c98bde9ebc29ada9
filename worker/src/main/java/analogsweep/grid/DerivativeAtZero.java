package analogsweep.grid;

/**
 * The derivative of the rectified part max(a x, x) at exactly x = 0, which the analog chain makes
 * common (every value quantized to the zero level): {@link #LEAK} gives a (0 without a leak, so no
 * gradient passes), {@link #ONE} gives 1. The authors' GELU family used a, their SiLU and GeGLU
 * families 1.
 */
public enum DerivativeAtZero {
  LEAK("a"),
  ONE("1");

  private final String id;

  DerivativeAtZero(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The derivative of max(a x, x) at 0 under this convention. */
  public double value(double leak) {
    return this == LEAK ? leak : 1.0;
  }

  public static DerivativeAtZero parse(String field, String text) {
    return Names.byName(field, text, values(), "derivative at zero (a or 1)");
  }

  @Override
  public String toString() {
    return id;
  }
}
