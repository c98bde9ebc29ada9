package analogsweep.sweep;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The parsed YAML of a sweep file as the reader sees it: the tree from the text (with the key
 * path of a number YAML cannot read), plain values of nodes, and the messages that name what
 * was found where something else was expected.
 */
final class YamlNodes {
  private YamlNodes() {}

  /** The YAML tree of the text; a syntax error or a bad number names where it is. */
  static JsonNode tree(String text) {
    try {
      return Json.YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String key = badNumberKey(text);
      if (key != null) {
        throw new InvalidValueException(key, "expected a finite number, found "
            + e.getOriginalMessage().replaceFirst("^Malformed numeric value ", ""));
      }
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new InvalidValueException("yaml", "not valid YAML" + where + ": " + syntaxError(e));
    }
  }

  /**
   * A YAML syntax error in one line: the parser's problem and what it was reading, without the
   * lines of the text it quotes with a pointer under them.
   */
  static String syntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      String problem = m.getProblem().replaceAll("\\s+", " ").trim();
      String context = m.getContext() == null ? ""
          : " (" + m.getContext().replaceAll("\\s+", " ").trim()
          + (m.getContextMark() == null ? "" : " from line " + (m.getContextMark().getLine() + 1)
          + ", column " + (m.getContextMark().getColumn() + 1)) + ")";
      return problem + context;
    }
    String message = String.valueOf(e.getOriginalMessage());
    return message.lines().findFirst().orElse(message).trim();
  }

  /**
   * The key path of the first number YAML cannot read (.nan, .inf), such as
   * {@code grid.interpolation[1]}, found by streaming through the text; null if there is none.
   */
  private static String badNumberKey(String text) {
    try (JsonParser p = Json.YAML.getFactory().createParser(text)) {
      while (p.nextToken() != null) {
        if (p.currentToken().isNumeric()) {
          try {
            p.getNumberValue();
          } catch (JsonProcessingException e) {
            return keyPath(p.getParsingContext());
          }
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static String keyPath(JsonStreamContext context) {
    StringBuilder sb = new StringBuilder();
    List<JsonStreamContext> chain = new ArrayList<>();
    for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(0, c);
    }
    for (var c : chain) {
      if (c.inObject()) {
        sb.append(sb.length() == 0 ? "" : ".").append(c.getCurrentName());
      } else if (c.inArray()) {
        sb.append('[').append(c.getCurrentIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "yaml" : sb.toString();
  }

  /** The node as a plain value: a number, text, boolean, list, map or null. */
  static Object value(JsonNode node) {
    try {
      return Json.YAML.treeToValue(node, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A non-blank text under {@code key}; "" for an absent key that is not required. */
  static String text(JsonNode root, String key, boolean required) {
    JsonNode n = root.get(key);
    if (n == null) {
      if (required) {
        throw new InvalidValueException(key, "required");
      }
      return "";
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new InvalidValueException(key, "expected a non-empty text, found " + describe(n));
    }
    return n.asText();
  }

  /** Refuses the first key of the mapping that is not allowed, naming it with its prefix. */
  static void refuseUnknown(ObjectNode node, String prefix, List<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new InvalidValueException(prefix + key, "unknown key, expected one of " + allowed);
      }
    }
  }

  /** What a node is, for "found ..." in messages. */
  static String describe(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "the text \"" + n.asText() + "\"";
      case ARRAY -> "a list";
      case OBJECT -> "a mapping";
      case NULL -> "nothing (null)";
      default -> n.getNodeType().toString().toLowerCase() + " " + n;
    };
  }
}
