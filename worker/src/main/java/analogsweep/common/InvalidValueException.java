package analogsweep.common;

/**
 * A value that a grid point, sweep file or data file cannot accept. The message always names the
 * field (or file) and the offending value, so that a user can find it without a stack trace.
 */
public class InvalidValueException extends IllegalArgumentException {
  private final String field;

  public InvalidValueException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field, key path or file that holds the bad value. */
  public String field() {
    return field;
  }
}
