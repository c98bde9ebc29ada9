package analogsweep.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import analogsweep.common.InvalidValueException;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale benchmark's sweep file, its reading of GC logs and its settings (no timing). */
class ScaleBenchTest {
  /** N points with N distinct task ids, one epoch each, the grid's four settings per seed. */
  @Test
  void sweepFileOfNPoints() {
    Sweep sweep = SweepFile.parse(ScaleBench.sweepText(1000, "/data"), "scale.yaml", List.of());
    assertEquals(1000, sweep.size());
    assertEquals(1000, new HashSet<>(sweep.taskIds()).size());
    assertEquals("scale-1000", sweep.name());
    assertEquals(1, sweep.points().get(0).training().maxEpochs());
    assertEquals(250, sweep.points().stream().mapToLong(p -> p.seed()).distinct().count());
  }

  /** Peaks over a G1 log: used before a collection, live after one, committed. */
  @Test
  void heapPeaksFromAGcLog() {
    Map<String, Object> heap = ScaleBench.heap(List.of(
        "[0.512s][info][gc] Using G1",
        "[3.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 51M->9M(260M) 8.1ms",
        "[9.870s][info][gc] GC(1) Pause Young (Concurrent Start) 336M->43M(585M) 86.133ms",
        "[9.871s][info][gc] GC(2) Concurrent Undo Cycle",
        "[20.00s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 300M->60M(512M) 9ms"));
    assertEquals(Map.of("peak_used_mb", 336L, "peak_live_mb", 60L, "peak_committed_mb", 585L,
        "collections", 3), heap);
  }

  /**
   * Points not a multiple of 4 or too few, slots or packs out of range, a cluster without the
   * application jar: one line naming it.
   */
  @Test
  void settingsRefuseBadInput() {
    Path dir = Path.of("unused");
    assertEquals("--scale", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(1001, 8, 0.02, "1g", dir, "/data", 1, null)).field());
    assertEquals("--scale", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(0, 8, 0.02, "1g", dir, "/data", 1, null)).field());
    assertEquals("--scale-slots", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(1000, 0, 0.02, "1g", dir, "/data", 1, null)).field());
    assertEquals("--synthetic", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(1000, 8, 0, "1g", dir, "/data", 1, null)).field());
    assertEquals("--scale-pack", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(1000, 8, 0.02, "1g", dir, "/data", 0, null)).field());
    // a cluster's executors need the application jar
    assertEquals("--scale-jar", assertThrows(InvalidValueException.class, () ->
        new ScaleBench.Settings(1000, 8, 0.02, "1g", dir, "/data", 1, null,
            "spark://127.0.0.1:7077", null)).field());
    assertEquals("local[8]", new ScaleBench.Settings(1000, 8, 0.02, "1g", dir, "/data", 1, null)
        .sparkMaster());
  }
}
