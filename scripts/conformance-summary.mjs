#!/usr/bin/env node
// Summarises an `@modelcontextprotocol/conformance server -o DIR` run: one row per scenario,
// pass when every check is SUCCESS (WARNING counts as pass, as the suite does), plus totals.
// Usage: conformance-summary.mjs <results-dir> <requirements> <out.json> <out.md>
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, requirements, outJson, outMd] = process.argv.slice(2);
if (!dir || !requirements || !outJson || !outMd) {
  console.error('usage: conformance-summary.mjs <results-dir> <requirements> <out.json> <out.md>');
  process.exit(2);
}
const latest = new Map();
for (const name of existsSync(dir) ? readdirSync(dir) : []) {
  const m = /^server-(.+)-(\d{4}-\d\d-\d\dT[\d-]+Z)$/.exec(name);
  if (!m) continue;
  const [, scenario, stamp] = m;
  const prev = latest.get(scenario);
  if (!prev || prev.stamp < stamp) latest.set(scenario, { stamp, path: join(dir, name, 'checks.json') });
}
const rows = [];
for (const [scenario, { path }] of [...latest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  let checks = [];
  try { checks = JSON.parse(readFileSync(path, 'utf8')); } catch { checks = []; }
  const failed = checks.filter((c) => c.status === 'FAILURE');
  rows.push({
    scenario,
    pass: checks.length > 0 && failed.length === 0,
    checks: checks.length,
    failed: failed.map((c) => ({ id: c.id, error: (c.errorMessage || '').slice(0, 300) })),
  });
}
const passed = rows.filter((r) => r.pass).length;
const summary = { requirements, scenarios: rows.length, passed, failed: rows.length - passed, rows };
writeFileSync(outJson, JSON.stringify(summary, null, 2) + '\n');
const md = [
  `| scenario (${requirements}) | result |`,
  '|---|---|',
  ...rows.map((r) => `| \`${r.scenario}\` | ${r.pass ? 'pass' : 'FAIL: ' + r.failed.map((f) => f.id).join(', ')} |`),
  '',
  `**${passed} / ${rows.length} scenarios pass** (requirements ${requirements}).`,
  '',
].join('\n');
writeFileSync(outMd, md);
console.log(`conformance ${requirements}: ${passed} passed, ${rows.length - passed} failed (${rows.length} scenarios)`);
for (const r of rows.filter((r) => !r.pass)) {
  console.log(`  FAIL ${r.scenario}: ${r.failed.map((f) => `${f.id}: ${f.error}`).join(' | ')}`);
}
