package analogsweep.driver.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import analogsweep.grid.GridPoint;
import analogsweep.common.InvalidValueException;
import analogsweep.train.TrainingJob;
import org.junit.jupiter.api.Test;

/** The --synthetic hook: its value checked where it is read, its wait from the epoch limit. */
class SyntheticTasksTest {
  @Test
  void parsesSecondsPerEpochAndWaitsThemForEveryPlannedEpoch() {
    SyntheticTasks s = SyntheticTasks.parse("0.25");
    assertEquals(0.25, s.secondsPerEpoch(), 0.0);
    GridPoint p = GridPoint.builder().set("data_path", "(synthetic)").set("max_epochs", 6).build();
    assertEquals(1.5, s.seconds(TrainingJob.of(p)), 1e-12);
  }

  @Test
  void rejectsWhatIsNotSecondsInRange() {
    assertEquals("--synthetic: expected seconds per epoch, found \"fast\"",
        assertThrows(InvalidValueException.class, () -> SyntheticTasks.parse("fast"))
            .getMessage());
    assertEquals("--synthetic: expected seconds per epoch in (0, 3600], found 0.0",
        assertThrows(InvalidValueException.class, () -> SyntheticTasks.parse("0")).getMessage());
    assertEquals("--synthetic: expected seconds per epoch in (0, 3600], found 3600.5",
        assertThrows(InvalidValueException.class, () -> new SyntheticTasks(3600.5))
            .getMessage());
    assertEquals("--synthetic: expected seconds per epoch in (0, 3600], found NaN",
        assertThrows(InvalidValueException.class, () -> SyntheticTasks.parse("NaN"))
            .getMessage());
    assertEquals(3600, new SyntheticTasks(3600).secondsPerEpoch(), 0.0);
  }
}
