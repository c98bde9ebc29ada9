package analogsweep.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import analogsweep.bench.ModelThroughput;
import analogsweep.grid.GridPoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's figures from given rates (no timing): overheads, GFLOP/s, share of peak. */
class BenchTest {
  /**
   * 2,000 samples/s of 1 MFLOP forward: 3 x 2,000 x 1e6 = 6 GFLOP/s in training, 0.06 of a 100
   * GFLOP/s peak; a clean run twice and three times as fast: overheads 2 and 3.
   */
  @Test
  void figuresOfAChainAgainstTheCleanRunAndThePeak() {
    ModelThroughput.Result clean = new ModelThroughput.Result(4000, 9000, 1_000_000);
    ModelThroughput.Result fused = new ModelThroughput.Result(2000, 3000, 1_000_000);
    Map<String, Object> row = Bench.chainFigures(fused, clean, 100);
    assertEquals(Map.of("train_samples_per_second", 2000.0, "eval_samples_per_second", 3000.0,
        "train_overhead", 2.0, "eval_overhead", 3.0, "forward_flops_per_sample", 1_000_000L,
        "train_gflops", 6.0, "train_fraction_of_peak", 0.06), row);
    assertEquals(String.format("%-10s %-9s %8s %8s %8s %7s %14s %8s%%%n", "linear", "fused",
        "2000", "3000", "2.00", "3.00", "6.0", "6.0"),
        Bench.chainLine("linear", "fused", fused, clean, 100));
  }

  @Test
  void roundsToThreeDecimals() {
    assertEquals(1.235, Bench.round(1.23456), 0.0);
    assertEquals(0.333, Bench.round(1.0 / 3), 0.0);
    assertEquals(-2.5, Bench.round(-2.5), 0.0);
  }

  /** Quick runs measure fewer batches; the ConvNet fewer than the linear model. */
  @Test
  void batchesPerMeasurement() {
    assertEquals(4, new Bench.Settings(true, "cpu", 1).batches(true));
    assertEquals(60, new Bench.Settings(true, "cpu", 1).batches(false));
    assertEquals(12, new Bench.Settings(false, "cpu", 1).batches(true));
    assertEquals(200, new Bench.Settings(false, "cpu", 1).batches(false));
  }

  /** The clean point switches the chain off everywhere; the others run the paper's chain. */
  @Test
  void benchmarkPoints() {
    GridPoint clean = Bench.point("linear", "clean");
    assertFalse(clean.analog().anySwitch());
    assertEquals(128, clean.training().batchSize());
    GridPoint fused = Bench.point("convnet", "fused");
    assertEquals(Integer.valueOf(16), fused.analog().precision());
    assertEquals(0.5, fused.analog().errorProbability(), 0.0);
  }
}
