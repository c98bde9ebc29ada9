package analogsweep.driver.store;

import static analogsweep.driver.store.StoreFixtures.names;
import static analogsweep.driver.store.StoreFixtures.parquet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wave goes into place whole, and whatever a driver left half-done is undone or finished on
 * the next start: a half-committed wave loses its epochs, a staged rewrite is carried through,
 * and damaged waves are set aside.
 */
class WaveCommitTest {
  @TempDir
  Path dir;

  private void stage(int wave, String... datasets) throws Exception {
    for (String dataset : datasets) {
      Path staged = dir.resolve("_staging").resolve("wave=" + wave).resolve(dataset);
      Path file = parquet(staged, dataset + "-" + wave);
      Files.writeString(staged.resolve("_SUCCESS"), "");
      Files.writeString(staged.resolve("." + file.getFileName() + ".crc"), "x");
    }
  }

  @Test
  void aStagedWaveIsMovedIntoPlaceWithoutBookkeepingFiles() throws Exception {
    stage(3, "epochs", "runs");
    StoreFixtures.folder(dir).commit(3, "epochs", "runs");

    for (String dataset : List.of("epochs", "runs")) {
      List<String> files = names(dir.resolve(dataset).resolve("wave=3"));
      assertEquals(1, files.size(), files.toString());
      assertTrue(files.get(0).startsWith("part-") && files.get(0).endsWith(".parquet"));
    }
    assertFalse(Files.exists(dir.resolve("_staging")), "an empty staging area goes");
    assertEquals(List.of(3), List.copyOf(StoreFixtures.folder(dir).waves("runs")));
  }

  @Test
  void aHalfCommittedWaveLosesItsEpochsAndTheStagingAreaGoes() throws Exception {
    stage(1, "epochs", "runs");
    OutputFolder folder = StoreFixtures.folder(dir);
    folder.commit(1, "epochs", "runs");
    // the driver died between the two renames of wave 2, with wave 3 still staged
    stage(2, "epochs", "runs");
    Files.createDirectories(dir.resolve("epochs"));
    Files.move(dir.resolve("_staging/wave=2/epochs"), dir.resolve("epochs/wave=2"));
    stage(3, "epochs");
    Files.createDirectories(dir.resolve("runs/wave=5")); // a wave whose file was deleted by hand

    List<String> removed = folder.repair();

    assertEquals(List.of(dir.resolve("_staging").toString(), dir.resolve("epochs/wave=2")
        .toString()), removed.stream().map(p -> p.replaceFirst("^file:", "")).toList());
    assertEquals(List.of("epochs", "runs"), names(dir));
    assertEquals(List.of("wave=1"), names(dir.resolve("epochs")));
    // the wave emptied by hand is not repair's to remove: damage names it, --repair sets it aside
    assertEquals(List.of("wave=1", "wave=5"), names(dir.resolve("runs")));
    assertEquals(List.of(), folder.repair(), "a repaired folder needs nothing more");
  }

  @Test
  void aCompletelyStagedRewriteIsCarriedThrough() throws Exception {
    Path wave = dir.resolve("runs/wave=4");
    Path old = parquet(wave, "a");
    Path area = dir.resolve("_staging/rewrite/runs/wave=4");
    Path kept = parquet(area.resolve("kept"), "b");
    Path leaving = parquet(area.resolve("superseded"), "a-failed");
    Path epochWave = dir.resolve("epochs/wave=4");
    parquet(epochWave, "a");
    Files.createDirectories(dir.resolve("_staging/rewrite/epochs/wave=4/kept"));
    Files.writeString(dir.resolve("_staging/rewrite/epochs/wave=4/kept/_EMPTY"), "");
    parquet(dir.resolve("_staging/rewrite/epochs/wave=4/superseded"), "a-failed");

    List<String> done = StoreFixtures.folder(dir).repair();

    assertTrue(done.get(0).startsWith("finished moving superseded rows: "), done.toString());
    assertEquals(List.of(kept.getFileName().toString()), names(wave), "the old file is replaced");
    assertFalse(Files.exists(old));
    List<String> superseded = names(dir.resolve("superseded/runs/wave=4"));
    assertEquals(1, superseded.size());
    assertTrue(superseded.get(0).endsWith("-" + leaving.getFileName()), superseded.toString());
    assertEquals(1, names(dir.resolve("superseded/epochs/wave=4")).size());
    assertFalse(Files.exists(epochWave), "a wave that keeps no row goes");
    assertFalse(Files.exists(dir.resolve("_staging")));
  }

  @Test
  void damagedWavesAreSetAsideWithAllTheirDatasets() throws Exception {
    parquet(dir.resolve("runs/wave=1"), "a");
    parquet(dir.resolve("epochs/wave=1"), "a");
    parquet(dir.resolve("runs/wave=2"), "b");
    Files.createDirectories(dir.resolve("damaged/runs/wave=1")); // set aside once before

    List<String> moved = StoreFixtures.folder(dir).setAside(List.of(1));

    assertEquals(2, moved.size(), moved.toString());
    assertEquals(List.of("wave=2"), names(dir.resolve("runs")));
    assertEquals(List.of(), names(dir.resolve("epochs")));
    List<String> runsAside = names(dir.resolve("damaged/runs"));
    assertEquals(2, runsAside.size(), "an earlier one is kept: " + runsAside);
    assertTrue(runsAside.get(1).startsWith("wave=1."), runsAside.toString());
    assertEquals(List.of("wave=1"), names(dir.resolve("damaged/epochs")));
  }
}
