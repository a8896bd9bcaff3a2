// Prints the Robustness figures of the last build as Markdown: inputs tried per fuzz
// target (from */target/fuzz-stats/*.json, written by the failsafe 'fuzz' execution), the DynamoDB
// faults injected and survived, messages lost/duplicated (*/target/robustness/*.json) and the soak.
// Usage: node scripts/robustness-summary.mjs   (from the repository root, after ./mvnw verify)
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const modules = readdirSync(".", { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(d.name, "target")))
  .map((d) => d.name);
const read = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => [f, JSON.parse(readFileSync(join(dir, f), "utf8"))])
    : [];

const fuzz = modules.flatMap((m) => read(join(m, "target", "fuzz-stats")).map(([, s]) => s));
const robustness = Object.fromEntries(
  modules.flatMap((m) => read(join(m, "target", "robustness")).map(([f, s]) => [f.replace(/\.json$/, ""), s]))
);
const n = (x) => Number(x).toLocaleString("en-US");
const sum = (o) => Object.values(o ?? {}).reduce((a, b) => a + b, 0);

console.log("| fuzz target | inputs tried | slowest input (budget) | outcomes |");
console.log("| --- | ---: | ---: | --- |");
for (const s of fuzz.sort((a, b) => a.target.localeCompare(b.target))) {
  const outcomes = Object.entries(s.outcomes).map(([k, v]) => `${k} ${n(v)}`).join(", ");
  console.log(`| ${s.target} | ${n(s.inputs)} | ${n(s.slowestMillis)} ms (${n(s.budgetMillis)} ms) | ${outcomes} |`);
}
if (fuzz.length === 0) console.log("| (no fuzz-stats: run ./mvnw verify without -Dfuzz.skip) | | | |");
console.log("");
const faults = (o) =>
  `${n(sum(o))} faults injected (${Object.entries(o).map(([k, v]) => `${k} ${v}`).join(", ")})`;
for (const [name, label] of [
  ["legacy-sse-faults", "SDK default retries"],
  ["legacy-sse-faults-few-retries", "3 attempts, a third of calls failing"],
]) {
  const r = robustness[name];
  if (!r) continue;
  console.log(
    `- Legacy SSE relay on DynamoDB through the fault proxy (${label}): ${n(r.posts)} concurrent POSTs, ` +
      `${faults(r.faultsInjected)}; ${n(r.postsRefused503ThenRetried)} POSTs refused with 503 and retried, ` +
      `${n(r.streamReconnects ?? 0)} stream reconnects (Last-Event-ID); messages lost ${r.messagesLost}, duplicated ${r.messagesDuplicated}.`
  );
}
for (const [name, label] of [
  ["registry-faults", "SDK default retries"],
  ["registry-faults-few-retries", "3 attempts, a third of calls failing"],
]) {
  const r = robustness[name];
  if (!r) continue;
  console.log(
    `- Registry writes through the fault proxy (${label}): ${n(r.creates)} concurrent creates, ` +
      `${faults(r.faultsInjected)}; ${n(r.acknowledged)} acknowledged (201), ${n(r.refused503)} refused with 503 + Retry-After ` +
      `(${n(r.refused503ButWritten ?? 0)} of them written all the same: the catalog-version bump after the write failed), none 500.`
  );
}
const soak = robustness["soak"];
if (soak) {
  const mb = (b) => (b / 1048576).toFixed(1) + " MiB";
  console.log(
    `- Local-server soak: ${n(soak.sessions)} sessions opened and closed (half Streamable HTTP, half legacy SSE); ` +
      `heap in use after GC ${mb(soak.heapAfterGcAt2000)} at 2,000 sessions, ${mb(soak.heapAfterGcAt10000)} at 10,000; ` +
      `RSS ${mb(soak.rssAt2000)} → ${mb(soak.rssAt10000)}.`
  );
}
