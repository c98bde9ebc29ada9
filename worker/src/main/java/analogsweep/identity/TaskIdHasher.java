package analogsweep.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one way a stored task gets its id: SHA-256 over a canonical text of a schema line
 * ({@code analogsweep.gridpoint.v1}) and sorted {@code name=value} lines, as 64 hex digits.
 * Grid points and gradient-error tasks hash through it, so an id never depends on
 * {@code hashCode()} or on the order fields were declared in.
 */
public final class TaskIdHasher {
  private TaskIdHasher() {}

  /**
   * The canonical text: {@code schema.vVERSION}, then one {@code name=value} line per field in
   * sorted name order ({@link String#valueOf} of each value), each line ending in a newline.
   */
  public static String canonicalText(String schema, int version, Map<String, ?> fields) {
    StringBuilder sb = new StringBuilder(schema).append(".v").append(version).append('\n');
    new TreeMap<String, Object>(fields)
        .forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  /** The id of the fields under {@code schema} and {@code version}: see {@link #canonicalText}. */
  public static String taskId(String schema, int version, Map<String, ?> fields) {
    return sha256(canonicalText(schema, version, fields));
  }

  /** 64 lower-case hex digits of SHA-256 over the UTF-8 bytes of {@code text}. */
  public static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
