package analogsweep.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The project's JSON and YAML mappers: duplicate keys are errors, output is indented. */
public final class Json {
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT);
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Json() {}

  /** A command-line value read as a YAML scalar or flow list: "0.5", "none", "[256, 128]". */
  public static Object scalar(String text) {
    try {
      Object v = YAML.readValue(text, Object.class);
      return v == null && !text.isBlank() ? text : v;
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
