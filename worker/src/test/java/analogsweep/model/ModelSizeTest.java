package analogsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.grid.GridPoint;
import analogsweep.common.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The size check applies to every model: VGG-A's count is known, and refused over a limit. */
class ModelSizeTest {
  static GridPoint point(String model) {
    return GridPoint.builder().set("data_path", "/unused").set("model", model).build();
  }

  @Test
  void vggAIsRefusedWhereTheLimitIsBelowItsCount() {
    GridPoint vgg = point("vgg-a");
    assertEquals(129_176_036L, ModelSize.parameters(vgg, 3, 32, 32, 100));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> ModelSize.check(vgg, 3, 32, 32, 100, 100_000_000L));
    assertEquals("model", e.field());
    assertTrue(e.getMessage().contains("the vgg-a model on 32x32x3 images has 129,176,036 "
        + "parameters, more than the 100,000,000 a task may train"), e.getMessage());
    // the default limit holds the paper's largest network (sweeps/paper-vgg-a-cifar100.yaml)
    ModelSize.check(vgg, 3, 32, 32, 100);
    ModelSize.check(vgg, 3, 32, 32, 100, 129_176_036L);
  }

  @Test
  void aLinearModelTooLargeForAnyExecutorIsRefusedNamingItsOptions() {
    GridPoint big = GridPoint.builder().set("data_path", "/unused")
        .set("hidden_sizes", List.of(65536, 65536)).build();
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> ModelSize.check(big, 1, 28, 28, 10));
    assertTrue(e.getMessage().contains("the linear model with hidden_sizes [65536, 65536] on "
        + "28x28x1 images has 4,347,133,962 parameters"), e.getMessage());
  }

  @Test
  void everyRegisteredModelHasACount() {
    for (Architecture a : Architectures.all()) {
      assertTrue(ModelSize.parameters(point(a.id()), 3, 32, 32, 10) > 0, a.id());
    }
  }
}
