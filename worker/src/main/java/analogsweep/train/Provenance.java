package analogsweep.train;

/**
 * How a result was made, beyond its grid point: software versions, where it ran, which exact data
 * it saw, and the derived numerics: the noise's standard deviation on a value of magnitude 1
 * ({@code noiseSigma}, comparable across noise models), the distribution's own parameter (sigma,
 * scale, width or k), GSD and the parameter count; {@code packSize} is how many grid points
 * trained together as one model (1: alone), whose timings are then the pack's.
 */
public record Provenance(
    String taskId,
    long seed,
    String analogsweepVersion,
    String djlVersion,
    String pytorchVersion,
    String javaVersion,
    String os,
    String host,
    String device,
    int threads,
    String datasetSource,
    String datasetFormat,
    String datasetSha256,
    int trainSize,
    int testSize,
    long parameterCount,
    double noiseSigma,
    double noiseParameter,
    double gsd,
    String startedAt,
    String finishedAt,
    int packSize) implements java.io.Serializable {}
