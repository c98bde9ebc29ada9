package analogsweep.driver.store;

import static analogsweep.driver.store.StoreFixtures.CONF;
import static analogsweep.driver.store.StoreFixtures.parquet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.InvalidValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stored file whose footer cannot be read is found and named, with the remedy. */
class DamageScanTest {
  @TempDir
  Path dir;

  @Test
  void aTruncatedFileIsFoundAndNamed() throws Exception {
    parquet(dir.resolve("runs/wave=1"), "a");
    parquet(dir.resolve("epochs/wave=1"), "a");
    Path cut = parquet(dir.resolve("runs/wave=2"), "b");
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    parquet(dir.resolve("runs/wave=3"), "c");
    Path junk = dir.resolve("epochs/wave=3/part-00000-x.parquet");
    Files.createDirectories(junk.getParent());
    Files.writeString(junk, "not parquet at all");
    OutputFolder folder = StoreFixtures.folder(dir);

    List<OutputFolder.Damage> damage = folder.damage(CONF);

    assertEquals(List.of("runs 2", "epochs 3"), damage.stream()
        .map(d -> d.dataset() + " " + d.wave()).toList());
    assertTrue(damage.get(0).file().endsWith(cut.toString()), damage.get(0).file());
    assertTrue(damage.get(0).reason().length() <= 163, damage.get(0).reason());
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> folder.requireUndamaged(CONF, "run again with --repair"));
    assertTrue(e.getMessage().startsWith(damage.get(0).file() + ": damaged result file ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; 2 damaged files in 2 wave(s); run again with --repair"),
        e.getMessage());
  }

  @Test
  void aResultFileDeletedByHandIsNamedButAHalfCommittedWaveIsNot() throws Exception {
    parquet(dir.resolve("runs/wave=1"), "a");
    parquet(dir.resolve("epochs/wave=1"), "a");
    Files.createDirectories(dir.resolve("runs/wave=2")); // its file deleted
    parquet(dir.resolve("epochs/wave=2"), "b");
    parquet(dir.resolve("epochs/wave=3"), "c"); // its runs folder deleted
    parquet(dir.resolve("epochs/wave=4"), "d"); // its runs still staged: the next run's repair
    parquet(dir.resolve("_staging/wave=4/runs"), "d");
    // epochs without rows, whose runs went to superseded/ with its only (FAILED) task: not damage
    Files.createDirectories(dir.resolve("epochs/wave=5"));
    ParquetFiles.write(ResultSchema.EPOCHS, List.of(), new org.apache.hadoop.fs.Path(
        dir.resolve("epochs/wave=5").toString()), CONF);
    OutputFolder folder = StoreFixtures.folder(dir);

    List<OutputFolder.Damage> damage = folder.damage(CONF);

    assertEquals(List.of("runs 3", "runs 2"), damage.stream()
        .map(d -> d.dataset() + " " + d.wave()).toList());
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> folder.requireUndamaged(CONF, "run again with --repair"));
    assertTrue(e.getMessage().startsWith(dir.resolve("runs/wave=3") + ": its result file is "
        + "missing (deleted?) (epochs of the wave are in " + dir.resolve("epochs/wave=3") + ")"),
        e.getMessage());
  }

  @Test
  void anIntactFolderPasses() throws Exception {
    parquet(dir.resolve("runs/wave=1"), "a");
    parquet(dir.resolve("maps/wave=1"), "a");
    OutputFolder folder = StoreFixtures.folder(dir);
    assertEquals(List.of(), folder.damage(CONF));
    folder.requireUndamaged(CONF, "unused");
  }
}
