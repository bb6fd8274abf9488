/**
 * Mutation score of the unit tests (StrykerJS), read from the report of the last
 * `npm run test:mutation` (reports/mutation/mutation.json): this section measures
 * nothing itself (a run takes far longer than the bench). A mutant is one small
 * change to src/core or src/app (an operator, a condition, a constant); it is killed
 * when a unit test fails (or times out) under it, and survives when every test passes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { figure, type Figure } from './lib';

export const MUTATION_REPORT = path.resolve(__dirname, '..', 'reports', 'mutation', 'mutation.json');
const GOAL = 90;
const MAX_LISTED = 40;

/** The part of Stryker's mutation-testing-report-schema (v2) read here. */
interface Mutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Record<string, { readonly source?: string; readonly mutants: readonly Mutant[] }>;
}

interface Tally { detected: number; undetected: number }

/** Stryker's score: killed + timed out over killed + timed out + survived + not covered (errors and ignored don't count). */
function tally(mutants: readonly Mutant[]): Tally {
  const t = { detected: 0, undetected: 0 };
  for (const m of mutants) {
    if (m.status === 'Killed' || m.status === 'Timeout') t.detected++;
    else if (m.status === 'Survived' || m.status === 'NoCoverage') t.undetected++;
  }
  return t;
}
const score = (t: Tally): number => (t.detected + t.undetected ? Math.floor((1000 * t.detected) / (t.detected + t.undetected)) / 10 : 100);

function load(): { report: Report; date: Date } | undefined {
  if (!fs.existsSync(MUTATION_REPORT)) return undefined;
  return { report: JSON.parse(fs.readFileSync(MUTATION_REPORT, 'utf8')) as Report, date: fs.statSync(MUTATION_REPORT).mtime };
}

/** Every file the mutation run mutates (stryker.config.mjs: each .ts file under src/core and src/app), relative to the repo. */
function mutatedFiles(): string[] {
  const root = path.resolve(__dirname, '..');
  const walk = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []);
  return [...walk('src/core'), ...walk('src/app')].sort();
}

/**
 * The files of src/core and src/app the report has no result for. A scoped run
 * (`--mutate a.ts,b.ts`) without an earlier complete one leaves the others out, and its
 * score is over the scoped files only: the bench says so rather than calling it the score.
 */
const notInReport = (report: Report): string[] => mutatedFiles().filter((f) => !(f in report.files));

const stamp = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** A source file edited since the run: its line numbers may have moved. */
function changedSince(file: string, source: string | undefined): boolean {
  const p = path.resolve(__dirname, '..', file);
  return source !== undefined && (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== source);
}

/** Score overall (goal ≥ 90 %), per file below 90 %, and the count of surviving mutants. */
export function mutationFigures(): Figure[] {
  const loaded = load();
  if (!loaded) return [];
  const { report, date } = loaded;
  const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b));
  const mutants = files.flatMap(([, f]) => f.mutants);
  const all = tally(mutants);
  const ignored = mutants.filter((m) => m.status === 'Ignored' || m.status === 'CompileError' || m.status === 'RuntimeError').length;
  const overall = score(all);
  const missing = notInReport(report);
  const scope = missing.length
    ? `${files.length} of ${files.length + missing.length} files of src/core + src/app only (the rest not in the report)`
    : 'src/core + src/app';
  const out = [
    figure(`mutation score of ${scope} (killed or timed out; last Stryker run, ${stamp(date)})`, overall, '%',
      missing.length ? undefined : { text: `≥ ${GOAL} %`, met: overall >= GOAL }),
    figure('mutants tested (killed + timed out + survived + not covered)', all.detected + all.undetected, 'mutants'),
    figure('mutants surviving (no unit test fails under them)', all.undetected, 'mutants'),
    figure('mutants not scored (static: run only as modules load; or an error)', ignored, 'mutants'),
  ];
  for (const [file, f] of files) {
    const s = score(tally(f.mutants));
    if (s < GOAL) out.push(figure(`mutation score ${file}${changedSince(file, f.source) ? ' (edited since)' : ''}`, s, '%'));
  }
  return out;
}

/** The surviving mutants, one line each (file:line:column, mutator, replacement), or how to produce the report. */
export function mutationSurvivors(): string {
  const loaded = load();
  if (!loaded) {
    return `No mutation report (${path.relative(process.cwd(), MUTATION_REPORT)}): \`npm run test:mutation\` produces it ` +
      '(StrykerJS over src/core and src/app against the unit tests; see README).';
  }
  const { report, date } = loaded;
  const rows: string[] = [];
  const edited: string[] = [];
  for (const [file, f] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    if (changedSince(file, f.source)) edited.push(file);
    const left = f.mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of left) {
      const r = (m.replacement ?? '').replace(/\s+/g, ' ');
      rows.push(`  ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}` +
        `${m.status === 'NoCoverage' ? ' (no test runs it)' : ''} → ${r.length > 70 ? `${r.slice(0, 69)}…` : r}`);
    }
  }
  const head = [`Surviving mutants (reports/mutation/mutation.json of ${stamp(date)}, from the last \`npm run test:mutation\`): ${rows.length}`];
  const missing = notInReport(report);
  if (missing.length) head.push(`  (the report has no result for ${missing.length} files (runs scoped with --mutate and no earlier complete run in the incremental file): ${missing.join(', ')})`);
  if (edited.length) head.push(`  (edited since that run, so their lines may have moved: ${edited.join(', ')})`);
  if (rows.length <= MAX_LISTED) return [...head, ...rows].join('\n');
  return [...head, ...rows.slice(0, MAX_LISTED), `  … and ${rows.length - MAX_LISTED} more (all of them in reports/mutation/mutation.html)`].join('\n');
}
