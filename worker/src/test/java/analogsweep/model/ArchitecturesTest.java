package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import analogsweep.EngineTest;
import analogsweep.grid.GridPoint;
import analogsweep.train.Autograd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VGG-A, ResNet-18 and the ViT: parameter counts against hand-counted values, output shapes,
 * where the chain is (from the printout), the gated MLP, and batch norm in evaluation mode.
 */
class ArchitecturesTest extends EngineTest {

  static GridPoint.Builder point(String model) {
    return GridPoint.builder().set("data_path", "/unused").set("model", model)
        .set("precision", 64).set("error_probability", 0.5);
  }

  static SequentialBlock init(GridPoint p, int classes, Shape input) {
    SequentialBlock net = AnalogNetworks.build(p, classes);
    net.initialize(manager, DataType.FLOAT32, input);
    return net;
  }

  static NDArray forward(SequentialBlock net, NDArray x, boolean training) {
    return Autograd.recording(false, () -> net.forward(
        new ParameterStore(x.getManager(), false), new NDList(x), training).singletonOrThrow());
  }

  /**
   * VGG-A on 32x32x3 with 100 classes (3x3 convs with biases; the 7x7 pool makes 512*7*7 = 25088
   * features): convs 3*9*64+64 = 1,792; 64*9*128+128 = 73,856; 128*9*256+256 = 295,168;
   * 256*9*256+256 = 590,080; 256*9*512+512 = 1,180,160; 3 x (512*9*512+512) = 7,079,424; total
   * 9,220,480. FC 25088*4096+4096 = 102,764,544; 4096*4096+4096 = 16,781,312; 4096*100+100 =
   * 409,700; total 119,955,556. Sum 129,176,036 (torchvision's vgg11 less its 1000-class head).
   */
  @Test
  void vggHasTheHandCountedSizeAndItsChainBeforeEveryLayer() {
    GridPoint p = point("vgg-a").set("recipe", "analogsweep-1").build();
    SequentialBlock net = init(p, 100, new Shape(1, 3, 32, 32));
    assertEquals(129_176_036L, AnalogNetworks.parameterCount(net));
    String printed = AnalogNetworks.describe(p, net);
    assertTrue(printed.startsWith("placement: before-layers (the vgg-a model's own); chain acts: "
        + "before each weight layer, weights and biases\n"), printed);
    List<String> layers = printed.lines().filter(l -> l.startsWith("Analog")).toList();
    assertEquals(11, layers.size(), printed); // 8 convs, 3 FC
    for (String l : layers) {
      assertTrue(l.contains("in: clamp>RP(p=64)>noise(sigma=0.01158); weights: clamp>RP(p=64)>"
          + "noise(sigma=0.01158))"), l);
      assertFalse(l.contains("out:"), l);
    }
    assertTrue(printed.contains("maxPool2d -> (512, 1, 1)\nAdaptiveAvgPool(7x7) -> (512, 7, 7)\n"
        + "batchFlatten -> (25088)\nAnalogLinear(25088 -> 4096;"), printed);
  }

  /** Fashion-MNIST's 28x28 is padded to the 32x32 that VGG-A's five pools need. */
  @Test
  void vggPadsSmallImages() {
    GridPoint p = point("vgg-a").set("analog_inputs", false).set("analog_weights", false)
        .set("init", "uniform").build();
    SequentialBlock net = init(p, 10, new Shape(2, 1, 28, 28));
    String printed = AnalogNetworks.describe(net);
    assertTrue(printed.startsWith("ZeroPad(to 32x32) -> (1, 32, 32)\n"
        + "AnalogConv2d(1 -> 64, 3x3, pad 1; digital) -> (64, 32, 32)\n"), printed);
    try (NDManager m = manager.newSubManager()) {
      NDArray y = forward(net, m.randomUniform(0f, 1f, new Shape(2, 1, 28, 28)), false);
      assertEquals(new Shape(2, 10), y.getShape());
      assertTrue(Float.isFinite(y.sum().getFloat()));
    }
  }

