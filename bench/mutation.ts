/**
 * Mutation score of the unit tests (StrykerJS), assembled from the reports of scoped runs: this
 * section measures nothing itself (a complete run takes 4 to 26 hours here, far longer than the bench).
 * A mutant is one small change to src/core or src/app (an operator, a condition, a constant); it is
 * killed when a unit test fails (or times out) under it, and survives when every test passes.
 *
 * Every committed record in bench/mutation-records/ (one per finished `npm run test:mutation`, kept
 * in git so results outlive the machine), every report in reports/stryker-incremental*.json (each
 * scoped run's incremental file) and
 * reports/mutation/*.json (copies of other worktrees' or machines' reports, mtime kept: `cp -p`) is read,
 * but reports/mutation/mutation.json, the last run's copy of its incremental file. For each mutant of today's sources (listed by Stryker's own instrumenter) the newest
 * status among the reports measured on the file's current text counts (bench/mutation-assembly.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { figure, type Figure } from './lib';
import {
  assemble, fromRecord, score, type Assembly, type CurrentFile, type CurrentMutant, type DatedReport, type MutationRecord, type Report,
} from './mutation-assembly';

const ROOT = path.resolve(__dirname, '..');
export const REPORTS = path.join(ROOT, 'reports');
/** The committed records of earlier runs (`npm run test:mutation` writes one when its run ends: scripts/mutation.mjs). */
export const RECORDS = path.join(ROOT, 'bench', 'mutation-records');
export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const GOAL = 90;
const MAX_LISTED = 40;

/** The committed records and the reports on disk (dated by their mtime: when the run that wrote them ended). */
function loadReports(): DatedReport[] {
  const records = fs.existsSync(RECORDS) ? fs.readdirSync(RECORDS).filter((n) => n.endsWith('.json')).sort() : [];
  const inDir = (dir: string, keep: (name: string) => boolean): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir).filter(keep).map((n) => path.join(dir, n)) : [];
  const paths = [
    // mutation.json is the last run's json report: the same as that run's incremental file, read below.
    ...inDir(path.join(REPORTS, 'mutation'), (n) => n.endsWith('.json') && n !== 'mutation.json'),
    ...inDir(REPORTS, (n) => n.startsWith('stryker-incremental') && n.endsWith('.json')),
  ];
  return [
    ...records.map((n) => fromRecord(`records/${n}`, JSON.parse(fs.readFileSync(path.join(RECORDS, n), 'utf8')) as MutationRecord)),
    ...paths.map((p) => ({
      name: path.relative(REPORTS, p),
      date: fs.statSync(p).mtime,
      report: JSON.parse(fs.readFileSync(p, 'utf8')) as Report,
    })),
  ];
}

/** Every file the mutation run mutates (stryker.config.mjs: each .ts file under src/core and src/app), relative to the repo. */
function mutatedFiles(): string[] {
  const walk = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []);
  return [...walk('src/core'), ...walk('src/app')].sort();
}

/** The mutants Stryker would make of today's sources, from its own instrumenter (so none is missed or made up). */
async function currentFiles(): Promise<Map<string, CurrentFile>> {
  const { Instrumenter } = await import('@stryker-mutator/instrumenter');
  const quiet = () => false;
  const nothing = () => undefined;
  const logger = {
    isTraceEnabled: quiet, isDebugEnabled: quiet, isInfoEnabled: quiet, isWarnEnabled: quiet, isErrorEnabled: quiet, isFatalEnabled: quiet,
    trace: nothing, debug: nothing, info: nothing, warn: nothing, error: nothing, fatal: nothing,
  };
  const out = new Map<string, CurrentFile>();
  for (const file of mutatedFiles()) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const { mutants } = await new Instrumenter(logger).instrument([{ name: file, content: source, mutate: true }],
      { plugins: null, excludedMutations: [], ignorers: [], noHeader: true });
    // The instrumenter counts lines and columns from 0, reports from 1. A mutant disabled by a
    // `// Stryker disable` comment is never run: it needs no measurement.
    const live: CurrentMutant[] = mutants.filter((m) => m.status !== 'Ignored').map((m) => ({
      mutatorName: m.mutatorName,
      replacement: m.replacement,
      location: {
        start: { line: m.location.start.line + 1, column: m.location.start.column + 1 },
        end: { line: m.location.end.line + 1, column: m.location.end.column + 1 },
      },
    }));
    out.set(file, { source, sha256: sha256(source), mutants: live });
  }
  return out;
}

