package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import analogsweep.common.Json;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.GridField;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import analogsweep.sweep.SweepFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.MessageType;

/**
 * The folder's {@code manifest.json} (a {@link Manifest}) and the copy of the sweep file beside
 * it: reading it (from its temporary copy where a driver died between the write and the rename),
 * deciding whether the folder may be used for a sweep, rebuilding a lost one, setting an
 * unreadable one aside, and writing it.
 */
public final class ManifestFile {
  private final FolderLayout layout;
  /** What the last {@link #check} rebuilt a lost or unreadable manifest from; null if nothing. */
  private String rebuiltFrom;

  public ManifestFile(FolderLayout layout) {
    this.layout = layout;
  }

  /**
   * The manifest, or null where there is none. A manifest lost between the write of its
   * temporary copy and the rename (the only moment {@link #write} leaves none) is read from that
   * copy, which is complete by then.
   */
  public Manifest read() throws IOException {
    FileSystem fs = layout.fs();
    Path m = layout.manifestFile();
    if (!fs.exists(m)) {
      Path tmp = layout.manifestCopy();
      if (fs.exists(tmp)) {
        try {
          return read(tmp);
        } catch (InvalidValueException | IOException e) {
          return null; // a copy cut short: as if there were none
        }
      }
      return null;
    }
    return read(m);
  }

  private Manifest read(Path m) throws IOException {
    try (InputStream in = layout.fs().open(m)) {
      Manifest manifest = Json.JSON.readValue(in, Manifest.class);
      if (manifest == null || manifest.sweep() == null) {
        throw damaged(m, "no sweep name");
      }
      return manifest;
    } catch (JsonProcessingException e) {
      throw damaged(m, e.getOriginalMessage().replaceAll("\\s+", " "));
    }
  }

  private static InvalidValueException damaged(Path m, String why) {
    return new InvalidValueException(m.toString(), "unreadable manifest (" + why + "); run "
        + "again with --repair to set it aside and rebuild it from sweep.yaml and the stored "
        + "results");
  }

