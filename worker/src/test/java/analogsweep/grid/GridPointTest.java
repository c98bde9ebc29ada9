package analogsweep.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridPointTest {
  static GridPoint.Builder base() {
    return GridPoint.builder().set("data_path", "/data/fmnist");
  }

  @Test
  void taskIdIsStableAndCoversEveryField() {
    GridPoint p = base().set("precision", 16).set("error_probability", 0.5).build();
    // Pinned: a change here means every stored result would be re-trained. Bump SCHEMA_VERSION
    // on purpose, never by accident.
    assertEquals("analogsweep.gridpoint.v1\nanalog_inputs=true\nanalog_outputs=true\n"
        + "analog_weights=true\nbatch_size=128\nconv_depth=0\ndata_path=/data/fmnist\n"
        + "early_stopping=true\nerror_probability=0.5\nfamily=relu-gelu\ngate_scale=1.0\n"
        + "grayscale=false\nhidden_sizes=256,128\ninterpolation=0.0\nleak=0.0\n"
        + "learning_rate=0.001\nlinear_depth=3\nmax_epochs=10\nmodel=linear\nprecision=16\n"
        + "rounding=deterministic\nseed=1\ntest_limit=0\ntime_budget_seconds=0\ntrain_limit=0\n",
        p.canonicalText());
    assertEquals(64, p.taskId().length());
    assertEquals(p.taskId(), base().set("error_probability", 0.5).set("precision", 16).build()
        .taskId());
    for (GridField f : GridField.values()) {
      assertTrue(p.canonicalText().contains("\n" + f.column() + "="), f.column());
    }
    assertNotEquals(p.taskId(), base().set("precision", 16).set("error_probability", 0.5)
        .set("seed", 2).build().taskId());
  }

  @Test
  void equivalentSpellingsGiveOneTaskId() {
    GridPoint a = base().set("interpolation", 0).set("error_probability", "none").build();
    GridPoint b = base().set("interpolation", -0.0).set("error_probability", 0).build();
    assertEquals(a.taskId(), b.taskId());
    assertEquals(base().set("hidden_sizes", "256, 128").build().taskId(),
        base().set("hidden_sizes", List.of(256, 128)).build().taskId());
  }

  @Test
  void convnetDerivesItsHiddenSizes() {
    GridPoint p = base().set("model", "convnet").set("conv_depth", 4).set("linear_depth", 2)
        .build();
    assertEquals(List.of(512), p.hiddenSizes());
    GridPoint lin = base().set("hidden_sizes", List.of(64)).build();
    assertEquals(2, lin.linearDepth());
    assertEquals(0, lin.convDepth());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "interpolation | 1.5 | interpolation: must be in [0, 1], found 1.5",
      "interpolation | -0.1 | interpolation: must be in [0, 1], found -0.1",
      "error_probability | 1.0 | error_probability: must be in [0, 1), found 1.0",
      "error_probability | -0.2 | error_probability: must be in [0, 1), found -0.2",
      "precision | 0 | precision: must be at least 1",
      "family | relu-tanh | family: unknown activation family 'relu-tanh'",
      "model | resnet | model: unknown model 'resnet'",
      "leak | 1 | leak: must be in [0, 1), found 1.0",
      "gate_scale | 0 | gate_scale: must be in (0, 100], found 0.0",
      "batch_size | 0 | batch_size: must be in [1, 2^20], found 0",
      "rounding | nearest | rounding: unknown rounding 'nearest'"})
  void badValuesNameFieldAndValue(String field, String value, String message) {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> base()
        .set("precision", 16).set(field, analogsweep.cli.Json.scalar(value)).build());
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(field, e.field());
  }

  @Test
  void wrongTypesAndInconsistentModelsAreRefused() {
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("interpolation", "half")).getMessage()
        .contains("expected a number, found the text \"half\""));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("seed", 1.5)).getMessage().contains("expected a whole number"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("error_probability", 0.5).build()).getMessage()
        .contains("set a precision"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("conv_depth", 7).set("model", "convnet").build()).getMessage()
        .contains("conv_depth: must be in [0, 6], found 7"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("conv_depth", 2).build()).getMessage()
        .contains("the linear model has no conv layers"));
    assertTrue(assertThrows(InvalidValueException.class,
        () -> base().set("colour", true)).getMessage().contains("unknown grid-point field"));
  }
}
