package analogsweep.data;

import analogsweep.common.InvalidValueException;


/** A data file that is missing, truncated or not in the format its name promises. */
public class DataFormatException extends InvalidValueException {
  public DataFormatException(String file, String message) {
    super(file, message);
  }
}
