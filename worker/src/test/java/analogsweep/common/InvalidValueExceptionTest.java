package analogsweep.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {
  @Test
  void messageNamesTheFieldFirst() {
    InvalidValueException e = new InvalidValueException("grid.precision[2]", "must be positive");
    assertEquals("grid.precision[2]", e.field());
    assertEquals("grid.precision[2]: must be positive", e.getMessage());
    assertTrue(e instanceof IllegalArgumentException);
  }
}
