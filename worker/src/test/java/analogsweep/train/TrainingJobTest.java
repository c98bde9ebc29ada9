package analogsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import analogsweep.data.TestData;
import analogsweep.grid.GridPoint;
import analogsweep.grid.InvalidValueException;
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

  /** Points that differ in data, network, widths or batches cannot share one model. */
  @Test
  void onlyPointsOfOneArchitectureShareAJob() {
    GridPoint a = point("/d").build();
    new TrainingJob(List.of(a, point("/d").set("interpolation", 1).set("noise", "uniform")
        .set("seed", 2).set("error_probability", 0.7).build()));
    for (GridPoint other : List.of(point("/e").build(), point("/d").set("hidden_sizes",
        List.of(8)).build(), point("/d").set("batch_size", 10).build(),
        point("/d").set("family", "reglu-geglu").build())) {
      assertThrows(InvalidValueException.class, () -> new TrainingJob(List.of(a, other)));
    }
    assertThrows(IllegalArgumentException.class, () -> new TrainingJob(List.of()));
  }

  /** A job returns one result per point, each as the point trained alone would give. */
  @Test
  void aJobGivesOneResultPerPointAsAlone() throws Exception {
    Path dir = TestData.writeIdx(tmp.resolve("idx"), 300, 100, 12, 12, true);
    GridPoint a = point(dir.toString()).build();
    GridPoint b = point(dir.toString()).set("interpolation", 1).set("seed", 3).build();
    List<TaskResult> results = GridPointTrainer.train(new TrainingJob(List.of(a, b)),
        Device.cpu(), 1);
    assertEquals(2, results.size());
    assertEquals(a.taskId(), results.get(0).taskId());
    assertEquals(b.taskId(), results.get(1).taskId());
    TaskResult alone = GridPointTrainer.train(b, Device.cpu(), 1);
    assertEquals(alone.epochRows().get(0).trainLoss(), results.get(1).epochRows().get(0)
        .trainLoss(), 0.0);
    assertTrue(results.stream().allMatch(r -> r.status() == Status.OK));
  }
}
