package analogsweep.grid;

import analogsweep.common.InvalidValueException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one parser of the project's named values (activation families, model kinds, placements,
 * noise kinds and the other option enums): a value is written by its {@code toString()}.
 */
final class Names {
  private Names() {}

  /**
   * The value whose {@code toString()} (its name in files) is {@code text}; otherwise an error
   * naming the field, the text and the accepted names.
   */
  static <T> T byName(String field, String text, List<T> values, String what) {
    for (T v : values) {
      if (v.toString().equals(text)) {
        return v;
      }
    }
    throw new InvalidValueException(field, "unknown " + what + " '" + text + "', expected one of "
        + values.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]")));
  }

  static <E extends Enum<E>> E byName(String field, String text, E[] values, String what) {
    return byName(field, text, List.of(values), what);
  }
}
