package analogsweep.train;

/**
 * A deliberate, documented failure for fault tests: with the system property
 * {@code analogsweep.inject.failure=PREFIX@EPOCH}, a task whose id starts with PREFIX throws
 * after finishing epoch EPOCH. It lets a test (or an operator checking a cluster) see a late
 * failure travel from an executor into a FAILED row. Unset, it costs one property read per epoch.
 */
final class FaultInjection {
  static final String PROPERTY = "analogsweep.inject.failure";

  private FaultInjection() {}

  static void afterEpoch(String taskId, int epoch) {
    String spec = System.getProperty(PROPERTY);
    if (spec == null || spec.isBlank()) {
      return;
    }
    int at = spec.lastIndexOf('@');
    String prefix = at < 0 ? spec : spec.substring(0, at);
    int failEpoch = at < 0 ? 1 : Integer.parseInt(spec.substring(at + 1).trim());
    if (!prefix.isEmpty() && taskId.startsWith(prefix.trim()) && epoch == failEpoch) {
      throw new IllegalStateException("injected failure after epoch " + epoch + " ("
          + PROPERTY + "=" + spec + ")");
    }
  }
}
