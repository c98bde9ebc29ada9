package analogsweep.driver.exec;

import analogsweep.train.TaskResult;
import java.io.Serializable;

/** A worker result plus where Spark ran it: executor, attempt and the GPU address it assigned. */
public record TaskOutcome(
    TaskResult result, String executorId, int attempt, String gpuAddress)
    implements Serializable {}
