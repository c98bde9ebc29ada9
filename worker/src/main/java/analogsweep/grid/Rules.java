package analogsweep.grid;

import analogsweep.common.InvalidValueException;

/** The one way sections and models refuse a value: the field, the rule, and what was found. */
public final class Rules {
  private Rules() {}

  public static void check(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new InvalidValueException(field, rule + ", found " + value);
    }
  }
}