  /**
   * The design {@code run --until-decided} recorded in the folder's manifest; null where there is
   * none, or no readable manifest ({@link #check} says what is wrong with it).
   */
  public Manifest.Sequential sequential() throws IOException {
    try {
      Manifest m = layout.exists() ? read() : null;
      return m == null ? null : m.sequential();
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /** Whether the folder holds {@code sweep}'s grid with seeds added by run --until-decided. */
  public boolean addsSeedsTo(Sweep sweep) throws IOException {
    Manifest.Sequential s = sequential();
    return s != null && sweep.fingerprint().equals(s.baseFingerprint());
  }

  /**
   * Refuses a folder that belongs to another sweep, or that holds anything but a sweep's output.
   * Returns the manifest (null for a new or empty folder): the stored one, or one rebuilt where
   * it was lost; with {@code repair}, an unreadable manifest, or one lost with no copy of the
   * sweep file beside the results, is rebuilt for {@code sweep} (the caller writes it, and
   * {@link #setAside} keeps the unreadable one). Writes nothing.
   */
  public Manifest check(Sweep sweep, boolean extend, boolean repair) throws IOException {
    if (!layout.exists()) {
      refuseParentFile();
      return null;
    }
    FileSystem fs = layout.fs();
    Path root = layout.root();
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new InvalidValueException("--out", root + " is a file, not a folder");
    }
    Manifest manifest;
    try {
      manifest = read();
    } catch (InvalidValueException e) {
      if (!repair) {
        throw e;
      }
      manifest = rebuild(sweep, true);
    }
    if (manifest == null) {
      for (FileStatus s : fs.listStatus(root)) {
        if (!FolderLayout.ours(s.getPath().getName())) {
          throw new InvalidValueException("--out", root + " is not empty and holds no "
              + "manifest.json: it is not an analogsweep output folder; choose another --out");
        }
      }
      if (!layout.hasResults()) {
        return null; // only what a driver stopped in its first moments left: a new folder
      }
      manifest = rebuild(sweep, repair);
    }
    refuseOtherSweep(manifest, sweep, extend);
    return manifest;
  }

  /** A folder that does not exist yet under a regular file: mkdirs would fail later. */
  private void refuseParentFile() throws IOException {
    FileSystem fs = layout.fs();
    for (Path p = layout.root().getParent(); p != null; p = p.getParent()) {
      if (fs.exists(p)) {
        if (!fs.getFileStatus(p).isDirectory()) {
          throw layout.underFile(); // mkdirs would fail later, with a stack trace
        }
        break;
      }
    }
  }

  private void refuseOtherSweep(Manifest manifest, Sweep sweep, boolean extend) {
    Path root = layout.root();
    String name = manifest.sweep();
    if (!name.equals(sweep.name())) {
      throw new InvalidValueException("--out", root + " holds the results of sweep '" + name
          + "', not '" + sweep.name() + "'; choose another --out");
    }
    String fingerprint = String.valueOf(manifest.fingerprint());
    Manifest.Search search = manifest.search();
    if (search != null && sweep.threshold() != null
        && sweep.fingerprint().equals(search.baseFingerprint())) {
      return; // the same search: its rounds added values to the first round's grid
    }
    Manifest.Sequential sequential = manifest.sequential();
    if (!fingerprint.equals(sweep.fingerprint()) && !extend && sequential != null
        && sweep.fingerprint().equals(sequential.baseFingerprint())) {
      throw new InvalidValueException("--out", root + " holds sweep '" + name + "' with seeds "
          + "added by run --until-decided (" + manifest.plannedTasks() + " planned tasks); "
          + "run it with --until-decided to go on, or choose another --out");
    }
    if (!fingerprint.equals(sweep.fingerprint()) && !extend) {
      throw new InvalidValueException("--out", root + " holds sweep '" + name + "' with another "
          + "grid (" + manifest.plannedTasks() + " planned tasks, fingerprint "
          + fingerprint.substring(0, Math.min(12, fingerprint.length())) + "; this file plans "
          + sweep.size()
          + ", fingerprint " + sweep.fingerprint().substring(0, 12) + "). Use --extend to add "
          + "the new grid points to it, or choose another --out");
    }
  }

  /**
   * A manifest for a folder that holds results but lost its own: from the copy of the sweep file
   * stored beside them, or, with {@code adopt} (--repair), for the sweep being run. Rebuilt
   * manifests say the folder may hold waves of any version, so readers look at each wave.
   */
  private Manifest rebuild(Sweep sweep, boolean adopt) throws IOException {
    Sweep stored = storedSweep();
    Sweep basis = stored != null ? stored : adopt ? sweep : null;
    if (basis == null) {
      throw new InvalidValueException("--out", layout.root() + " holds results but no readable "
          + "manifest.json or sweep.yaml to say which sweep they belong to; if they are results "
          + "of '" + sweep.name() + "', run again with --repair to rebuild the manifest for it");
    }
    rebuiltFrom = stored != null ? layout.sweepCopy() + " and the stored results"
        : "the sweep being run (" + sweep.name() + ") and the stored results";
    Manifest m = Manifest.create(basis);
    return new Manifest(Manifest.FORMAT_V1, m.sweep(), m.kind(), m.createdAt(), m.fingerprint(),
        m.plannedTasks(), m.sweepFile(), List.of(), m.recipe(), null, m.search(),
        m.recipeRevision());
  }

  /**
   * The recipe and revision the folder's sweep file expands under, so that a folder keeps the
   * recipe and defaults it was created with: its manifest's (analogsweep-1 where the manifest
   * predates recipes, revision 1 where it predates revisions); for a new or empty folder, today's.
   * For a folder that lost its manifest, what its stored rows' columns say: analogsweep-1 where
   * they lack the recipe column, revision 1 where they lack adam_epsilon (written before it
   * existed), else today's (so a folder of revision 1 written since then that lost its manifest
   * plans its points under today's defaults: new trainings beside its stored rows, which stay).
   */
  public FolderRecipe recipe() throws IOException {
    Manifest m;
    try {
      m = layout.exists() ? read() : null;
    } catch (InvalidValueException e) {
      m = null;
    }
    if (m != null) {
      return m.folderRecipe();
    }
    FolderRecipe current = FolderRecipe.current();
    if (!layout.exists() || !layout.hasResults()) {
      return current;
    }
    for (int wave : layout.waves("runs")) {
      for (Path file : layout.parquetFiles(layout.wave("runs", wave))) {
        try (ParquetFileReader reader = StoredColumns.open(file, layout.fs().getConf())) {
          MessageType schema = reader.getFooter().getFileMetaData().getSchema();
          return new FolderRecipe(schema.containsField(GridField.RECIPE.column())
              ? current.recipe() : Recipe.ANALOGSWEEP_1,
              schema.containsField(GridField.ADAM_EPSILON.column()) ? current.revision() : 1);
        } catch (IOException | RuntimeException e) {
          // a damaged file says nothing: look at the next
        }
      }
    }
    return new FolderRecipe(Recipe.ANALOGSWEEP_1, 1);
  }

  /** The sweep of the copy of the sweep file in the folder; null where it is missing or bad. */
  public Sweep storedSweep() throws IOException {
    Path copy = layout.sweepCopy();
    if (!layout.fs().exists(copy)) {
      return null;
    }
    try (InputStream in = layout.fs().open(copy)) {
      return SweepFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          copy.toString(), List.of(), recipe());
    } catch (InvalidValueException e) {
      return null;
    }
  }

  /**
   * What the last {@link #check} rebuilt the manifest from (the stored sweep file or the sweep
   * being run, and the stored results), for the log; null where it rebuilt nothing.
   */
  public String rebuiltFrom() {
    return rebuiltFrom;
  }

  /**
   * Moves an unreadable manifest.json to damaged/ before a rebuilt one replaces it; returns where
   * it went, or null where it was readable or missing.
   */
  public Path setAside() throws IOException {
    FileSystem fs = layout.fs();
    Path m = layout.manifestFile();
    if (!fs.exists(m)) {
      return null;
    }
    try {
      read();
      return null;
    } catch (InvalidValueException e) {
      Path target = new Path(layout.top("damaged"), "manifest.json." + System.currentTimeMillis());
      fs.mkdirs(target.getParent());
      if (!fs.rename(m, target)) {
        throw new IOException("cannot move " + m + " to " + target);
      }
      return target;
    }
  }

  /** Writes the manifest (via a temporary file and a rename) and the copy of the sweep file. */
  public void write(Manifest manifest, Sweep sweep) throws IOException {
    layout.fs().mkdirs(layout.root());
    layout.writeAtomically(layout.sweepCopy(), sweep.text());
    layout.writeAtomically(layout.manifestFile(), Json.write(manifest) + "\n");
  }
}
