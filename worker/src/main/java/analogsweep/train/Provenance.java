package analogsweep.train;

/**
 * How a result was made, beyond its grid point: software versions, where it ran, which exact data
 * it saw, and the derived numerics (noise sigma, GSD, parameter count).
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
    double gsd,
    String startedAt,
    String finishedAt) implements java.io.Serializable {}
