package analogsweep.sweep;

import analogsweep.analysis.GradientErrorPoint;
import analogsweep.grid.GridPoint;
import analogsweep.grid.FolderRecipe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed, validated sweep: its name, kind, the text it came from, the grid axes as written and
 * the expanded grid points (the cartesian product of the axes over the fixed settings), in a
 * stable order. A gradient-error sweep holds {@code analyses} instead of points to train. The
 * task ids are the tasks' ids in that order, computed once (a SHA-256 each: at 10^5 points every
 * pass over them took a second of the status command); the fingerprint identifies their set,
 * whatever order produced them. A sweep with a {@code threshold} search (null: none) plans the
 * first round of the search: every point at both ends of the searched range. {@code recipe} is
 * what its points were completed with where they named none: the recipe and revision of the
 * folder it runs into, today's for a new one.
 */
public record Sweep(
    String name,
    SweepKind kind,
    String description,
    String source,
    String text,
    Map<String, List<Object>> axes,
    List<GridPoint> points,
    List<GradientErrorPoint> analyses,
    FolderRecipe recipe,
    ThresholdSearch threshold,
    List<String> taskIds) {

  /** Checks only that there is one id a task: the callers that pass ids computed them. */
  public Sweep {
    axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    points = List.copyOf(points);
    analyses = List.copyOf(analyses);
    Objects.requireNonNull(recipe, "recipe");
    taskIds = List.copyOf(taskIds);
    if (taskIds.size() != (kind == SweepKind.TRAIN ? points.size() : analyses.size())) {
      throw new IllegalArgumentException(taskIds.size() + " task ids for "
          + (kind == SweepKind.TRAIN ? points.size() : analyses.size()) + " tasks");
    }
  }

  /** A sweep whose task ids are computed here. */
  public Sweep(String name, SweepKind kind, String description, String source, String text,
      Map<String, List<Object>> axes, List<GridPoint> points,
      List<GradientErrorPoint> analyses, FolderRecipe recipe, ThresholdSearch threshold) {
    this(name, kind, description, source, text, axes, points, analyses, recipe, threshold,
        idsOf(kind, points, analyses));
  }

  /** A sweep without a threshold search, whose task ids are computed here. */
  public Sweep(String name, SweepKind kind, String description, String source, String text,
      Map<String, List<Object>> axes, List<GridPoint> points,
      List<GradientErrorPoint> analyses, FolderRecipe recipe) {
    this(name, kind, description, source, text, axes, points, analyses, recipe, null);
  }

  /** A sweep whose points were completed under today's default recipe. */
  public Sweep(String name, SweepKind kind, String description, String source, String text,
      Map<String, List<Object>> axes, List<GridPoint> points,
      List<GradientErrorPoint> analyses) {
    this(name, kind, description, source, text, axes, points, analyses, FolderRecipe.current());
  }

  /** Number of tasks: grid points to train, or gradient-error maps to compute. */
  public int size() {
    return kind == SweepKind.TRAIN ? points.size() : analyses.size();
  }

  /** SHA-256 over the sorted task ids. */
  public String fingerprint() {
    List<String> ids = new ArrayList<>(taskIds());
    Collections.sort(ids);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String id : ids) {
        sha.update(id.getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> idsOf(SweepKind kind, List<GridPoint> points,
      List<GradientErrorPoint> analyses) {
    List<String> ids = new ArrayList<>();
    if (kind == SweepKind.TRAIN) {
      for (GridPoint p : points) {
        ids.add(p.taskId());
      }
    } else {
      for (GradientErrorPoint p : analyses) {
        ids.add(p.taskId());
      }
    }
    return ids;
  }

  /**
   * This sweep planning {@code points} instead (rounds that add seeds or search values); its
   * text, axes and search stay the sweep file's.
   */
  public Sweep withPoints(List<GridPoint> planned) {
    return new Sweep(name, kind, description, source, text, axes, planned, analyses, recipe,
        threshold);
  }

  /** As {@link #withPoints(List)}, with the points' task ids, in order, already computed. */
  public Sweep withPoints(List<GridPoint> planned, List<String> ids) {
    return new Sweep(name, kind, description, source, text, axes, planned, analyses, recipe,
        threshold, ids);
  }

  /**
   * This sweep with its points completed under {@code r} (read again from its text): how a folder
   * created under another recipe, or at an earlier revision of the defaults, keeps them.
   */
  public Sweep under(FolderRecipe r) {
    return r.equals(recipe) ? this : SweepFile.parse(text, source, List.of(), r);
  }
}
