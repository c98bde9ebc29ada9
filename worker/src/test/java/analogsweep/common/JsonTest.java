package analogsweep.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writeThenReadGivesTheSameValues() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("model", "convnet");
    value.put("precision", 16);
    value.put("error_probability", 0.25);
    value.put("hidden_sizes", List.of(256, 128));
    value.put("noise", null);
    value.put("augment", true);
    String text = Json.write(value);
    Map<String, Object> back = Json.JSON.readValue(text, new TypeReference<>() {});
    assertEquals(value, back);
    assertEquals(List.copyOf(value.keySet()), List.copyOf(back.keySet()));
  }

  @Test
  void writtenJsonIsIndented() {
    assertEquals("{\n  \"a\" : 1\n}", Json.write(Map.of("a", 1)).replace("\r\n", "\n"));
  }

  @Test
  void duplicateKeysAreErrorsInJsonAndYaml() {
    assertThrows(JsonProcessingException.class,
        () -> Json.JSON.readTree("{\"seed\": 1, \"seed\": 2}"));
    assertThrows(JsonProcessingException.class, () -> Json.YAML.readTree("seed: 1\nseed: 2\n"));
  }

  @Test
  void scalarsAreReadAsYaml() {
    assertEquals(0.5, Json.scalar("0.5"));
    assertEquals(32, Json.scalar("32"));
    assertEquals(true, Json.scalar("true"));
    assertEquals(List.of(256, 128), Json.scalar("[256, 128]"));
    assertEquals("relu-gelu", Json.scalar("relu-gelu"));
    // "none" is a word, and a null word stays its text: a flag that is given has a value
    assertEquals("none", Json.scalar("none"));
    assertEquals("null", Json.scalar("null"));
    assertEquals("~", Json.scalar("~"));
    // text YAML cannot read as a value stays the text itself
    assertEquals("[1, 2", Json.scalar("[1, 2"));
  }
}
