package analogsweep.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.analog.NoiseModel;
import analogsweep.common.Json;
import analogsweep.grid.NoiseKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code analogsweep train} through the top-level command line, as docs/commands.md shows it. */
class TrainCliTest {
  @TempDir
  Path tmp;

  @Test
  void trainsOnePointFromFlagsAndFromJson() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path out = tmp.resolve("r.json");
    assertEquals(0, Main.execute("train", "--model", "linear", "--data", TestSupport.FASHION,
        "--train-limit", "300", "--test-limit", "100", "--hidden-sizes", "[16]", "--family",
        "relu-gelu", "--interpolation", "1", "--precision", "16", "--error-probability", "0.5",
        "--epochs", "1", "--device", "cpu", "--threads", "1", "--output", out.toString()));
    JsonNode r = Json.JSON.readTree(out.toFile());
    assertEquals("OK", r.get("status").asText());
    assertEquals(1, r.get("epochs").asInt());
    assertEquals("relu-gelu", r.get("point").get("family").asText());
    assertEquals(16, r.get("point").get("precision").asInt());
    assertEquals(r.get("taskId").asText(), r.get("provenance").get("taskId").asText());

    Path point = Files.writeString(tmp.resolve("p.json"), "{\"data_path\": \""
        + TestSupport.FASHION + "\", \"train_limit\": 300, \"test_limit\": 100, "
        + "\"hidden_sizes\": [16], \"max_epochs\": 1}");
    Path out2 = tmp.resolve("r2.json");
    assertEquals(0, Main.execute("train", "--json", point.toString(), "--seed", "7", "--device",
        "cpu", "--output", out2.toString()));
    assertEquals(7, Json.JSON.readTree(out2.toFile()).get("point").get("seed").asInt());
  }

  /** Every noise model trains through the command line and records its parameter. */
  @ParameterizedTest
  @ValueSource(strings = {"laplace", "uniform", "poisson"})
  void trainsUnderEachNoiseModel(String noise) throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    Path out = tmp.resolve(noise + ".json");
    assertEquals(0, Main.execute("train", "--model", "linear", "--data", TestSupport.FASHION,
        "--noise", noise, "--precision", "16", "--error-probability", "0.3", "--epochs", "1",
        "--train-limit", "2000", "--batch-size", "50", "--test-limit", "300", "--hidden-sizes",
        "[32]", "--device",
        "cpu", "--threads", "1", "--output", out.toString()));
    JsonNode r = Json.JSON.readTree(out.toFile());
    assertEquals("OK", r.get("status").asText(), r.toString());
    assertEquals(noise, r.get("point").get("noise").asText());
    assertEquals(NoiseModel.of(NoiseKind.parse("noise", noise), 0.3, 16).parameter(),
        r.get("provenance").get("noiseParameter").asDouble(), 1e-12);
    assertTrue(r.get("maxTestAccuracy").asDouble() > 0.2, r.toString());
  }

  /** --print-model names the placement and shows the chain on each layer. */
  @Test
  void printModelShowsThePlacement() throws Exception {
    assumeTrue(TestSupport.hasFashionMnist(), "dataset-fashion-mnist is not installed");
    String[] printed = MalformedSweepTest.captured(() -> Main.execute("train", "--data",
        TestSupport.FASHION, "--model", "convnet", "--conv-depth", "2", "--linear-depth", "1",
        "--precision", "16", "--error-probability", "0.5", "--placement", "before-layers",
        "--epochs", "1", "--train-limit", "10", "--test-limit", "10", "--device", "cpu",
        "--print-model"));
    assertTrue(printed[0].contains("placement: before-layers (chosen; the convnet model's own is "
        + "every-boundary); chain acts: before each weight layer, weights and biases"),
        printed[0]);
    // the authors' recipe (the default): the weight gradient passes the clamp
    assertTrue(printed[0].contains("AnalogConv2d(1 -> 48, 3x3, pad 1; in: clamp>RP(p=16)>noise("
        + "sigma=0.04633); weights: clamp>RP(p=16)>noise(sigma=0.04633) (gradient passes the "
        + "clamp)) -> (48, 28, 28)"), printed[0]);
    assertTrue(printed[0].contains("recipe: authors; init: authors (kaiming-uniform FC weights"),
        printed[0]);
    assertTrue(printed[0].contains("AnalogLinear(8112 -> 10; in: clamp>RP(p=16)>noise("
        + "sigma=0.04633); weights: clamp>RP(p=16)>noise(sigma=0.04633) (gradient passes the "
        + "clamp); init: kaiming-uniform U(+-sqrt(6/fan_in)) weights, U(+-1/sqrt(fan_in)) "
        + "biases) -> (10)\nActivation relu-gelu(i=0.0) -> (10)"), printed[0]);
  }

  @Test
  void badValuesExitTwo() throws Exception {
    assertEquals(2, Main.execute("train", "--data", "/x", "--interpolation", "2"));
    Path point = Files.writeString(tmp.resolve("p.json"), "{\"data_path\": \"/x\", \"colour\": 1}");
    assertEquals(2, Main.execute("train", "--json", point.toString()));
    assertEquals(2, Main.execute("train", "--data", "/x", "--device", "gpu7"));
    assertTrue(Main.execute("train", "--help") == 0);
  }
}
