package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import analogsweep.common.InvalidValueException;
import analogsweep.data.TestData;
import analogsweep.grid.GridPoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTest {
  @TempDir
  Path tmp;

  static GridPoint.Builder point(String data) {
    return GridPoint.builder().set("data_path", data).set("max_epochs", 1).set("batch_size", 50)
        .set("hidden_sizes", List.of(16)).set("precision", 8).set("error_probability", 0.3);
  }

  /** Points that differ in data, network, training settings, family, noise or placement cannot pack. */
  @Test
  void onlyPointsOfOneArchitectureShareAJob() {
    GridPoint a = point("/d").build();
    new TrainingJob(List.of(a, point("/d").set("interpolation", 1).set("gate_scale", 2)
        .set("seed", 2).set("error_probability", 0.7).build()));
    for (GridPoint other : List.of(point("/e").build(), point("/d").set("hidden_sizes",
        List.of(8)).build(), point("/d").set("batch_size", 10).build(),
        point("/d").set("family", "reglu-geglu").build(), point("/d").set("noise", "laplace")
            .build(), point("/d").set("learning_rate", 0.01).build(), point("/d")
            .set("placement", "before-layers").build(), point("/d").set("precision", "none")
            .set("error_probability", 0).build())) {
      assertThrows(InvalidValueException.class, () -> new TrainingJob(List.of(a, other)));
    }
    assertThrows(IllegalArgumentException.class, () -> new TrainingJob(List.of()));
  }

  /**
   * Settings the packed trainer does not implement keep their points out of packs even when
   * every point shares them: each such point trains alone, and the runner groups none of them.
   */
  @Test
  void trainingSettingsOfTheOnePointTrainerDoNotPack() {
    List<GridPoint.Builder> plainOnly = List.of(point("/d").set("weight_decay", 1e-4),
        point("/d").set("learning_rate_schedule", "cosine"),
        point("/d").set("augmentation", "crop-flip"),
        point("/d").set("normalization", "per-channel"),
        GridPoint.builder().set("data_path", "/d").set("model", "vit").set("precision", 8));
    for (GridPoint.Builder b : plainOnly) {
      GridPoint a = b.build();
      GridPoint c = b.set("seed", 2).build();
      assertEquals(null, TrainingJob.packKey(a), a.toString());
      assertThrows(InvalidValueException.class, () -> new TrainingJob(List.of(a, c)));
      assertEquals(1, TrainingJob.of(a).size());
    }
    // seed and EP vary within a pack: such points share the key, and a job
    String key = TrainingJob.packKey(point("/d").build());
    assertEquals(key, TrainingJob.packKey(point("/d").set("seed", 2)
        .set("error_probability", 0.6).build()));
    assertEquals(2, new TrainingJob(List.of(point("/d").build(), point("/d").set("seed", 2)
        .set("error_probability", 0.6).build())).size());
    assertTrue(key.endsWith("|false"), key);
  }
}
