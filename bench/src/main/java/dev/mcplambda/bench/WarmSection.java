package dev.mcplambda.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcplambda.bench.jmh.ToolsCallBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Warm overhead: JMH SampleTime over {@link ToolsCallBenchmark} (p50/p99 per call) with {@code
 * -prof gc} (bytes allocated per call). The forks run on the server core through a small wrapper
 * script around the JVM.
 */
public final class WarmSection implements BenchSection {

  @Override
  public String id() {
    return "warm";
  }

  @Override
  public void run(BenchConfig config, ObjectNode out) throws Exception {
    Path work = Files.createDirectories(config.outDir().resolve("work/jmh"));
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(ToolsCallBenchmark.class.getName() + ".*")
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .jvmArgsAppend("-Xms512m", "-Xmx512m")
            .result(work.resolve("jmh.json").toString())
            .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
            .output(work.resolve("jmh.log").toString());
    if (config.smoke()) {
      o.forks(1)
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(500));
    } else {
      o.forks(2)
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(4)
          .measurementTime(TimeValue.seconds(2));
    }
    String jvm = config.java();
    if (config.serverCores() != null) {
      Path wrapper = work.resolve("java-pinned.sh");
      Files.writeString(
          wrapper,
          "#!/bin/sh\nexec taskset -c " + config.serverCores() + " " + config.java() + " \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      jvm = wrapper.toString();
    }
    o.jvm(jvm);
    Collection<RunResult> results = new Runner(o.build()).run();
    out.put(
        "method", "JMH 1.37 SampleTime, -prof gc; echo function in process; 2026-07-28 tools/call");
    ObjectNode benches = out.putObject("benchmarks");
    for (RunResult rr : results) {
      BenchmarkParams params = rr.getParams();
      String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      Result<?> primary = rr.getPrimaryResult();
      Statistics st = primary.getStatistics();
      ObjectNode b = benches.putObject(name);
      // SampleTime in microseconds; the budget is in ms
      b.put("p50Us", Stats.round(st.getPercentile(50)));
      b.put("p99Us", Stats.round(st.getPercentile(99)));
      b.put("p999Us", Stats.round(st.getPercentile(99.9)));
      b.put("meanUs", Stats.round(st.getMean()));
      b.put("p50Ms", st.getPercentile(50) / 1000.0);
      b.put("p99Ms", st.getPercentile(99) / 1000.0);
      b.put("samples", st.getN());
      b.put("forks", params.getForks());
      for (Map.Entry<String, Result> e : rr.getSecondaryResults().entrySet()) {
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          b.put("allocBytesPerCall", Math.round(e.getValue().getScore()));
        }
      }
    }
    if (!benches.has("handle")) {
      throw new IllegalStateException("JMH produced no result for handle (see work/jmh/jmh.log)");
    }
  }
}