  /**
   * ResNet-18 on 32x32x3 with 100 classes, convs without bias, batch norm 2 per channel:
   * stem 3*9*64 + BN 128 = 1,856; stage 1: 2 x (2 * 64*9*64 + 2*128) = 147,968; stage 2: block 1
   * 64*9*128 + 128*9*128 + 512 + shortcut 64*128 + 256 = 230,144, block 2 2*128*9*128 + 512 =
   * 295,424; stage 3: 128*9*256 + 256*9*256 + 1,024 + 128*256 + 512 = 919,040 and 2*256*9*256 +
   * 1,024 = 1,180,672; stage 4: 256*9*512 + 512*9*512 + 2,048 + 256*512 + 1,024 = 3,673,088 and
   * 2*512*9*512 + 2,048 = 4,720,640; FC 512*100+100 = 51,300. Sum 11,220,132. The ImageNet stem's
   * 7x7 conv adds 3*49*64 - 3*9*64 = 7,680: 11,227,812, torchvision's resnet18 with 100 classes.
   */
  @Test
  void resNetHasTheHandCountedSizeAndItsChainOnShortcutsToo() {
    GridPoint p = point("resnet-18").set("recipe", "analogsweep-1").build();
    SequentialBlock net = init(p, 100, new Shape(1, 3, 32, 32));
    assertEquals(11_220_132L, AnalogNetworks.parameterCount(net));
    String printed = AnalogNetworks.describe(p, net);
    assertTrue(printed.startsWith("placement: before-layers (the resnet-18 model's own)"));
    List<String> convs = printed.lines().filter(l -> l.strip().startsWith("AnalogConv2d"))
        .toList();
    assertEquals(20, convs.size(), printed); // stem, 16 in blocks, 3 shortcuts
    assertEquals(3, convs.stream().filter(l -> l.contains("1x1, stride 2")).count(), printed);
    for (String l : convs) {
      assertTrue(l.contains("no bias; in: clamp>RP(p=64)>noise(sigma=0.01158); weights: "), l);
    }
    assertTrue(printed.contains("""
        stage 2: 2 BasicBlocks of 128 -> (128, 16, 16)
          BasicBlock(64 -> 128, stride 2) (+ shortcut) -> (128, 16, 16)
            main:
              AnalogConv2d(64 -> 128, 3x3, stride 2, pad 1; no bias; in:"""), printed);
    assertTrue(printed.contains("    shortcut:\n      AnalogConv2d(64 -> 128, 1x1, stride 2, "
        + "pad 0; no bias; in:"), printed);
    assertTrue(printed.contains("globalAvgPool2d -> (512)\nAnalogLinear(512 -> 100; in:"),
        printed);

    GridPoint imagenet = point("resnet-18").set("recipe", "analogsweep-1")
        .set("resnet_stem", "imagenet").build();
    SequentialBlock big = init(imagenet, 100, new Shape(1, 3, 32, 32));
    assertEquals(11_227_812L, AnalogNetworks.parameterCount(big));
    String stem = AnalogNetworks.describe(big);
    assertTrue(stem.startsWith("Resize(bilinear, to 224x224) -> (3, 224, 224)\n"
        + "AnalogConv2d(3 -> 64, 7x7, stride 2, pad 3;"), stem);
    assertTrue(stem.contains("maxPool2d -> (64, 56, 56)\n"), stem);
    assertTrue(stem.contains("stage 4: 2 BasicBlocks of 512 -> (512, 7, 7)\n"), stem);
  }

