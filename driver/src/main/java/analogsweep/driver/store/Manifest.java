package analogsweep.driver.store;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.FolderRecipe;
import analogsweep.grid.Recipe;
import analogsweep.sweep.Sweep;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json}: which sweep an output folder belongs to (name, kind, the fingerprint of
 * its task ids, how many tasks it plans), the recipe its sweep file expands under where it names
 * none (absent in folders created before recipes: analogsweep-1) and the revision of the recipes'
 * defaults it was created at ({@link FolderRecipe}; absent before revisions: 1), and one entry
 * per run session. {@code format} says how
 * the folder's files are laid out: {@link #FORMAT_V1} (written by 0.1: grid columns of version 1,
 * {@code hidden_sizes} as text, Hadoop checksum files) or {@link #FORMAT_V2}. A folder keeps the
 * format it was created with, so a v1 folder resumed by a newer version may hold both layouts;
 * {@link ResultReader} reads either. {@code sequential} is set where {@code run --until-decided}
 * added seeds to the settings still undecided ({@link Sequential}), {@code search} where a threshold
 * search added values round by round ({@link Search}); each absent otherwise.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String format,
    String sweep,
    String kind,
    String createdAt,
    String fingerprint,
    Integer plannedTasks,
    String sweepFile,
    List<Session> sessions,
    String recipe,
    Sequential sequential,
    Search search,
    Integer recipeRevision) {

  public static final String FORMAT_V1 = "analogsweep.output.v1";
  public static final String FORMAT_V2 = "analogsweep.output.v2";

  public Manifest {
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
  }

  /** A manifest of recipe revision 1 (folders written before revisions: none recorded). */
  public Manifest(String format, String sweep, String kind, String createdAt, String fingerprint,
      Integer plannedTasks, String sweepFile, List<Session> sessions, String recipe,
      Sequential sequential, Search search) {
    this(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, sessions, recipe,
        sequential, search, null);
  }

  /** A manifest without a threshold search. */
  public Manifest(String format, String sweep, String kind, String createdAt, String fingerprint,
      Integer plannedTasks, String sweepFile, List<Session> sessions, String recipe,
      Sequential sequential) {
    this(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, sessions, recipe,
        sequential, null);
  }

  /** A manifest of a fixed design: every setting gets the sweep file's seeds. */
  public Manifest(String format, String sweep, String kind, String createdAt, String fingerprint,
      Integer plannedTasks, String sweepFile, List<Session> sessions, String recipe) {
    this(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, sessions, recipe,
        null);
  }

  /** A manifest of a folder created before recipes existed (no recipe: analogsweep-1). */
  public Manifest(String format, String sweep, String kind, String createdAt, String fingerprint,
      Integer plannedTasks, String sweepFile, List<Session> sessions) {
    this(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, sessions, null);
  }

  /**
   * What the folder's sweep file expands under: the recipe recorded (analogsweep-1 where the
   * manifest predates recipes) at the revision recorded (1 where the manifest predates
   * revisions).
   */
  public FolderRecipe folderRecipe() {
    Recipe r = recipe == null ? Recipe.ANALOGSWEEP_1
        : Recipe.parse("manifest.json: recipe", recipe);
    int revision = recipeRevision == null ? 1 : recipeRevision;
    if (revision < 1 || revision > FolderRecipe.CURRENT_REVISION) {
      throw new InvalidValueException("manifest.json: recipe_revision", "expected 1 to "
          + FolderRecipe.CURRENT_REVISION + " (this version's), found " + revision
          + "; a newer analogsweep wrote this folder");
    }
    return new FolderRecipe(r, revision);
  }

  /** The manifest of a new folder for {@code sweep}, in today's format, with no session yet. */
  public static Manifest create(Sweep sweep) {
    return new Manifest(FORMAT_V2, sweep.name(), sweep.kind().id(), Instant.now().toString(),
        sweep.fingerprint(), sweep.size(), sweep.source(), List.of(), sweep.recipe().recipe().id(),
        null, sweep.threshold() == null ? null
            : new Search(sweep.threshold().over().column(), sweep.fingerprint()),
        sweep.recipe().revision());
  }

  /** Whether the folder may hold waves in the layout of version 0.1. */
  public boolean mayHoldV1() {
    return !FORMAT_V2.equals(format);
  }

  /** This manifest planning {@code sweep} (after {@code --extend}, the edited grid). */
  public Manifest planning(Sweep sweep) {
    return new Manifest(format, this.sweep, kind, createdAt, sweep.fingerprint(), sweep.size(),
        sweep.source(), sessions, recipe, sequential, search, recipeRevision);
  }

  /** This manifest with the sequential design {@code s}. */
  public Manifest withSequential(Sequential s) {
    return new Manifest(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile,
        sessions, recipe, s, search, recipeRevision);
  }

  /** This manifest with the threshold search {@code s}. */
  public Manifest withSearch(Search s) {
    return new Manifest(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile,
        sessions, recipe, sequential, s, recipeRevision);
  }

  /** This manifest with {@code session} appended. */
  public Manifest withSession(Session session) {
    List<Session> all = new ArrayList<>(sessions);
    all.add(session);
    return new Manifest(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, all,
        recipe, sequential, search, recipeRevision);
  }

  /** This manifest with its last session replaced by {@code session}. */
  public Manifest withLastSession(Session session) {
    List<Session> all = new ArrayList<>(sessions);
    all.set(all.size() - 1, session);
    return new Manifest(format, sweep, kind, createdAt, fingerprint, plannedTasks, sweepFile, all,
        recipe, sequential, search, recipeRevision);
  }

  /**
   * How {@code run --until-decided} planned the folder's seeds: the sweep file's {@code firstSeeds}
   * seeds in every setting, then one seed more per round to the settings whose finding is still
   * undecided, up to {@code maxSeeds} (the most ever asked for: the report's intervals are
   * adjusted for that many looks). {@code baseFingerprint} is the sweep file's own grid (the
   * manifest's {@code fingerprint} covers the seeds added too), by which the same file is known
   * again.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Sequential(int firstSeeds, int maxSeeds, String baseFingerprint) {}

  /**
   * A threshold search ({@code threshold:} in the sweep file) planned the folder's values of
   * {@code over} round by round; {@code baseFingerprint} is its first round (every setting at both
   * ends of the range), by which the same file is known again.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Search(String over, String baseFingerprint) {}

  /**
   * One run of the sweep on this folder: where it ran, what it found, and (once it ended) what it
   * did. Counts are null until known.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Session(
      String startedAt,
      String analogsweepVersion,
      String sparkMaster,
      String sparkVersion,
      Integer executors,
      Integer planned,
      Integer doneAtStart,
      Integer pendingAtStart,
      Integer taskFailures,
      Integer executorsLost,
      Integer executorsSeen,
      String finishedAt,
      Integer trained,
      Integer failed,
      Integer diverged,
      Integer unfinished) {

    /** A session that has just started. */
    public static Session started(String version, String master, String sparkVersion,
        int executors, int planned, int doneAtStart) {
      return new Session(Instant.now().toString(), version, master, sparkVersion, executors,
          planned, doneAtStart, planned - doneAtStart, null, null, null, null, null, null, null,
          null);
    }

    /** This session ended, with what Spark reported and what was stored. */
    public Session finished(int taskFailures, int executorsLost, int executorsSeen, int trained,
        int failed, int diverged, int unfinished) {
      return new Session(startedAt, analogsweepVersion, sparkMaster, sparkVersion, executors,
          planned, doneAtStart, pendingAtStart, taskFailures, executorsLost, executorsSeen,
          Instant.now().toString(), trained, failed, diverged, unfinished);
    }
  }
}
