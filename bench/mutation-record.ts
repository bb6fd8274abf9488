/**
 * Writes the committed record of a finished Stryker run (bench/mutation-assembly.ts, MutationRecord):
 *
 *   tsx bench/mutation-record.ts <report.json> [what was run]
 *
 * `npm run test:mutation` (scripts/mutation.mjs) calls it on its incremental file when Stryker ends;
 * call it by hand for a report made otherwise. The record is named by the report's date (its mtime:
 * when the run ended) and name, and is meant to be committed: reports/ is not, and a complete run
 * takes hours on the two cores here, so without records each machine would start from nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toRecord, type Report } from './mutation-assembly';
import { RECORDS, sha256 } from './mutation';

const [file, run = 'not said'] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/mutation-record.ts <report.json> [what was run]');
const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
const ended = fs.statSync(file).mtime;
const record = toRecord(report, ended, run, sha256);
const stamp = record.ended.slice(0, 16).replace(/:/g, '');
const name = `${stamp}-${path.basename(file, '.json').replace(/^stryker-incremental-?/, '') || 'all'}.json`;
fs.mkdirSync(RECORDS, { recursive: true });
// One mutant a line: a record reads (and diffs) line by line.
const files = Object.entries(record.files).map(([f, { sha256: hash, mutants }]) =>
  `    ${JSON.stringify(f)}: {\n      "sha256": ${JSON.stringify(hash)},\n      "mutants": [\n` +
  `${mutants.map((m) => `        ${JSON.stringify(m)}`).join(',\n')}\n      ]\n    }`);
const text = `{\n  "format": ${JSON.stringify(record.format)},\n  "ended": ${JSON.stringify(record.ended)},\n` +
  `  "run": ${JSON.stringify(record.run)},\n  "files": {\n${files.join(',\n')}\n  }\n}\n`;
fs.writeFileSync(path.join(RECORDS, name), text);
const counts = Object.entries(record.files).map(([f, { mutants }]) => `${f} (${mutants.length})`);
console.log(`Recorded ${path.relative(process.cwd(), path.join(RECORDS, name))}: ${counts.join(', ') || 'no mutant measured'}`);
