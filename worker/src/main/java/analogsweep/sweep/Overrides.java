package analogsweep.sweep;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code --set} overrides of a sweep file, as Hydra users write them: {@code analog.precision=32}
 * sets a key (creating its section where missing), {@code grid.seed=[1,2,3]} sets a list (the
 * value is read as YAML), {@code ~grid.precision} removes a key. They change the parsed file
 * before it is validated, so an override is checked exactly like the same text in the file.
 */
final class Overrides {
  private Overrides() {}

  static JsonNode apply(JsonNode root, List<String> overrides) {
    ObjectNode tree = root == null || !root.isObject() ? Json.YAML.createObjectNode()
        : ((ObjectNode) root).deepCopy();
    for (String o : overrides) {
      String where = "--set " + o;
      boolean remove = o.startsWith("~");
      int eq = o.indexOf('=');
      if (remove ? eq >= 0 : eq <= 0) {
        throw new InvalidValueException(where, "expected KEY=VALUE (such as analog.precision=32 "
            + "or grid.seed=[1,2,3]) or ~KEY to remove a key");
      }
      String path = remove ? o.substring(1) : o.substring(0, eq);
      String[] keys = path.split("\\.", -1);
      ObjectNode parent = tree;
      for (int k = 0; k < keys.length - 1; k++) {
        if (keys[k].isEmpty()) {
          throw new InvalidValueException(where, "empty key in \"" + path + "\"");
        }
        JsonNode child = parent.get(keys[k]);
        if (child == null && !remove) {
          child = parent.putObject(keys[k]);
        } else if (child == null) {
          throw new InvalidValueException(where, "no key " + path + " to remove");
        } else if (!child.isObject()) {
          throw new InvalidValueException(where, String.join(".", List.of(keys).subList(0, k + 1))
              + " is not a section, so it has no key " + keys[k + 1]);
        }
        parent = (ObjectNode) child;
      }
      String last = keys[keys.length - 1];
      if (last.isEmpty()) {
        throw new InvalidValueException(where, "empty key in \"" + path + "\"");
      }
      if (remove) {
        if (parent.remove(last) == null) {
          throw new InvalidValueException(where, "no key " + path + " to remove");
        }
        continue;
      }
      String text = o.substring(eq + 1);
      JsonNode value;
      try {
        value = text.isBlank() ? null : Json.YAML.readTree(text);
      } catch (JsonProcessingException e) {
        if (e.getOriginalMessage().startsWith("Malformed numeric value")) {
          throw new InvalidValueException(path, "expected a finite number, found " + text);
        }
        throw new InvalidValueException(where, "the value is not YAML: "
            + YamlNodes.syntaxError(e));
      }
      if (value == null || value.isMissingNode()) {
        throw new InvalidValueException(where, "no value after '='");
      }
      parent.set(last, value);
    }
    return tree;
  }

  /** The overridden sweep as YAML, for the copy stored in the output folder. */
  static String yaml(JsonNode root) {
    try {
      return Json.YAML.writeValueAsString(root).replaceFirst("^---\\s*\\n", "");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
