package analogsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** manifest.json: written and read back whole, found after a crash, refused when not ours. */
class ManifestFileTest {
  @TempDir
  Path dir;

  private final Sweep sweep = StoreFixtures.sweep("tiny");

  private ManifestFile manifests() {
    return new ManifestFile(new FolderLayout(dir.toString(), StoreFixtures.CONF));
  }

  private static Manifest withSessions(Sweep sweep) {
    return Manifest.create(sweep)
        .withSession(Manifest.Session.started("0.3.0", "local[2]", "4.0.1", 2, 2, 0)
            .finished(1, 0, 2, 2, 0, 0, 0))
        .withSession(Manifest.Session.started("0.3.0", "local[2]", "4.0.1", 2, 2, 2));
  }

  @Test
  void aManifestReadsBackAsWritten() throws Exception {
    Manifest written = withSessions(sweep);
    manifests().write(written, sweep);

    assertEquals(written, manifests().read());
    assertEquals(sweep.text(), Files.readString(dir.resolve("sweep.yaml")));
    String json = Files.readString(dir.resolve("manifest.json"));
    assertTrue(json.contains("\"format\":\"analogsweep.output.v2\"")
        || json.contains("\"format\" : \"analogsweep.output.v2\""), json);
    assertTrue(json.contains("planned_tasks") && json.contains("done_at_start"), json);
    assertFalse(json.contains("task_failures\" : null") || json.contains("task_failures\":null"),
        "counts not yet known are left out: " + json);
    assertTrue(json.endsWith("\n"));
    assertEquals(List.of("manifest.json", "sweep.yaml"), StoreFixtures.names(dir),
        "no temporary copy and no checksum is left beside them");
    assertEquals(sweep.name(), manifests().storedSweep().name());
  }

  /**
   * A new folder records today's recipe and revision; a manifest without a revision (written
   * before revisions) reads as revision 1; one of a revision this version does not know is named
   * in one line.
   */
  @Test
  void theRecipeRevisionIsRecordedAndAnUnknownOneRefused() throws Exception {
    manifests().write(Manifest.create(sweep), sweep);
    assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"recipe_revision\" : "
        + FolderRecipe.CURRENT_REVISION), Files.readString(dir.resolve("manifest.json")));
    assertEquals(FolderRecipe.current(), manifests().recipe());

    Manifest m = manifests().read();
    Manifest before = new Manifest(m.format(), m.sweep(), m.kind(), m.createdAt(),
        m.fingerprint(), m.plannedTasks(), m.sweepFile(), m.sessions(), "authors");
    manifests().write(before, sweep);
    assertFalse(Files.readString(dir.resolve("manifest.json")).contains("recipe_revision"));
    assertEquals(new FolderRecipe(Recipe.AUTHORS, 1), manifests().recipe());

    Files.writeString(dir.resolve("manifest.json"), Files.readString(dir.resolve(
        "manifest.json")).replace("\"recipe\" : \"authors\"",
        "\"recipe\" : \"authors\", \"recipe_revision\" : 9"));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> manifests().recipe());
    assertEquals("manifest.json: recipe_revision: expected 1 to " + FolderRecipe.CURRENT_REVISION
        + " (this version's), found 9; a newer analogsweep wrote this folder", e.getMessage());
  }

  @Test
  void aManifestLostBeforeItsRenameIsReadFromItsCompleteCopy() throws Exception {
    Manifest written = withSessions(sweep);
    manifests().write(written, sweep);
    Files.move(dir.resolve("manifest.json"), dir.resolve(".manifest.json.tmp"));
    assertEquals(written, manifests().read());

    Files.writeString(dir.resolve(".manifest.json.tmp"), "{\"sweep\": \"ti");
    assertNull(manifests().read(), "a copy cut short counts as none");
  }

  @Test
  void anUnreadableManifestIsNamedThenRebuiltAndSetAsideWithRepair() throws Exception {
    manifests().write(Manifest.create(sweep), sweep);
    Files.writeString(dir.resolve("manifest.json"), "{\"format\": ");
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> manifests().check(sweep, false, false));
    assertTrue(e.getMessage().startsWith(new org.apache.hadoop.fs.Path(dir.toString(),
        "manifest.json") + ": unreadable manifest ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("run again with --repair to set it aside and rebuild it "
        + "from sweep.yaml and the stored results"), e.getMessage());

    Manifest rebuilt = manifests().check(sweep, false, true);
    assertEquals(Manifest.FORMAT_V1, rebuilt.format(), "a rebuilt folder may hold any layout");
    assertEquals(sweep.fingerprint(), rebuilt.fingerprint());
    assertEquals(List.of(), rebuilt.sessions());

    manifests().setAside();
    assertFalse(Files.exists(dir.resolve("manifest.json")));
    List<String> aside = StoreFixtures.names(dir.resolve("damaged"));
    assertEquals(1, aside.size());
    assertTrue(aside.get(0).startsWith("manifest.json."), aside.toString());
  }

  @Test
  void aFolderOfAnotherSweepOrGridIsRefused() throws Exception {
    manifests().write(Manifest.create(sweep), sweep);
    assertEquals(sweep.fingerprint(), manifests().check(sweep, false, false).fingerprint());

    Sweep other = StoreFixtures.sweep("other");
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> manifests().check(other, false, false));
    assertEquals("--out: " + dir + " holds the results of sweep 'tiny', not 'other'; choose "
        + "another --out", e.getMessage());

    Sweep edited = SweepFile.parse("name: tiny\ndata:\n  path: /data/x\n"
        + "seeds: [1, 2]\ngrid:\n  interpolation: [0, 1]\n", "tiny.yaml");
    e = assertThrows(InvalidValueException.class, () -> manifests().check(edited, false, false));
    assertTrue(e.getMessage().contains("with another grid (2 planned tasks"), e.getMessage());
    assertEquals(sweep.fingerprint(), manifests().check(edited, true, false).fingerprint(),
        "--extend takes the folder as it is");
  }

  @Test
  void aFolderThatHoldsSomethingElseIsRefusedAndAnEmptyOneIsNew() throws Exception {
    assertNull(manifests().check(sweep, false, false), "an empty folder is new");
    Files.writeString(dir.resolve("_lock"), "{}");
    assertNull(manifests().check(sweep, false, false), "what a driver left in its first moments");
    Files.writeString(dir.resolve("notes.txt"), "mine");
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> manifests().check(sweep, false, false));
    assertTrue(e.getMessage().contains("is not empty and holds no manifest.json"));
  }
}