let assembled: Promise<{ assembly: Assembly; reports: number } | undefined> | undefined;
/** Assembled once per bench run: the figures and the survivors' list read the same. */
function load(): Promise<{ assembly: Assembly; reports: number } | undefined> {
  assembled ??= (async () => {
    const reports = loadReports();
    if (reports.length === 0) return undefined;
    return { assembly: assemble(reports, await currentFiles()), reports: reports.length };
  })();
  return assembled;
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** UTC, as the README's measurements are dated. */
const stamp = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const when = (dates: { oldest: Date; newest: Date }): string =>
  stamp(dates.oldest) === stamp(dates.newest) ? stamp(dates.oldest) : `${stamp(dates.oldest)} to ${stamp(dates.newest)}`;

/** The overall score over the mutants measured, what it covers, and each measured file's score and date. */
export async function mutationFigures(): Promise<Figure[]> {
  const loaded = await load();
  if (!loaded) return [];
  const { assembly, reports } = loaded;
  const { tally } = assembly;
  const total = assembly.files.reduce((n, f) => n + f.mutants, 0);
  const unmeasured = assembly.files.reduce((n, f) => n + f.unmeasured.reduce((k, r) => k + r.mutants, 0), 0);
  const overall = score(tally);
  const complete = unmeasured === 0;
  const out = [
    figure(`mutation score, ${complete ? 'all of' : 'measured part of'} src/core + src/app (killed or timed out; newest of ` +
      `${reports} scoped runs' records and reports per mutant, each with a subset of the tests: a lower bound)`, overall, '%',
      complete ? { text: `≥ ${GOAL} %`, met: overall >= GOAL } : undefined),
    figure('mutants scored (killed + timed out + survived + not covered)', tally.detected + tally.undetected, 'mutants'),
    figure('mutants surviving (no unit test fails under them)', tally.undetected, 'mutants'),
    figure('mutants not scored (static: run only as modules load; or an error)', tally.notScored, 'mutants'),
    figure(`mutants of today's src/core + src/app not measured on today's source (of ${total})`, unmeasured, 'mutants'),
  ];
  for (const f of assembly.files) {
    if (!f.dates) continue;
    const left = f.unmeasured.reduce((k, r) => k + r.mutants, 0);
    out.push(figure(`mutation score ${f.file} (${when(f.dates)}${left ? `; ${left} of ${f.mutants} mutants not measured` : ''})`,
      score(f.tally), '%'));
  }
  return out;
}

/** What the figure covers (files and lines never measured on today's source, reports of older sources) and the survivors. */
export async function mutationSurvivors(): Promise<string> {
  const loaded = await load();
  if (!loaded) {
    return `No mutation record in ${path.relative(process.cwd(), RECORDS)} nor report in ${path.relative(process.cwd(), REPORTS)}: ` +
      'a scoped `npm run test:mutation` writes both ' +
      '(StrykerJS over src/core and src/app against the unit tests; see README).';
  }
  const { assembly } = loaded;
  const rows: string[] = [];
  for (const f of assembly.files) {
    const left = f.measured.map((m) => m.mutant)
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of left) {
      const r = (m.replacement ?? '').replace(/\s+/g, ' ');
      rows.push(`  ${f.file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}` +
        `${m.status === 'NoCoverage' ? ' (no test runs it)' : ''} → ${r.length > 70 ? `${r.slice(0, 69)}…` : r}`);
    }
  }
  const never = assembly.files.filter((f) => f.unmeasured.length > 0).map((f) => {
    if (!f.dates) return `  ${f.file}: all of it (${f.lines} lines, ${f.mutants} mutants)`;
    const ranges = f.unmeasured.map((r) => r.from === r.to ? `line ${r.from} (${count(r.mutants, 'mutant')})` : `lines ${r.from}–${r.to} (${count(r.to - r.from + 1, 'line')}, ${count(r.mutants, 'mutant')})`);
    return `  ${f.file} (${f.lines} lines): ${ranges.join(', ')}`;
  });
  const stale = assembly.files.filter((f) => f.stale.length > 0).map((f) =>
    `  ${f.file}: ${f.stale.map((s) => `${s.report} (${stamp(s.date)})`).join(', ')}`);
  const out = [
    `Not measured on today's source (no report measured these lines as they read now; files without mutants, types only, left out): ${never.length} files`,
    ...never,
  ];
  if (stale.length) out.push('Reports not counted for a file because they measured an earlier version of it:', ...stale);
  out.push(`Surviving mutants (newest status per mutant on today's source): ${rows.length}`);
  if (rows.length <= MAX_LISTED) out.push(...rows);
  else out.push(...rows.slice(0, MAX_LISTED), `  … and ${rows.length - MAX_LISTED} more (each run's reports/mutation/mutation.html lists its own)`);
  return out.join('\n');
}
