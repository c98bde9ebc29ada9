package analogsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.Json;
import analogsweep.grid.FieldRange;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schema of sweep files is the one the catalogue generates; every example
 * sweep in sweeps/ passes it (checked by a JSON Schema validator that shares no code with ours),
 * and files the reader refuses for a type, a range or an unknown key fail it too. The field
 * table of docs/sweep-files.md is the catalogue's.
 */
class SweepSchemaTest {
  static final Path ROOT = Path.of(System.getProperty("analogsweep.projectDir", ".."));
  static final Path SCHEMA = ROOT.resolve("sweeps/sweep.schema.json");

  static JsonSchema schema() throws IOException {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Json.JSON.readTree(SCHEMA.toFile()));
  }

  static Set<ValidationMessage> validate(String yaml) throws IOException {
    JsonNode node = Json.YAML.readTree(yaml);
    return schema().validate(node);
  }

  @Test
  void committedSchemaIsTheGeneratedOne() throws IOException {
    if (Boolean.getBoolean("analogsweep.writeSchema")) {
      Files.writeString(SCHEMA, SweepSchema.json());
    }
    assertEquals(SweepSchema.json(), Files.readString(SCHEMA), "sweeps/sweep.schema.json is "
        + "stale: run mvn -pl worker test -Dtest=SweepSchemaTest -Danalogsweep.writeSchema=true");
  }

  @Test
  void everyExampleSweepPasses() throws IOException {
    List<Path> sweeps;
    try (Stream<Path> s = Files.list(ROOT.resolve("sweeps"))) {
      sweeps = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(sweeps.size() >= 7, sweeps.toString());
    for (Path p : sweeps) {
      SweepFile.read(p); // the reader accepts it too
      assertEquals(Set.of(), validate(Files.readString(p)), p.toString());
    }
  }

  @Test
  void whatTheReaderRefusesFailsTheSchemaToo() throws IOException {
    String ok = "name: s\ndata:\n  path: /data\n";
    assertEquals(Set.of(), validate(ok + "grid:\n  interpolation: {from: 0, to: 1, step: 0.5}\n"));
    for (String bad : List.of(
        ok + "trainig: {max_epochs: 3}\n",
        ok + "training: {max_epochs: three}\n",
        ok + "analog: {error_probability: 1.2}\n",
        ok + "analog: {precision: 0}\n",
        ok + "activation: {family: relu-tanh}\n",
        ok + "activation: {gate_scale: 0}\n",
        ok + "grid: {}\n",
        ok + "grid:\n  interpolation: []\n",
        ok + "grid:\n  colour: [1]\n",
        ok + "model: {hidden_sizes: [0]}\n",
        "data: {path: /data}\n",
        "name: \"with spaces\"\n")) {
      assertFalse(validate(bad).isEmpty(), "the schema passes: " + bad);
    }
  }

  @Test
  void docsFieldTableIsTheCatalogues() throws IOException {
    String docs = Files.readString(ROOT.resolve("docs/sweep-files.md"));
    assertTrue(docs.contains(FieldRange.markdownTable()), "docs/sweep-files.md's field table is "
        + "stale; it should read:\n" + FieldRange.markdownTable());
  }
}
