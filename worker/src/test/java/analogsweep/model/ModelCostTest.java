package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import analogsweep.EngineTest;
import analogsweep.grid.GridPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every architecture's parameter count, worked out without building the network, against the
 * hand-counted values of {@link ArchitecturesTest} and {@link AnalogNetworksTest}, and against the
 * built network's own count on other shapes, families and options.
 */
class ModelCostTest extends EngineTest {

  static GridPoint point(String model, String option, Object value, String family) {
    GridPoint.Builder b = GridPoint.builder().set("data_path", "/unused").set("model", model)
        .set("family", family);
    if (!option.isEmpty()) {
      b.set(option, value);
    }
    return b.build();
  }

  static long counted(GridPoint p, int channels, int side, int classes) {
    return ModelSize.parameters(p, channels, side, side, classes);
  }

  /**
   * Linear [256, 128] on 28x28x1, 10 classes: 784*256+256 + 256*128+128 + 128*10+10 = 235,146;
   * the paper's ConvNet on 32x32x3: 1,172,410 (its Javadoc); VGG-A 129,176,036 and ResNet-18
   * 11,220,132 on 32x32x3 with 100 classes; the ViT of depth 1 on 32x32x3: 1,641,482 (gated
   * 1,510,410), of depth 6: 9,523,722 (ArchitecturesTest).
   */
  @ParameterizedTest
  @CsvSource({
      "linear, '', 0, relu-gelu, 1, 28, 10, 235146",
      "convnet, '', 0, relu-gelu, 3, 32, 10, 1172410",
      "vgg-a, '', 0, relu-gelu, 3, 32, 100, 129176036",
      "resnet-18, resnet_stem, cifar, relu-gelu, 3, 32, 100, 11220132",
      "resnet-18, resnet_stem, imagenet-pipeline, relu-gelu, 3, 32, 100, 11227812",
      "vit, vit_depth, 1, relu-gelu, 3, 32, 10, 1641482",
      "vit, vit_depth, 1, reglu-geglu, 3, 32, 10, 1510410",
      "vit, vit_depth, 6, relu-silu, 3, 32, 10, 9523722"})
  void everyModelHasItsHandCountedSizeBeforeTraining(String model, String option, String value,
      String family, int channels, int side, int classes, long parameters) {
    Object v = value.matches("\\d+") ? (Object) Integer.valueOf(value) : value;
    assertEquals(parameters, counted(point(model, option, v, family), channels, side,
        classes));
  }

  /** The count without building equals the built network's, for other shapes and options. */
  @ParameterizedTest
  @CsvSource({
      "linear, hidden_sizes, 64, reglu-geglu, 3, 32, 100",
      "convnet, conv_depth, 3, reglu-geglu, 1, 28, 10",
      "convnet, linear_depth, 1, relu-silu, 3, 32, 100",
      "vgg-a, '', 0, relu-gelu, 1, 28, 10",
      "resnet-18, '', 0, relu-silu, 1, 28, 10",
      "resnet-18, resnet_stem, imagenet, relu-gelu, 3, 32, 100",
      "vit, vit_depth, 2, reglu-geglu, 1, 28, 10"})
  void theCountWithoutBuildingIsTheBuiltNetworksCount(String model, String option,
      String value, String family, int channels, int side, int classes) {
    Object v = value.matches("\\d+") ? (Object) Integer.valueOf(value) : value;
    GridPoint p = point(model, option, v, family);
    SequentialBlock net = AnalogNetworks.build(p, classes);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, channels, side, side));
    assertEquals(AnalogNetworks.parameterCount(net), counted(p, channels, side, classes));
  }
}
