/**
 * One mutation score for src/core and src/app assembled from many scoped Stryker runs.
 *
 * A complete run takes 4 to 26 hours on the two shared cores here, so the score is measured in
 * scoped runs (a file or a line range, often with only the tests that concern it), each leaving a
 * complete mutation-testing report (schema v2). This module is the pure part: given those reports
 * (each with its date) and the mutants of today's sources, it takes for every mutant the newest
 * status among the reports measured on the file's current source, and says which mutants no report
 * measured. A report of an older version of a file is not counted for that file: its line numbers and
 * its tests may no longer hold. Each scoped run's score is a lower bound of what the whole suite
 * kills (it ran a subset of the tests), and so is the assembled one.
 */

/** Stryker's statuses (mutation-testing-report-schema v2). */
export type MutantStatus =
  | 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface Position { readonly line: number; readonly column: number }
export interface Location { readonly start: Position; readonly end: Position }

/** The part of a report's mutant read here. */
export interface ReportMutant {
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly location: Location;
}

/**
 * A file as a report measured it: Stryker's own reports carry its whole text (`source`); a committed
 * record (below) carries the text's SHA-256 instead.
 */
export interface ReportFile { readonly source?: string; readonly sourceSha256?: string; readonly mutants: readonly ReportMutant[] }

export interface Report {
  readonly files: Record<string, ReportFile>;
}

/** A report as found on disk: its name (for the reader) and date (the file's mtime: when the run ended). */
export interface DatedReport { readonly name: string; readonly date: Date; readonly report: Report }

/** A mutant Stryker would make of today's source (from its instrumenter; lines and columns 1-based, as in reports). */
export interface CurrentMutant { readonly mutatorName: string; readonly replacement?: string; readonly location: Location }

/**
 * Today's file: its text, the text's SHA-256 (hex) and every mutant of it (those disabled by a
 * `// Stryker disable` comment left out).
 */
export interface CurrentFile { readonly source: string; readonly sha256: string; readonly mutants: readonly CurrentMutant[] }

export interface Measured { readonly mutant: ReportMutant; readonly date: Date; readonly report: string }

export interface Tally { readonly detected: number; readonly undetected: number; readonly notScored: number }

export interface LineRange { readonly from: number; readonly to: number; readonly mutants: number }

export interface FileResult {
  readonly file: string;
  /** Lines of today's source. */
  readonly lines: number;
  /** Mutants of today's source. */
  readonly mutants: number;
  readonly tally: Tally;
  /** The statuses counted, newest per mutant. */
  readonly measured: readonly Measured[];
  /** Oldest and newest date of the statuses counted (undefined when none). */
  readonly dates?: { readonly oldest: Date; readonly newest: Date };
  /** Stretches of today's source whose mutants no report measured on it. */
  readonly unmeasured: readonly LineRange[];
  /** Reports left out for this file because they measured another version of it. */
  readonly stale: readonly { readonly report: string; readonly date: Date }[];
}

export interface Assembly {
  readonly files: readonly FileResult[];
  readonly tally: Tally;
}

/** Detected = killed or timed out; undetected = survived or not covered; the rest (static, errors) is not scored. */
const DETECTED: ReadonlySet<MutantStatus> = new Set(['Killed', 'Timeout']);
const UNDETECTED: ReadonlySet<MutantStatus> = new Set(['Survived', 'NoCoverage']);

/**
 * The same mutant in two runs of the same source: same mutator, same replacement, same lines, and the
 * same rank among such mutants from left to right. Columns are not compared: a report whose mutant was
 * carried over by Stryker's incremental mode may place it a column or two off on the same line.
 */
