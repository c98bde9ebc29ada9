package analogsweep.analysis;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.ActivationFamily;
import analogsweep.grid.GridPoint;
import analogsweep.grid.NoiseKind;
import analogsweep.identity.TaskIdHasher;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task of a gradient-error sweep (PAPER.md, figures 4 and 6): an activation (family, i, s, a),
 * the analog chain's precision, EP and noise distribution, the resolution of the (x, w) plane
 * (2 * planePrecision + 1 points per axis over [-1, 1]), the size of the stored map, and the seed
 * of the noise. Its task id covers the noise only where it is not Gaussian, so maps stored
 * before other distributions existed keep their ids.
 */
public record GradientErrorPoint(
    ActivationFamily family,
    double interpolation,
    double gateScale,
    double leak,
    int precision,
    double errorProbability,
    NoiseKind noise,
    int planePrecision,
    int mapSize,
    long seed) implements Serializable {

  public static final int SCHEMA_VERSION = 1;

  public GradientErrorPoint {
    if (planePrecision < 1 || planePrecision > 4096) {
      throw new InvalidValueException("analysis.plane_precision",
          "must be in [1, 4096], found " + planePrecision);
    }
    if (mapSize < 2 || mapSize > 2 * planePrecision + 1) {
      throw new InvalidValueException("analysis.map_size", "must be in [2, "
          + (2 * planePrecision + 1) + "] (the plane's points per axis), found " + mapSize);
    }
  }

  /** Takes the activation and chain settings of an already validated grid point. */
  public static GradientErrorPoint of(GridPoint p, int planePrecision, int mapSize) {
    if (p.analog().precision() == null) {
      throw new InvalidValueException("precision", "the gradient-error analysis needs a "
          + "precision (the chain quantizes to step 1/p)");
    }
    return new GradientErrorPoint(p.activation().family(), p.activation().interpolation(),
        p.activation().gateScale(), p.activation().leak(), p.analog().precision(),
        p.analog().errorProbability(), p.analog().noise(), planePrecision, mapSize, p.seed());
  }

  public Map<String, Object> columns() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("family", family.id());
    m.put("interpolation", interpolation);
    m.put("gate_scale", gateScale);
    m.put("leak", leak);
    m.put("precision", precision);
    m.put("error_probability", errorProbability);
    if (noise != NoiseKind.GAUSSIAN) {
      m.put("noise", noise.id());
    }
    m.put("plane_precision", planePrecision);
    m.put("map_size", mapSize);
    m.put("seed", seed);
    return m;
  }

  /** The task id: {@link TaskIdHasher} over {@link #columns()}. */
  public String taskId() {
    return TaskIdHasher.taskId("analogsweep.gradienterror", SCHEMA_VERSION, columns());
  }
}
