package analogsweep.grid;

/**
 * How the reduce-precision layer rounds: deterministically (ties towards zero) or stochastically
 * (up with probability equal to the fractional part, which makes it unbiased).
 */
public enum Rounding {
  DETERMINISTIC("deterministic"),
  STOCHASTIC("stochastic");

  private final String id;

  Rounding(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Rounding parse(String field, String text) {
    return Names.byName(field, text, values(), "rounding");
  }

  @Override
  public String toString() {
    return id;
  }
}
