package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One measurement of the benchmark run; writes its numbers into {@code out}. */
public interface BenchSection {

  /** The key in results.json ({@code coldStart}, {@code warm}, …). */
  String id();

  /**
   * Measures.
   *
   * @throws NotAvailableException when a piece it measures is not on this branch (nothing measured)
   * @throws Exception when it broke
   */
  void run(BenchConfig config, ObjectNode out) throws Exception;
}
