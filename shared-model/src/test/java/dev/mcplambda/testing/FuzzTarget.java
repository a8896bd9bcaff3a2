package dev.mcplambda.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one fuzz input under a wall-clock budget and tallies what the target made of it.
 *
 * <p>An input that takes longer than the budget is a finding (a hang or catastrophic backtracking),
 * so the call runs on a worker thread and the fuzz test fails with the input as soon as the budget
 * is spent, instead of hanging the build. The budget is generous (seconds, against microseconds per
 * input) so that a loaded CI machine does not produce false findings; the first input of a JVM,
 * which also loads and initialises the classes, gets a minute.
 *
 * <p>When the system property {@code mcplambda.fuzz.stats} names a directory (the {@code fuzz}
 * failsafe execution sets it), the tally is written there as {@code <target>.json} when the JVM
 * exits: the README's Robustness figures come from these files.
 */
public final class FuzzTarget {

  /** Per-input budget unless a target names its own. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

  /** The first input of a JVM also pays for class loading and static initialisation. */
  static final Duration FIRST_INPUT_BUDGET = Duration.ofSeconds(60);

  private final String name;
  private final Duration budget;
  private ExecutorService worker = newWorker();
  private final LongAdder inputs = new LongAdder();
  private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
  private final AtomicLong slowestNanos = new AtomicLong();

  private FuzzTarget(String name, Duration budget) {
    this.name = name;
    this.budget = budget;
    String dir = System.getProperty("mcplambda.fuzz.stats");
    if (dir != null && !dir.isBlank()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> write(Path.of(dir))));
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "fuzz-input");
          t.setDaemon(true);
          return t;
        });
  }

  public static FuzzTarget named(String name) {
    return new FuzzTarget(name, DEFAULT_BUDGET);
  }

  public static FuzzTarget named(String name, Duration budget) {
    return new FuzzTarget(name, budget);
  }

  /**
   * Runs {@code body} on the worker and returns its result; rethrows what it threw (unchecked as
   * is, checked wrapped in {@link AssertionError}); fails when it outlives the budget.
   */
  public <T> T run(Callable<T> body) {
    inputs.increment();
    Duration allowed = inputs.sum() == 1 ? FIRST_INPUT_BUDGET : budget;
    long start = System.nanoTime();
    Future<T> future = worker.submit(body);
    try {
      return future.get(allowed.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      // the runaway input may ignore the interrupt: the next input gets a fresh thread
      worker.shutdownNow();
      worker = newWorker();
      throw new AssertionError(
          name + ": one input took longer than the per-input budget of " + allowed, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(name + ": unexpected checked exception " + cause, cause);
    } finally {
      if (inputs.sum() > 1) {
        slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
      }
    }
  }

  /** Counts one outcome of the current input (e.g. the refusal kind or status class). */
  public void outcome(String label) {
    outcomes.computeIfAbsent(label, k -> new LongAdder()).increment();
  }

  public long inputs() {
    return inputs.sum();
  }

  private void write(Path dir) {
    StringBuilder json = new StringBuilder();
    json.append("{\"target\":\"")
        .append(name)
        .append("\",\"inputs\":")
        .append(inputs.sum())
        .append(",\"slowestMillis\":")
        .append(TimeUnit.NANOSECONDS.toMillis(slowestNanos.get()))
        .append(",\"budgetMillis\":")
        .append(budget.toMillis())
        .append(",\"outcomes\":{");
    String sep = "";
    for (Map.Entry<String, LongAdder> e : outcomes.entrySet()) {
      String label = e.getKey().replaceAll("[\"\\\\\\p{Cntrl}]", "?");
      json.append(sep).append('"').append(label).append("\":").append(e.getValue().sum());
      sep = ",";
    }
    json.append("}}\n");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
