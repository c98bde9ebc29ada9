package analogsweep.train;

import java.io.Serializable;

/**
 * How a result was made, beyond its grid point: software versions, where it ran, which exact data
 * it saw, and the derived numerics: the noise's standard deviation on a value of magnitude 1
 * ({@code noiseSigma}, comparable across noise models), the distribution's own parameter (sigma,
 * scale, width or k), GSD and the parameter count. {@code classes} is the number of classes of
 * the dataset (chance accuracy is 1 / classes); 0 where no data was read. {@code packSize} is how
 * many grid points trained together as one model (1: alone), whose timings are then the pack's.
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
    int classes,
    int packSize) implements Serializable {

  /** Provenance of a point trained alone, without the number of classes (0: unknown). */
  public Provenance(String taskId, long seed, String analogsweepVersion, String djlVersion,
      String pytorchVersion, String javaVersion, String os, String host, String device,
      int threads, String datasetSource, String datasetFormat, String datasetSha256,
      int trainSize, int testSize, long parameterCount, double noiseSigma,
      double noiseParameter, double gsd, String startedAt, String finishedAt) {
    this(taskId, seed, analogsweepVersion, djlVersion, pytorchVersion, javaVersion, os, host,
        device, threads, datasetSource, datasetFormat, datasetSha256, trainSize, testSize,
        parameterCount, noiseSigma, noiseParameter, gsd, startedAt, finishedAt, 0, 1);
  }
}
