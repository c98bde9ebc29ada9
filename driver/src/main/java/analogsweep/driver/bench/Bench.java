package analogsweep.driver.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import analogsweep.bench.MatmulPeak;
import analogsweep.bench.ModelThroughput;
import analogsweep.bench.PackedThroughput;
import analogsweep.cli.Devices;
import analogsweep.common.Json;
import analogsweep.grid.GridPoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The machine's figures for sweeps, measured side by side in one run: the matrix-multiply peak,
 * the linear model and the ConvNet clean, with the analog chain as the paper composes it layer by
 * layer (stepwise) and with the fused chain, in training and evaluation, against the peak; the
 * gain of packed training for several pack sizes; and (given a sweep runner) the fixed cost per
 * task of a sweep. Prints a table and returns the figures for JSON.
 */
public final class Bench {
  /** How long to measure: quick (a couple of minutes on 2 cores) or full. */
  public record Settings(boolean quick, String device, int threads) {
    int batches(boolean conv) {
      return quick ? (conv ? 4 : 60) : (conv ? 12 : 200);
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final Map<String, Object> figures = new LinkedHashMap<>();

  public Bench(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  public Map<String, Object> figures() {
    return figures;
  }

  /** Runs the model figures (everything but the sweep's fixed cost). */
  public void models() {
    Device device = Devices.parse(settings.device());
    int threads = settings.threads();
    double peak = MatmulPeak.gflops(device, threads, 1024, settings.quick() ? 5 : 15);
    figures.put("device", device.toString());
    figures.put("threads", threads);
    figures.put("matmul_peak_gflops", round(peak));
    out.printf(Locale.ROOT, "matmul peak (1024 x 1024, float32, %d threads on %s): "
        + "%.1f GFLOP/s%n%n", threads, device, peak);
    out.println("model      chain      train/s  eval/s   train x  eval x  GFLOP/s train  of peak");
    Shape image = new Shape(1, 28, 28);
    for (String model : List.of("linear", "convnet")) {
      boolean conv = model.equals("convnet");
      Map<String, Object> rows = new LinkedHashMap<>();
      ModelThroughput.Result clean = null;
      for (String chain : List.of("clean", "stepwise", "fused")) {
        GridPoint point = point(model, chain);
        String previous = System.getProperty("analogsweep.chain");
        if (chain.equals("stepwise")) {
          System.setProperty("analogsweep.chain", "stepwise");
        }
        ModelThroughput.Result r;
        try {
          r = ModelThroughput.measure(point, image, 10, device, threads, 3,
              settings.batches(conv));
        } finally {
          restore("analogsweep.chain", previous);
        }
        if (clean == null) {
          clean = r;
        }
        rows.put(chain, chainFigures(r, clean, peak));
        out.print(chainLine(model, chain, r, clean, peak));
      }
      figures.put(model, rows);
    }
    out.println();
    packing(device, threads, image);
  }

  /** Training GFLOP/s: three forward passes' worth per trained sample (a backward costs two). */
  static double trainGflops(ModelThroughput.Result r) {
    return r.trainSamplesPerSecond() * 3.0 * r.forwardFlopsPerSample() / 1e9;
  }

  /** One chain's figures, against the clean network's rates and the matmul peak. */
  static Map<String, Object> chainFigures(ModelThroughput.Result r, ModelThroughput.Result clean,
      double peak) {
    double trainGflops = trainGflops(r);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("train_samples_per_second", round(r.trainSamplesPerSecond()));
    row.put("eval_samples_per_second", round(r.evalSamplesPerSecond()));
    row.put("train_overhead", round(clean.trainSamplesPerSecond() / r.trainSamplesPerSecond()));
    row.put("eval_overhead", round(clean.evalSamplesPerSecond() / r.evalSamplesPerSecond()));
    row.put("forward_flops_per_sample", r.forwardFlopsPerSample());
    row.put("train_gflops", round(trainGflops));
    row.put("train_fraction_of_peak", round(trainGflops / peak));
    return row;
  }

  /** The table's line of one chain's figures. */
  static String chainLine(String model, String chain, ModelThroughput.Result r,
      ModelThroughput.Result clean, double peak) {
    double trainGflops = trainGflops(r);
    return String.format(Locale.ROOT, "%-10s %-9s %8.0f %8.0f %8.2f %7.2f %14.1f %8.1f%%%n",
        model, chain, r.trainSamplesPerSecond(), r.evalSamplesPerSecond(),
        clean.trainSamplesPerSecond() / r.trainSamplesPerSecond(),
        clean.evalSamplesPerSecond() / r.evalSamplesPerSecond(), trainGflops,
        100 * trainGflops / peak);
  }

  /** Aggregate training rate of packs of K points against one point alone. */
  private void packing(Device device, int threads, Shape image) {
    List<Integer> sizes = new ArrayList<>(List.of(1, 2, 4, 8));
    if (!device.equals(Device.cpu())) {
      sizes.add(16);
    }
    Map<String, Object> packs = new LinkedHashMap<>();
    out.println("packed training (fused chain, p=16, EP=0.5): aggregate train samples/s");
    for (String model : settings.quick() ? List.of("linear") : List.of("linear", "convnet")) {
      boolean conv = model.equals("convnet");
      GridPoint point = point(model, "fused");
      double alone = ModelThroughput.measure(point, image, 10, device, threads, 3,
          settings.batches(conv)).trainSamplesPerSecond();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("alone", round(alone));
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s alone %.0f",
          model, alone));
      for (int k : sizes) {
        double rate = PackedThroughput.trainSamplesPerSecond(point, k, image, 10, device,
            threads, 3, Math.max(2, settings.batches(conv) / k));
        row.put("k" + k, round(rate));
        row.put("gain_k" + k, round(rate / alone));
        line.append(String.format(Locale.ROOT, "; K=%d %.0f (%.2fx)", k, rate, rate / alone));
      }
      packs.put(model, row);
      out.println(line);
    }
    figures.put("packed", packs);
    out.println();
  }

  /** A point of the benchmark: 28x28 images, batch 128, the paper's chain at p=16, EP=0.5. */
  static GridPoint point(String model, String chain) {
    GridPoint.Builder b = GridPoint.builder().set("data_path", "(benchmark: random images)")
        .set("model", model).set("batch_size", 128);
    if (chain.equals("clean")) {
      b.set("analog_inputs", false).set("analog_outputs", false).set("analog_weights", false);
    } else {
      b.set("precision", 16).set("error_probability", 0.5);
    }
    return b.build();
  }

  /** Records a group of figures under {@code key}. */
  public void put(String key, Object value) {
    figures.put(key, value);
  }

  /** Records the sweep's fixed cost per task. */
  public void sweepCost(Map<String, Object> cost) {
    figures.put("sweep_fixed_cost", cost);
  }

  /** The fixed cost per task of a sweep of {@code tasks} tiny trainings on {@code data}. */
  public static Map<String, Object> sweepCost(SparkSession spark, String data, int tasks,
      PrintStream log) throws IOException {
    return SweepCost.measure(spark, data, tasks, log);
  }

  /** Writes the figures as JSON. */
  public void write(Path file) throws IOException {
    Files.writeString(file, Json.write(figures) + "\n");
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
