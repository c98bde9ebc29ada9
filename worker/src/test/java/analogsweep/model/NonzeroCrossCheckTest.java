package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import analogsweep.CrossCheckScript;
import analogsweep.EngineTest;
import analogsweep.grid.ResNetStem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cheap part of the independent PyTorch cross-check (tagged slow: a few minutes on 2 cores,
 * VGG-A's first FC layer has 103M weights on each side): the project's per-layer shares of weights
 * left nonzero by quantization at initialization ({@link NonzeroFractionsTest}) against those of
 * {@code scripts/crosscheck/crosscheck.py nonzero}, which draws the same law in PyTorch; every
 * (layer, parameter, p) pair must agree within sampling error (|z| <= 4.5). Skipped where no
 * python3 with torch and pandas is found ({@code CROSSCHECK_PYTHON} names one). The system property
 * {@code crosscheck.models} (comma-separated, default all five) limits the models;
 * {@code crosscheck.init} (uniform, the default, or authors) chooses the initialization on both
 * sides (the script's project or authors).
 */
@Tag("slow")
class NonzeroCrossCheckTest extends EngineTest {

  @Test
  void sharesAgreeWithPyTorch() throws Exception {
    String python = CrossCheckScript.python();
    assumeTrue(python != null, "no python3 with torch and pandas (set CROSSCHECK_PYTHON)");
    Path script = CrossCheckScript.script();
    assumeTrue(script != null, "scripts/crosscheck/crosscheck.py not found");
    List<String> table = new ArrayList<>();
    table.add(NonzeroFractionsTest.HEADER);
    String only = System.getProperty("crosscheck.models", "");
    List<String> models = only.isBlank() ? NonzeroFractionsTest.MODELS
        : List.of(only.split(","));
    String init = System.getProperty("crosscheck.init", "uniform");
    for (String model : models) {
      table.addAll(NonzeroFractionsTest.rows(model.strip(), 1, init));
    }
    Path tsv = Files.createTempFile("analogsweep-nonzero", ".tsv");
    try {
      Files.writeString(tsv, String.join("\n", table) + "\n");
      List<String> command = new ArrayList<>(List.of(python, script.toString(), "nonzero",
          "--project", tsv.toString(), "--seed", "2", "--init",
          init.equals("authors") ? "authors" : "project", "--resnet-stem",
          NonzeroFractionsTest.point("resnet-18", 1, init).model().resnetStem() == ResNetStem.CIFAR
              ? "cifar" : "imagenet", "--models"));
      models.forEach(m -> command.add(m.strip()));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.MINUTES);
      System.out.println(out);
      assertEquals(0, p.exitValue(), "the shares disagree:\n" + out);
    } finally {
      Files.deleteIfExists(tsv);
    }
  }
}
