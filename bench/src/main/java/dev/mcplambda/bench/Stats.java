package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.json.Json;
import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample (nearest-rank percentiles). */
public record Stats(int n, double min, double median, double max, double p99) {

  public static Stats of(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return of(v);
  }

  public static Stats of(double[] sorted) {
    double[] v = sorted.clone();
    Arrays.sort(v);
    if (v.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(v.length, v[0], percentile(v, 50), v[v.length - 1], percentile(v, 99));
  }

  /** Nearest-rank percentile of sorted values. */
  public static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("n", n);
    o.put("median", round(median));
    o.put("min", round(min));
    o.put("max", round(max));
    return o;
  }

  static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 1000.0) / 1000.0;
  }
}
