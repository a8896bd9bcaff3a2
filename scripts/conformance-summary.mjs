#!/usr/bin/env node
// Summarises an `@modelcontextprotocol/conformance server -o DIR` run: one row per scenario,
// pass when every check is SUCCESS (WARNING counts as pass, as the suite does), plus totals.
// Scored = the server scenarios `conformance list --server --requirements <rev>` names; the others it
// runs (extensions, pending, added after release) are marked scored=false with the suite's reason.
// Usage: conformance-summary.mjs <results-dir> <requirements> <out.json> <out.md> [requirements.txt]
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, requirements, outJson, outMd, listing] = process.argv.slice(2);
const scoredNames = new Set();
const unscored = new Map();
if (listing && existsSync(listing)) {
  // eslint-disable-next-line no-control-regex
  const text = readFileSync(listing, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  let section = null;
  let reason = null;
  for (const line of text.split('\n')) {
    if (/^Server scenarios/.test(line)) section = 'scored';
    else if (/^Client scenarios/.test(line)) section = null;
    else if (/^Run and reported, but never scored/.test(line)) section = 'unscored';
    else if (section === 'unscored' && /^\s{2}(\S[^:]*):\s*$/.test(line)) reason = /^\s{2}(\S[^:(]*)/.exec(line)[1].trim();
    const m = /^\s+-\s+(\S+)(\s+\[(server|client)\])?\s*$/.exec(line);
    if (!m) continue;
    if (section === 'scored') scoredNames.add(m[1]);
    else if (section === 'unscored' && m[3] === 'server') unscored.set(m[1], reason);
  }
}
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
    scored: scoredNames.size ? scoredNames.has(scenario) : !unscored.has(scenario),
    note: unscored.get(scenario),
    pass: checks.length > 0 && failed.length === 0,
    skipped: checks.length > 0 && checks.every((c) => c.status === 'SKIPPED'),
    checks: checks.length,
    failed: failed.map((c) => ({ id: c.id, error: (c.errorMessage || '').slice(0, 300) })),
  });
}
const scored = rows.filter((r) => r.scored);
const passed = scored.filter((r) => r.pass).length;
const unscoredRows = rows.filter((r) => !r.scored);
const summary = {
  requirements,
  scored: scored.length,
  passed,
  failed: scored.length - passed,
  unscored: unscoredRows.length,
  unscoredPassed: unscoredRows.filter((r) => r.pass).length,
  rows,
};
writeFileSync(outJson, JSON.stringify(summary, null, 2) + '\n');
const md = [
  `| scenario (${requirements}) | result |`,
  '|---|---|',
  ...scored.map((r) => `| \`${r.scenario}\` | ${r.pass ? 'pass' : 'FAIL'} |`),
  '',
  `**${passed} / ${scored.length} scored server scenarios pass** (requirements ${requirements}); ` +
    `not scored by the suite: ${summary.unscoredPassed} / ${unscoredRows.length} pass ` +
    `(${[...new Set(unscoredRows.map((r) => r.note))].join(', ') || 'none'}).`,
  '',
  ...(unscoredRows.length
    ? [
        `| not scored (${requirements}) | why | result |`,
        '|---|---|---|',
        ...unscoredRows.map(
          (r) =>
            `| \`${r.scenario}\` | ${r.note ?? ''} | ${r.skipped ? 'skipped by the suite' : r.pass ? 'pass' : 'FAIL'} |`,
        ),
        '',
      ]
    : []),
].join('\n');
writeFileSync(outMd, md);
console.log(
  `conformance ${requirements}: ${passed} passed, ${scored.length - passed} failed ` +
    `(${scored.length} scored scenarios; unscored ${summary.unscoredPassed}/${unscoredRows.length} pass)`,
);
for (const r of scored.filter((r) => !r.pass)) {
  console.log(`  FAIL ${r.scenario}: ${r.failed.map((f) => `${f.id}: ${f.error}`).join(' | ').slice(0, 400)}`);
}
const unscoredFailing = unscoredRows.filter((r) => !r.pass).map((r) => `${r.scenario} (${r.note})`);
if (unscoredFailing.length) console.log(`  not scored, failing: ${unscoredFailing.join(', ')}`);