  /**
   * Under the recipe authors (ResNet.py, run_resnet.py): the 5 identity shortcuts carry the
   * chain's digital-to-analog end and all 20 batch norms pass their scale and shift through the
   * chain, with the parameter count unchanged; under analogsweep-1 neither, as before. The stem
   * imagenet-pipeline has no resize in the network.
   */
  @Test
  void resNetUnderTheAuthorsRecipeChainsShortcutsAndBatchNorm() {
    GridPoint authors = point("resnet-18").set("resnet_stem", "cifar").build();
    SequentialBlock net = init(authors, 100, new Shape(1, 3, 32, 32));
    assertEquals(11_220_132L, AnalogNetworks.parameterCount(net));
    String printed = AnalogNetworks.describe(net);
    assertEquals(5, printed.lines().filter(l -> l.strip().startsWith(
        "DigitalToAnalog(identity shortcut: clamp>RP(p=64)>noise(sigma=0.01158))")).count(),
        printed);
    assertEquals(20, printed.lines().filter(l -> l.strip().startsWith("AnalogBatchNorm(scale, "
        + "shift: clamp>RP(p=64)>noise(sigma=0.01158))")).count(), printed);
    assertEquals(0, printed.lines().filter(l -> l.strip().startsWith("BatchNorm")).count(),
        printed);

    GridPoint before = point("resnet-18").set("recipe", "analogsweep-1").build();
    String old = AnalogNetworks.describe(init(before, 100, new Shape(1, 3, 32, 32)));
    assertFalse(old.contains("DigitalToAnalog") || old.contains("AnalogBatchNorm"), old);
    assertEquals(20, old.lines().filter(l -> l.strip().startsWith("BatchNorm ->")).count(), old);

    GridPoint digitalWeights = point("resnet-18").set("resnet_stem", "cifar")
        .set("analog_weights", false).set("analog_inputs", false).build();
    String plain = AnalogNetworks.describe(init(digitalWeights, 10, new Shape(1, 3, 32, 32)));
    assertFalse(plain.contains("DigitalToAnalog") || plain.contains("AnalogBatchNorm"), plain);

    GridPoint stem = point("resnet-18").build();
    assertEquals("imagenet-pipeline", stem.model().resnetStem().id());
    SequentialBlock big = init(stem, 100, new Shape(1, 3, 224, 224));
    assertEquals(11_227_812L, AnalogNetworks.parameterCount(big));
    String top = AnalogNetworks.describe(big);
    assertTrue(top.startsWith("AnalogConv2d(3 -> 64, 7x7, stride 2, pad 3;"), top);
    assertTrue(top.contains("maxPool2d -> (64, 56, 56)\n"), top);
  }

  /**
   * The ViT on 32x32x3 with 10 classes (64 patches of 4*4*3 = 48 values, width 512): patch FC
   * 48*512+512 = 25,088; class token 512 and positions 65*512 = 33,792; per block LayerNorm
   * 1,024, qkv 512*1536 (no bias) = 786,432, out 512*512+512 = 262,656, LayerNorm 1,024, MLP FC
   * 512*512+512 = 262,656 and back 512*512+512 = 262,656 (gated: 256*512+512 = 131,584): 1,576,448
   * (gated 1,445,376); head LayerNorm 1,024 and 512*10+10: 6,154. Depth 1: 65,034 + 1,576,448 =
   * 1,641,482 (gated 1,510,410); depth 6: 65,034 + 6 * 1,576,448 = 9,523,722 (gated 8,737,290).
   */
  @ParameterizedTest
  @CsvSource({"1, relu-gelu, 1641482", "1, reglu-geglu, 1510410", "6, relu-silu, 9523722",
      "6, reglu-geglu, 8737290"})
  void vitHasTheHandCountedSize(int depth, String family, long parameters) {
    GridPoint p = point("vit").set("vit_depth", depth).set("family", family).build();
    assertEquals(parameters, AnalogNetworks.parameterCount(init(p, 10, new Shape(1, 3, 32, 32))));
  }

  /** Every depth gives (batch, classes), 32x32x3 and 28x28x1 alike; each block keeps the tokens. */
  @Test
  void vitShapesAtEveryDepth() {
    for (int depth = 1; depth <= 6; depth++) {
      GridPoint p = point("vit").set("vit_depth", depth).build();
      for (Shape in : List.of(new Shape(2, 3, 32, 32), new Shape(2, 1, 28, 28))) {
        SequentialBlock net = init(p, 10, in);
        String printed = AnalogNetworks.describe(net);
        long tokens = (in.get(2) / 4) * (in.get(3) / 4) + 1;
        String block = "-> (" + tokens + ", 512)";
        assertEquals(depth, printed.lines().filter(l -> l.startsWith("TransformerBlock ")
            && l.endsWith(block)).count(), printed);
        if (in.get(1) == 1) { // one forward pass per depth keeps this test quick
          try (NDManager m = manager.newSubManager()) {
            NDArray y = forward(net, m.randomUniform(0f, 1f, in), true);
            assertEquals(new Shape(2, 10), y.getShape(), "depth " + depth);
          }
        }
      }
    }
  }

