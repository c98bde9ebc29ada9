package analogsweep.train;

/** The mean and sample standard deviation of repeated evaluations (NaN spread for one). */
final class RepeatStats {
  private RepeatStats() {}

  /** {mean loss, mean accuracy, sd of loss, sd of accuracy} over the repeats. */
  static double[] summarize(double[] losses, double[] accuracies) {
    return new double[] {mean(losses), mean(accuracies), sd(losses), sd(accuracies)};
  }

  static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  static double sd(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}
