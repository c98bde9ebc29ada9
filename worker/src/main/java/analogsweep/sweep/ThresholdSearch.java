package analogsweep.sweep;

import static analogsweep.sweep.YamlNodes.describe;
import static analogsweep.sweep.YamlNodes.refuseUnknown;

import analogsweep.common.InvalidValueException;
import analogsweep.grid.GridField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * A sweep file's {@code threshold:} section: instead of a dense grid over the error probability
 * (or the precision), each activation setting of the grid looks for the noise level at which its
 * test accuracy falls to a target, by bisection. The target is a {@code fraction} of the
 * accuracy at the range's clean end (EP {@code low}, or precision {@code high}) or an absolute
 * {@code accuracy}; a value fails where the mean over seeds of the best test accuracy is at or
 * below the target. The search stops when the bracket between the last passing and the first
 * failing value is at most {@code resolution} wide. Accuracy is taken to fall monotonically with
 * EP (and to rise with p); where seeds' noise breaks that, the bracket is where the means crossed
 * the target, not an interval.
 *
 * <p>{@link #walk} replays the search from the accuracies already known, so the state of a search
 * is only the stored results: the same walk decides which value to train next, resumes after an
 * interruption and draws the report.
 */
public record ThresholdSearch(GridField over, double low, double high, double resolution,
    Double fraction, Double accuracy) {

  /** The section's keys, in the order the docs list them. */
  static final List<String> KEYS = List.of("over", "fraction", "accuracy", "range", "resolution");

  public ThresholdSearch {
    if (over != GridField.ERROR_PROBABILITY && over != GridField.PRECISION) {
      throw new IllegalArgumentException("over: " + over);
    }
    if ((fraction == null) == (accuracy == null)) {
      throw new IllegalArgumentException("one of fraction and accuracy");
    }
  }

  /** The value where accuracy is best: EP {@code low}, or precision {@code high}. */
  public double cleanEnd() {
    return over == GridField.PRECISION ? high : low;
  }

  /** The other end of the range. */
  public double noisyEnd() {
    return over == GridField.PRECISION ? low : high;
  }

  /** The value as the grid field takes it: an integer precision, or an EP. */
  public Object fieldValue(double v) {
    return over == GridField.PRECISION ? (Object) (int) Math.round(v) : (Object) v;
  }

  /** The most rounds a setting's search takes: both ends, then one value per round. */
  public int maxRounds() {
    int n = 0;
    for (double width = high - low; width > resolution + 1e-9; width /= 2) {
      n++;
    }
    return 1 + n;
  }

  /** "EP where accuracy falls to 50% of the EP 0 accuracy, bisected on [0, 0.96] to 0.05". */
  public String label() {
    String symbol = symbol();
    String to = fraction != null
        ? format(100 * fraction) + "% of the " + symbol + " " + format(cleanEnd()) + " accuracy"
        : format(100 * accuracy) + "% test accuracy";
    return symbol + " where accuracy falls to " + to + ", bisected on [" + format(low) + ", "
        + format(high) + "] to " + format(resolution);
  }

  /** EP or p. */
  public String symbol() {
    return over == GridField.PRECISION ? "p" : "EP";
  }

  /** One value tried: its mean best test accuracy over the setting's seeds (NaN: no result). */
  public record Probe(double value, double accuracy) {}

  /** How a setting's search stands. */
  public enum Outcome {
    /** Values still to train: {@link Walk#next}. */
    SEARCHING("searching"),
    /** Passing and failing values at most the resolution apart. */
    BRACKETED("bracketed"),
    /** Even the noisy end keeps accuracy above the target. */
    WHOLE_RANGE("above the target over the whole range"),
    /** The clean end is already at or below the target. */
    NOT_EVEN_CLEAN("at or below the target at the clean end"),
    /** A value tried has no usable result (every seed FAILED). */
    NO_RESULT("a value tried has no result");

    private final String text;

    Outcome(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /**
   * Where a search stands: the values tried in the order the bisection asked for them, the values
   * to train next, the target in accuracy (a fraction; NaN until the clean end is known), the last
   * passing and the first failing value (null where there is none yet).
   */
  public record Walk(List<Probe> probes, List<Double> next, double target, Double passing,
      Double failing, Outcome outcome) {}

  /**
   * Replays the bisection over the accuracies known: {@code accuracyAt} gives a value's mean best
   * test accuracy over the setting's seeds, null where not every seed has a stored result (the
   * value is trained next) and NaN where none has a usable one.
   */
  public Walk walk(DoubleFunction<Double> accuracyAt) {
    List<Probe> probes = new ArrayList<>();
    List<Double> next = new ArrayList<>();
    double clean = cleanEnd();
    double noisy = noisyEnd();
    Double atClean = accuracyAt.apply(clean);
    Double atNoisy = accuracyAt.apply(noisy);
    if (atClean == null) {
      next.add(clean);
    } else {
      probes.add(new Probe(clean, atClean));
    }
    if (atNoisy == null) {
      next.add(noisy);
    } else {
      probes.add(new Probe(noisy, atNoisy));
    }
    double target = atClean == null ? Double.NaN
        : fraction != null ? fraction * atClean : accuracy;
    if (!next.isEmpty()) {
      return new Walk(probes, next, target, null, null, Outcome.SEARCHING);
    }
    if (atClean.isNaN() || atNoisy.isNaN()) {
      return new Walk(probes, next, target, null, null, Outcome.NO_RESULT);
    }
    if (atClean <= target) {
      return new Walk(probes, next, target, null, clean, Outcome.NOT_EVEN_CLEAN);
    }
    if (atNoisy > target) {
      return new Walk(probes, next, target, noisy, null, Outcome.WHOLE_RANGE);
    }
    double passing = clean;
    double failing = noisy;
    while (true) {
      double mid = mid(passing, failing);
      if (Math.abs(failing - passing) <= resolution + 1e-9 || mid == passing || mid == failing) {
        return new Walk(probes, next, target, passing, failing, Outcome.BRACKETED);
      }
      Double a = accuracyAt.apply(mid);
      if (a == null) {
        return new Walk(probes, List.of(mid), target, passing, failing, Outcome.SEARCHING);
      }
      probes.add(new Probe(mid, a));
      if (a.isNaN()) {
        return new Walk(probes, next, target, passing, failing, Outcome.NO_RESULT);
      }
      if (a > target) {
        passing = mid;
      } else {
        failing = mid;
      }
    }
  }

  /** The midpoint: a whole precision (rounded toward the clean end), or an EP to 6 decimals. */
  double mid(double a, double b) {
    if (over == GridField.PRECISION) {
      return Math.ceil((a + b) / 2 - 1e-9);
    }
    return BigDecimal.valueOf((a + b) / 2).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
  }

  static String format(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * Reads the section; {@code givenAt} names where the sweep file sets a field (null: it does
   * not), which it may not do for the field searched: the search sets it.
   */
  static ThresholdSearch parse(JsonNode node, Function<GridField, String> givenAt) {
    if (!node.isObject()) {
      throw new InvalidValueException("threshold", "expected a mapping of " + KEYS + ", found "
          + describe(node));
    }
    refuseUnknown((ObjectNode) node, "threshold.", KEYS);
    if (!node.has("over")) {
      throw new InvalidValueException("threshold.over", "required: error_probability or "
          + "precision, the field the search bisects");
    }
    String overText = node.get("over").asText();
    GridField over = switch (overText) {
      case "error_probability" -> GridField.ERROR_PROBABILITY;
      case "precision" -> GridField.PRECISION;
      default -> throw new InvalidValueException("threshold.over", "expected error_probability "
          + "or precision, found " + describe(node.get("over")));
    };
    if (givenAt.apply(over) != null) {
      throw new InvalidValueException("threshold.over", "the search sets " + overText + "; leave "
          + givenAt.apply(over) + " out of the sweep file");
    }
    boolean precision = over == GridField.PRECISION;
    double low = precision ? 1 : 0;
    double high = precision ? 64 : 0.96;
    if (node.has("range")) {
      JsonNode r = node.get("range");
      if (!r.isArray() || r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber()) {
        throw new InvalidValueException("threshold.range", "expected [low, high], found "
            + describe(r));
      }
      low = r.get(0).asDouble();
      high = r.get(1).asDouble();
      boolean whole = r.get(0).canConvertToExactIntegral() && r.get(1).canConvertToExactIntegral();
      if (precision && !(whole && low >= 1 && high <= 1 << 20 && low < high)) {
        throw new InvalidValueException("threshold.range", "expected whole precisions 1 <= low "
            + "< high, found [" + format(low) + ", " + format(high) + "]");
      }
      if (!precision && !(low >= 0 && low < high && high < 1)) {
        throw new InvalidValueException("threshold.range", "expected error probabilities 0 <= "
            + "low < high < 1, found [" + format(low) + ", " + format(high) + "]");
      }
    }
    double resolution = precision ? 1 : 0.05;
    if (node.has("resolution")) {
      JsonNode r = node.get("resolution");
      resolution = r.isNumber() ? r.asDouble() : Double.NaN;
      boolean whole = r.isNumber() && r.canConvertToExactIntegral();
      if (!(resolution > 0 && resolution < high - low) || precision && !whole) {
        throw new InvalidValueException("threshold.resolution", "expected " + (precision
            ? "a whole number" : "a number") + " above 0 and below the range's width "
            + format(high - low) + ", found " + describe(r));
      }
    }
    Double fraction = share(node, "fraction");
    Double accuracy = share(node, "accuracy");
    if ((fraction == null) == (accuracy == null)) {
      throw new InvalidValueException("threshold", fraction == null
          ? "give the target: fraction (of the clean end's accuracy, e.g. 0.5) or accuracy "
          + "(a test accuracy, e.g. 0.3)" : "give fraction or accuracy, not both");
    }
    return new ThresholdSearch(over, low, high, resolution, fraction, accuracy);
  }

  private static Double share(JsonNode node, String key) {
    if (!node.has(key)) {
      return null;
    }
    JsonNode v = node.get(key);
    double x = v.isNumber() ? v.asDouble() : Double.NaN;
    if (!(x > 0 && x < 1)) {
      throw new InvalidValueException("threshold." + key, "expected a number between 0 and 1 "
          + "(exclusive), found " + describe(v));
    }
    return x;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "threshold over %s on [%s, %s] to %s", over.column(),
        format(low), format(high), format(resolution));
  }
}