export function keyed<M extends CurrentMutant>(mutants: readonly M[]): Map<string, M> {
  const sorted = [...mutants].sort((a, b) =>
    a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
  const out = new Map<string, M>();
  for (const m of sorted) {
    const base = `${m.mutatorName}\u0000${m.replacement ?? ''}\u0000${m.location.start.line}-${m.location.end.line}`;
    let rank = 0;
    while (out.has(`${base}\u0000${rank}`)) rank++;
    out.set(`${base}\u0000${rank}`, m);
  }
  return out;
}

export function tally(mutants: readonly ReportMutant[]): Tally {
  let detected = 0;
  let undetected = 0;
  let notScored = 0;
  for (const m of mutants) {
    if (DETECTED.has(m.status)) detected++;
    else if (UNDETECTED.has(m.status)) undetected++;
    else if (m.status !== 'Pending') notScored++;
  }
  return { detected, undetected, notScored };
}

/** Stryker's score, rounded down to a tenth of a percent (100 when nothing was scored). */
export const score = (t: Tally): number =>
  t.detected + t.undetected ? Math.floor((1000 * t.detected) / (t.detected + t.undetected)) / 10 : 100;

/** Did the report measure today's text? Compared whole when the report has it, else by its hash. */
const sameSource = (measured: ReportFile, current: CurrentFile): boolean =>
  measured.source !== undefined ? measured.source === current.source : measured.sourceSha256 === current.sha256;

/** The newest status of each mutant of `current` among the reports measured on exactly this source. */
function newestStatuses(file: string, current: CurrentFile, reports: readonly DatedReport[]) {
  const byKey = new Map<string, Measured>();
  const stale: { report: string; date: Date }[] = [];
  for (const r of reports) {
    const measured = r.report.files[file];
    if (!measured) continue;
    if (!sameSource(measured, current)) {
      stale.push({ report: r.name, date: r.date });
      continue;
    }
    for (const [key, m] of keyed(measured.mutants)) {
      if (m.status === 'Pending') continue; // a run stopped before reaching it
      const before = byKey.get(key);
      if (!before || before.date.getTime() <= r.date.getTime()) byKey.set(key, { mutant: m, date: r.date, report: r.name });
    }
  }
  return { byKey, stale };
}

/**
 * Today's mutants no report measured, as stretches of lines: consecutive unmeasured mutants (in order
 * of where they start) make one stretch, from the first one's start line to the last one's; a measured
 * mutant between them ends it, unless it starts on the same line.
 */
function unmeasuredRanges(current: CurrentFile, measured: ReadonlySet<string>): LineRange[] {
  const out: { from: number; to: number; mutants: number }[] = [];
  let open: { from: number; to: number; mutants: number } | undefined;
  for (const [key, m] of keyed(current.mutants)) {
    if (measured.has(key)) {
      open = undefined;
      continue;
    }
    if (!open) {
      // Measured and unmeasured mutants on one line: one stretch for that line, not one per gap.
      const last = out[out.length - 1] as (typeof out)[number] | undefined;
      if (last && last.to >= m.location.start.line) open = last;
      else {
        open = { from: m.location.start.line, to: m.location.start.line, mutants: 0 };
        out.push(open);
      }
    }
    open.to = m.location.start.line;
    open.mutants++;
  }
  return out;
}

const lineCount = (source: string): number => source.split('\n').length - (source.endsWith('\n') ? 1 : 0);

/** Assemble every file of `current` (today's src/core and src/app) from `reports`. */
export function assemble(reports: readonly DatedReport[], current: ReadonlyMap<string, CurrentFile>): Assembly {
  const files: FileResult[] = [];
  for (const [file, cur] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
    const { byKey, stale } = newestStatuses(file, cur, reports);
    const measured = [...byKey.values()];
    const times = measured.map((m) => m.date.getTime());
    files.push({
      file,
      lines: lineCount(cur.source),
      mutants: cur.mutants.length,
      tally: tally(measured.map((m) => m.mutant)),
      measured,
      dates: times.length ? { oldest: new Date(Math.min(...times)), newest: new Date(Math.max(...times)) } : undefined,
      unmeasured: unmeasuredRanges(cur, new Set(byKey.keys())),
      stale,
    });
  }
  const sum = (k: keyof Tally): number => files.reduce((n, f) => n + f.tally[k], 0);
  return { files, tally: { detected: sum('detected'), undetected: sum('undetected'), notScored: sum('notScored') } };
}

/**
 * A committed record of one Stryker run (bench/mutation-records/): what its report says of each mutant,
 * without the files' texts, test names or coverage, so that a run's results outlive the machine it ran
 * on (reports/ is not committed, and a complete run takes hours here). A file's text is known by its
 * SHA-256: the record counts for a file only while the file reads exactly as it did then.
 */
export interface MutationRecord {
  readonly format: typeof RECORD_FORMAT;
  /** When the run's report was written (ISO 8601). */
  readonly ended: string;
  /** What was run: the tests and the scope, for the reader (a run with some of the tests is a lower bound). */
  readonly run: string;
  readonly files: Record<string, { readonly sha256: string; readonly mutants: readonly RecordMutant[] }>;
}
/** A mutant: mutator, replacement (null when Stryker gave none), status, then start and end line and column (1-based). */
export type RecordMutant = readonly [string, string | null, MutantStatus, number, number, number, number];
export const RECORD_FORMAT = 'summit-mutation-record/1';

/**
 * The record of a report. `sha256` hashes a file's text (given, so this module stays free of Node).
 * Mutants a run never reached (Pending) are left out, and so is a file with none measured.
 */
export function toRecord(report: Report, ended: Date, run: string, sha256: (text: string) => string): MutationRecord {
  const files: Record<string, MutationRecord['files'][string]> = {};
  for (const [name, file] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const mutants = file.mutants.filter((m) => m.status !== 'Pending').map((m): RecordMutant => [
      m.mutatorName, m.replacement ?? null, m.status,
      m.location.start.line, m.location.start.column, m.location.end.line, m.location.end.column,
    ]);
    const hash = file.sourceSha256 ?? (file.source === undefined ? undefined : sha256(file.source));
    if (mutants.length && hash) files[name] = { sha256: hash, mutants };
  }
  return { format: RECORD_FORMAT, ended: ended.toISOString(), run, files };
}

/** A record read back as a dated report (its date: when its run ended). */
export function fromRecord(name: string, record: MutationRecord): DatedReport {
  if (record.format !== RECORD_FORMAT) throw new Error(`${name}: not a ${RECORD_FORMAT} (format ${String(record.format)})`);
  const files: Record<string, ReportFile> = {};
  for (const [file, f] of Object.entries(record.files)) {
    files[file] = {
      sourceSha256: f.sha256,
      mutants: f.mutants.map(([mutatorName, replacement, status, sl, sc, el, ec]) => ({
        mutatorName, ...(replacement === null ? {} : { replacement }), status,
        location: { start: { line: sl, column: sc }, end: { line: el, column: ec } },
      })),
    };
  }
  return { name, date: new Date(record.ended), report: { files } };
}
