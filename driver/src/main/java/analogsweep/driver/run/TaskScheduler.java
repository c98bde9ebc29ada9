package analogsweep.driver.run;

import analogsweep.driver.exec.TaskExecution;
import analogsweep.driver.exec.TaskOutcome;
import analogsweep.train.TrainingJob;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Hands training jobs to Spark and their outcomes to storage in batches.
 *
 * <ul>
 *   <li>{@link Policy#DYNAMIC} (the default): one Spark job per training job, as many in flight as
 *       there are task slots (counted again at every submission, so executors that join later
 *       count); a slot that frees takes the next job at once, longest first. Outcomes are stored
 *       as soon as a batch of {@code batchSize} has come back, or when the oldest waiting outcome
 *       has waited {@code flushSeconds}, and at the end. With no batch size given, a batch is one
 *       outcome per slot, stored at most every two seconds and then holding all that came back:
 *       short tasks make larger batches, and so fewer files.
 *   <li>{@link Policy#WAVES} (0.1's): batches of {@code batchSize} jobs, a few batches in flight,
 *       each stored when its slowest job ends; a slot idles while its batch waits.
 * </ul>
 *
 * <p>Either way a batch is stored whole or not at all ({@link Sink}); a driver that dies loses
 * only outcomes not yet stored, whose tasks train again on the next run.
 */
final class TaskScheduler {
  /** How jobs go out. */
  enum Policy {
    DYNAMIC, WAVES
  }

  /** Stores one batch of outcomes (one wave of the output folder). */
  interface Sink {
    void store(List<TaskOutcome> outcomes) throws IOException;
  }

  /**
   * Told of jobs whose Spark job failed (lost beyond Spark's retries, or cancelled) and, with a
   * null cause, of jobs an interruption left unstarted; they all stay pending.
   */
  interface Failures {
    void failed(List<TrainingJob> jobs, Throwable why);
  }

  /** Unasked (no batch size), the shortest time between two stored batches of DYNAMIC. */
  static final long MIN_WAVE_NANOS = 2_000_000_000L;

  private final JavaSparkContext jsc;
  private final TaskExecution execution;
  private final Policy policy;
  private final int batchSize;
  private final int wavesInFlight;
  private final long flushNanos;
  private final String name;
  private final BooleanSupplier interrupted;

  /**
   * {@code interrupted} tells when the run was asked to stop (a signal): then nothing more is
   * submitted, the jobs not started are handed to {@link Failures} without a cause, and what has
   * come back is stored.
   */
  TaskScheduler(JavaSparkContext jsc, TaskExecution execution, Policy policy, int batchSize,
      int wavesInFlight, int flushSeconds, String name,
      BooleanSupplier interrupted) {
    this.interrupted = interrupted;
    this.jsc = jsc;
    this.execution = execution;
    this.policy = policy;
    this.batchSize = batchSize;
    this.wavesInFlight = Math.max(1, wavesInFlight);
    this.flushNanos = Math.max(1, flushSeconds) * 1_000_000_000L;
    this.name = name;
  }

  /** Runs every job of {@code queue} (in its order); returns when all are stored or failed. */
  void run(Deque<TrainingJob> queue, Sink sink, Failures failures) throws IOException {
    if (policy == Policy.WAVES) {
      waves(queue, sink, failures);
    } else {
      dynamic(queue, sink, failures);
    }
  }

  private void dynamic(Deque<TrainingJob> queue, Sink sink, Failures failures)
      throws IOException {
    // Storing runs on its own thread, one batch after another, so that slots keep getting work
    // while a batch is written.
    ExecutorService storer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "analogsweep-store");
      t.setDaemon(true);
      return t;
    });
    try {
      dynamic(queue, sink, failures, storer);
    } finally {
      storer.shutdown();
    }
  }

  /** The scheduling loop of {@link Policy#DYNAMIC}; batches are stored on {@code storer}. */
  private void dynamic(Deque<TrainingJob> queue, Sink store, Failures failures,
      ExecutorService storer) throws IOException {
    Map<JavaFutureAction<List<TaskOutcome>>, TrainingJob> inFlight = new LinkedHashMap<>();
    List<TaskOutcome> waiting = new ArrayList<>();
    List<Future<?>> storing = new ArrayList<>();
    long oldest = 0;
    long lastBatch = System.nanoTime() - MIN_WAVE_NANOS;
    while (!queue.isEmpty() || !inFlight.isEmpty()) {
      if (interrupted.getAsBoolean() && !queue.isEmpty()) {
        failures.failed(new ArrayList<>(queue), null);
        queue.clear();
      }
      int slots = SweepRunner.slots(jsc);
      while (!queue.isEmpty() && inFlight.size() < slots) {
        TrainingJob job = queue.poll();
        inFlight.put(submit(List.of(job), "task " + job.points().get(0).taskId()
            .substring(0, 12) + (job.size() > 1 ? " (pack of " + job.size() + ")" : "")), job);
      }
      // with results waiting, look again soon: they go by time as well as by number
      long until = waiting.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + 100_000_000L;
      for (JavaFutureAction<List<TaskOutcome>> done : awaitSome(inFlight.keySet(), until)) {
        TrainingJob job = inFlight.remove(done);
        try {
          if (waiting.isEmpty()) {
            oldest = System.nanoTime();
          }
          waiting.addAll(done.get());
        } catch (ExecutionException e) {
          failures.failed(List.of(job), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      int size = batchSize > 0 ? batchSize : SweepRunner.slots(jsc);
      boolean last = queue.isEmpty() && inFlight.isEmpty();
      boolean stopping = interrupted.getAsBoolean() && inFlight.isEmpty();
      // unasked, a wave is one result per slot, but waves go at most every MIN_WAVE_NANOS:
      // short tasks would otherwise leave a wave (two files) per slot's worth of results
      boolean full = batchSize > 0 ? waiting.size() >= size
          : waiting.size() >= size && System.nanoTime() - lastBatch >= MIN_WAVE_NANOS;
      if (!waiting.isEmpty() && (full || last || stopping
          || System.nanoTime() - oldest >= flushNanos)) {
        lastBatch = System.nanoTime();
        // a wave never holds more than asked (--wave-size); unasked, it takes what has come
        int chunk = batchSize > 0 ? batchSize : waiting.size();
        for (int from = 0; from < waiting.size(); from += chunk) {
          List<TaskOutcome> batch = List.copyOf(waiting.subList(from,
              Math.min(waiting.size(), from + chunk)));
          storing.add(storer.submit(() -> {
            store.store(batch);
            return null;
          }));
        }
        waiting.clear();
      }
      // a failed write ends the run at once, as it did when writes were inline
      for (Iterator<Future<?>> it = storing.iterator(); it.hasNext(); ) {
        Future<?> f = it.next();
        if (f.isDone()) {
          awaitStored(f);
          it.remove();
        }
      }
    }
    for (Future<?> f : storing) {
      awaitStored(f);
    }
  }

  /** Waits for a batch to be stored, passing on its failure. */
  private static void awaitStored(Future<?> f) throws IOException {
    try {
      f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void waves(Deque<TrainingJob> queue, Sink sink, Failures failures) throws IOException {
    Map<JavaFutureAction<List<TaskOutcome>>, List<TrainingJob>> inFlight = new LinkedHashMap<>();
    while (!queue.isEmpty() || !inFlight.isEmpty()) {
      if (interrupted.getAsBoolean() && !queue.isEmpty()) {
        failures.failed(new ArrayList<>(queue), null);
        queue.clear();
      }
      while (!queue.isEmpty() && inFlight.size() < wavesInFlight) {
        // sized when submitted: on a cluster, executors register after the driver starts
        int size = batchSize > 0 ? batchSize : SweepRunner.slots(jsc);
        List<TrainingJob> chunk = new ArrayList<>();
        while (!queue.isEmpty() && chunk.size() < size) {
          chunk.add(queue.poll());
        }
        inFlight.put(submit(chunk, "wave of " + chunk.size() + " task(s)"), chunk);
      }
      for (JavaFutureAction<List<TaskOutcome>> done : awaitSome(inFlight.keySet(),
          Long.MAX_VALUE)) {
        List<TrainingJob> chunk = inFlight.remove(done);
        try {
          sink.store(done.get());
        } catch (ExecutionException e) {
          failures.failed(chunk, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
  }

  private JavaFutureAction<List<TaskOutcome>> submit(List<TrainingJob> jobs, String what) {
    jsc.setJobGroup(Progress.JOB_GROUP, name + ": " + what, false);
    long planned = 0;
    for (TrainingJob job : jobs) {
      planned += (long) job.size() * job.points().get(0).training().maxEpochs();
    }
    jsc.setLocalProperty(Progress.PLANNED_EPOCHS, String.valueOf(planned));
    try {
      TaskExecution exec = execution;
      return jsc.parallelize(jobs, jobs.size()).flatMap(job -> exec.call(job).iterator())
          .collectAsync();
    } finally {
      jsc.clearJobGroup();
      jsc.setLocalProperty(Progress.PLANNED_EPOCHS, null);
    }
  }

  /**
   * Waits until at least one action is done (polling every 10 ms) or {@code untilNanos}
   * ({@link System#nanoTime}) has come; returns those done, possibly none.
   */
  private static <T> List<JavaFutureAction<T>> awaitSome(Iterable<JavaFutureAction<T>> actions,
      long untilNanos) throws IOException {
    while (true) {
      List<JavaFutureAction<T>> done = new ArrayList<>();
      for (Iterator<JavaFutureAction<T>> it = actions.iterator(); it.hasNext(); ) {
        JavaFutureAction<T> a = it.next();
        if (a.isDone()) {
          done.add(a);
        }
      }
      if (!done.isEmpty() || !actions.iterator().hasNext() || System.nanoTime() >= untilNanos) {
        return done;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** The jobs in the order they should go out: the longest expected first. */
  static Deque<TrainingJob> longestFirst(List<TrainingJob> jobs) {
    List<TrainingJob> sorted = new ArrayList<>(jobs);
    sorted.sort((a, b) -> Double.compare(JobCost.estimate(b), JobCost.estimate(a)));
    return new ArrayDeque<>(sorted);
  }
}