  /** Only the image is analog: the first block is the input chain, every FC layer is digital. */
  @Test
  void vitPrintsItsInputOnlyPlacementAndTheGatedMlpHalvesTheLastAxis() {
    GridPoint p = point("vit").set("vit_depth", 2).set("family", "reglu-geglu")
        .set("interpolation", 0.5).set("relu_derivative_at_zero", "a").build();
    String printed = AnalogNetworks.describe(p, init(p, 10, new Shape(1, 3, 32, 32)));
    List<String> lines = printed.lines().toList();
    assertEquals("placement: input-only (the vit model's own); chain acts: input image",
        lines.get(0));
    assertEquals("AnalogInput(image: clamp>RP(p=64)>noise(sigma=0.01158)) -> (3, 32, 32)",
        lines.get(1));
    assertEquals("Patches(4x4) -> (64, 48)", lines.get(2));
    List<String> linear = lines.stream().filter(l -> l.strip().startsWith("AnalogLinear")).toList();
    assertEquals(2 + 2 * 4, linear.size(), printed); // patch, head, and 4 per block
    assertTrue(linear.stream().allMatch(l -> l.contains("digital)")), printed);
    assertTrue(printed.contains("""
              AnalogLinear(512 -> 512; digital) -> (65, 512)
              Activation reglu-geglu(i=0.5) -> (65, 256)
              Dropout -> (65, 256)
              AnalogLinear(256 -> 512; digital) -> (65, 512)
        """), printed);
    assertTrue(printed.contains("AnalogLinear(512 -> 1536; no bias; digital) -> (65, 1536)"),
        printed);
  }

  /**
   * Batch norm normalizes with the batch and updates its running statistics in training, and
   * uses those statistics in evaluation, where the same input gives the same output (chain off).
   */
  @Test
  void batchNormTrainsOnBatchesAndEvaluatesOnRunningStatistics() {
    GridPoint p = point("resnet-18").set("analog_inputs", false).set("analog_weights", false)
        .build();
    SequentialBlock net = init(p, 10, new Shape(4, 3, 16, 16));
    NDArray runningMean = runningMean(net);
    float[] before = runningMean.toFloatArray();
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.randomUniform(0f, 1f, new Shape(4, 3, 16, 16));
      NDArray evalA = forward(net, x, false);
      forward(net, x, true);
      float[] after = runningMean.toFloatArray();
      assertFalse(java.util.Arrays.equals(before, after), "running mean moved in training");
      NDArray evalB = forward(net, x, false);
      assertArrayEquals(evalB.toFloatArray(), forward(net, x, false).toFloatArray(), 0f);
      assertArrayEquals(after, runningMean.toFloatArray(), 0f, "evaluation leaves it alone");
      assertNotEquals(evalA.getFloat(0, 0), evalB.getFloat(0, 0));
    }
  }

  private static NDArray runningMean(SequentialBlock net) {
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (p.getValue().getType() == Parameter.Type.RUNNING_MEAN) {
        return p.getValue().getArray();
      }
    }
    throw new AssertionError("no batch norm");
  }

  /** The chain stays on in evaluation: two evaluations of one image differ (noise). */
  @Test
  void noiseStaysOnInEvaluation() {
    for (String model : List.of("resnet-18", "vit")) {
      // the input chain is enough to show it, and quicker than 11M noisy weights
      GridPoint p = point(model).set("vit_depth", model.equals("vit") ? 1 : null)
          .set("analog_weights", false).build();
      SequentialBlock net = init(p, 10, new Shape(2, 3, 16, 16));
      try (NDManager m = manager.newSubManager()) {
        NDArray x = m.randomUniform(0f, 1f, new Shape(2, 3, 16, 16));
        assertFalse(java.util.Arrays.equals(forward(net, x, false).toFloatArray(),
            forward(net, x, false).toFloatArray()), model);
      }
    }
  }
}
