package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import analogsweep.EngineTest;
import analogsweep.grid.FieldRange;
import analogsweep.grid.GridField;
import analogsweep.grid.GridPoint;
import analogsweep.common.InvalidValueException;
import analogsweep.train.GridPointTrainer;
import analogsweep.train.Status;
import analogsweep.train.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model added as one file ({@link ToyModel}) and one registration line: the grid parses it with
 * its own defaults, help lists it, its size is known before training, and it trains through the
 * one-point trainer. The registration ends with each test, so other tests see the five models.
 */
class ToyModelTest extends EngineTest {
  static final String FASHION = "/usr/share/datasets/fashion-mnist";

  private Architectures.Registration toy;

  @BeforeEach
  void register() {
    toy = Architectures.register(new ToyModel());
  }

  @AfterEach
  void unregister() {
    toy.close();
  }

  static GridPoint.Builder toyPoint() {
    return GridPoint.builder().set("data_path", FASHION).set("model", ToyModel.ID);
  }

  @Test
  void theGridKnowsTheToyByItsArchitecture() {
    GridPoint p = toyPoint().build();
    assertEquals(List.of(32), p.model().hiddenSizes());
    assertEquals(2, p.model().linearDepth());
    assertEquals(64, p.training().batchSize(), "the toy's own batch size");
    assertEquals(128, toyPoint().set("model", "linear").build().training().batchSize());
    assertEquals("before each weight layer, weights and biases", p.chainSites().describe());
    assertTrue(GridField.MODEL.description().endsWith("resnet-18, vit or toy"),
        GridField.MODEL.description());
    assertTrue(FieldRange.values(GridField.MODEL).contains("toy"));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> toyPoint().set("vit_depth", 2).build());
    assertEquals("vit_depth: applies to model vit only (model is toy); leave it out, found 2",
        e.getMessage());
    assertThrows(InvalidValueException.class,
        () -> toyPoint().set("hidden_sizes", List.of(8, 8)).build());
  }

  /** 784*32+32 + 32*10+10 = 25,450 on 28x28x1, before and after building. */
  @Test
  void itsSizeIsKnownBeforeTraining() {
    GridPoint p = toyPoint().build();
    assertEquals(25_450L, ModelSize.parameters(p, 1, 28, 28, 10));
    SequentialBlock net = AnalogNetworks.build(p, 10);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
    assertEquals(25_450L, AnalogNetworks.parameterCount(net));
    assertThrows(InvalidValueException.class, () -> ModelSize.check(p, 1, 28, 28, 10, 25_449));
  }

  @Test
  void itTrainsThroughTheOnePointTrainer() {
    assumeTrue(Files.isDirectory(Path.of(FASHION)), "dataset-fashion-mnist is not installed");
    // 2,000 images: at 500 (8 updates) the accuracy under this noise averages 0.25 over seeds,
    // too close to any bound above chance for one seed to clear it
    GridPoint p = toyPoint().set("train_limit", 2000).set("test_limit", 200)
        .set("max_epochs", 1).set("precision", 16).set("error_probability", 0.5).build();
    TaskResult r = GridPointTrainer.train(p, Device.cpu(), 1);
    assertEquals(Status.OK, r.status(), r.message());
    assertEquals(1, r.epochs());
    System.out.printf("toy model, 2,000 images, EP 0.5: accuracy %.3f%n", r.maxTestAccuracy());
    assertTrue(r.maxTestAccuracy() > 0.3, "above chance (0.1): " + r.maxTestAccuracy());
  }

  @Test
  void closingTheRegistrationTakesItOut() {
    toy.close();
    assertFalse(FieldRange.values(GridField.MODEL).contains("toy"));
    assertThrows(InvalidValueException.class, () -> toyPoint().build());
    toy = Architectures.register(new ToyModel()); // for unregister
  }
}
