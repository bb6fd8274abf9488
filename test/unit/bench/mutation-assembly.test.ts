// The bench's mutation score assembled from scoped Stryker runs (bench/mutation-assembly.ts), on small
// made-up reports in the mutation-testing-report-schema v2 shape Stryker writes.
import { createHash } from 'node:crypto';
import {
  assemble, fromRecord, keyed, score, toRecord, type CurrentFile, type DatedReport, type MutantStatus, type MutationRecord,
  type ReportMutant,
} from '../../../bench/mutation-assembly';

const at = (line: number, column: number, endColumn = column + 1) =>
  ({ start: { line, column }, end: { line, column: endColumn } });
const mutant = (line: number, column: number, status: MutantStatus, replacement = 'true'): ReportMutant =>
  ({ mutatorName: 'ConditionalExpression', replacement, status, location: at(line, column) });
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const current = (source: string, mutants: readonly ReportMutant[]): CurrentFile => ({
  source, sha256: sha256(source), mutants: mutants.map(({ mutatorName, replacement, location }) => ({ mutatorName, replacement, location })),
});
const report = (name: string, iso: string, files: Record<string, { source: string; mutants: ReportMutant[] }>): DatedReport =>
  ({ name, date: new Date(iso), report: { files } });

const SRC_A = 'line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n';
// Six mutants of a.ts, one per line.
const A = [1, 2, 3, 4, 5, 6].map((l) => mutant(l, 3, 'Pending'));

test('each mutant counts once, with the newest status among the reports of its file\'s current source', () => {
  const older = report('older.json', '2026-12-03T06:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(1, 3, 'Survived'), mutant(2, 3, 'Killed'), mutant(3, 3, 'NoCoverage')] },
  });
  const newer = report('newer.json', '2026-12-03T12:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(1, 3, 'Killed'), mutant(3, 3, 'Timeout'), mutant(4, 3, 'Survived')] },
  });
  // Given newest first, too: the date decides, not the order the files were read in.
  const a = assemble([newer, older], new Map([['src/a.ts', current(SRC_A, A)]]));
  const [file] = a.files;
  // Line 1: Survived then Killed → Killed; 2: Killed; 3: NoCoverage then Timeout → Timeout; 4: Survived.
  expect(a.tally).toEqual({ detected: 3, undetected: 1, notScored: 0 });
  expect(score(a.tally)).toBe(75);
  expect(file.measured.find((m) => m.mutant.location.start.line === 1)).toMatchObject({ report: 'newer.json' });
  expect(file.measured.find((m) => m.mutant.location.start.line === 2)).toMatchObject({ report: 'older.json' });
  expect(file.dates).toEqual({ oldest: new Date('2026-12-03T06:00:00Z'), newest: new Date('2026-12-03T12:00:00Z') });
  // Lines 5 and 6 were in no report: one stretch, two lines, two mutants.
  expect(file.unmeasured).toEqual([{ from: 5, to: 6, mutants: 2 }]);
  expect(file.lines).toBe(6);
});

test('a report of an earlier version of a file is not counted for it, and is named as left out', () => {
  const edited = `${SRC_A}line 7\n`;
  const before = report('before-edit.json', '2026-12-03T13:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(1, 3, 'Killed'), mutant(2, 3, 'Killed')] },
    'src/b.ts': { source: 'b', mutants: [mutant(1, 1, 'Survived')] },
  });
  const after = report('after-edit.json', '2026-12-03T09:00:00Z', {
    'src/a.ts': { source: edited, mutants: [mutant(1, 3, 'Survived')] },
  });
  const a = assemble([before, after], new Map([['src/a.ts', current(edited, A)], ['src/b.ts', current('b', [mutant(1, 1, 'Pending')])]]));
  const [fileA, fileB] = a.files;
  // The newer report measured the old text of a.ts: only the older one, of today's text, counts.
  expect(fileA.stale).toEqual([{ report: 'before-edit.json', date: new Date('2026-12-03T13:00:00Z') }]);
  expect(fileA.tally).toEqual({ detected: 0, undetected: 1, notScored: 0 });
  expect(fileA.unmeasured).toEqual([{ from: 2, to: 6, mutants: 5 }]);
  // The same report still counts for b.ts, unchanged.
  expect(fileB.stale).toEqual([]);
  expect(fileB.tally).toEqual({ detected: 0, undetected: 1, notScored: 0 });
  expect(a.tally).toEqual({ detected: 0, undetected: 2, notScored: 0 });
});

test('a file no report measured on its current source has no dates and is unmeasured throughout', () => {
  const a = assemble([report('other.json', '2026-12-03T10:00:00Z', {
    'src/a.ts': { source: 'an older text', mutants: [mutant(1, 3, 'Killed')] },
  })], new Map([['src/a.ts', current(SRC_A, A)]]));
  expect(a.files[0].dates).toBeUndefined();
  expect(a.files[0].unmeasured).toEqual([{ from: 1, to: 6, mutants: 6 }]);
  expect(score(a.tally)).toBe(100); // nothing scored: the bench then says what was not measured
});

test('static and errored mutants are not scored; pending ones (a run stopped early) are not measured', () => {
  const a = assemble([report('r.json', '2026-12-03T10:00:00Z', {
    'src/a.ts': {
      source: SRC_A,
      mutants: [mutant(1, 3, 'Ignored'), mutant(2, 3, 'RuntimeError'), mutant(3, 3, 'CompileError'), mutant(4, 3, 'Pending'),
        mutant(5, 3, 'Killed'), mutant(6, 3, 'Survived')],
    },
  })], new Map([['src/a.ts', current(SRC_A, A)]]));
  expect(a.tally).toEqual({ detected: 1, undetected: 1, notScored: 3 });
  expect(a.files[0].unmeasured).toEqual([{ from: 4, to: 4, mutants: 1 }]);
});

test('scoped runs of two line ranges of one file add up; a stretch between them stays unmeasured', () => {
  const first = report('lines-1-2.json', '2026-12-03T10:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(1, 3, 'Killed'), mutant(2, 3, 'Killed')] },
  });
  const last = report('lines-5-6.json', '2026-12-03T11:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(5, 3, 'Killed'), mutant(6, 3, 'Survived')] },
  });
  const a = assemble([first, last], new Map([['src/a.ts', current(SRC_A, A)]]));
  expect(a.tally).toEqual({ detected: 3, undetected: 1, notScored: 0 });
  expect(a.files[0].unmeasured).toEqual([{ from: 3, to: 4, mutants: 2 }]);
});

test('mutants are matched by mutator, replacement, lines and rank on the line, not by column', () => {
  // Stryker's incremental mode may carry a result over a column or two off; two alike on one line pair up in order.
  const today = [mutant(2, 5, 'Pending', '""'), mutant(2, 20, 'Pending', '""'), mutant(2, 9, 'Pending', 'false')];
  const r = report('r.json', '2026-12-03T10:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(2, 7, 'Killed', '""'), mutant(2, 22, 'Survived', '""')] },
  });
  const a = assemble([r], new Map([['src/a.ts', current(SRC_A, today)]]));
  expect(a.tally).toEqual({ detected: 1, undetected: 1, notScored: 0 });
  // The `false` mutant is not the same mutant as either, whatever its column: unmeasured.
  expect(a.files[0].unmeasured).toEqual([{ from: 2, to: 2, mutants: 1 }]);
  expect([...keyed(today).values()].map((m) => m.location.start.column)).toEqual([5, 9, 20]);
});

test('unmeasured mutants on one line with a measured one between them make one stretch, not two', () => {
  const today = [mutant(3, 1, 'Pending', 'a'), mutant(3, 5, 'Pending', 'b'), mutant(3, 9, 'Pending', 'c'), mutant(4, 1, 'Pending', 'd')];
  const r = report('r.json', '2026-12-03T10:00:00Z', { 'src/a.ts': { source: SRC_A, mutants: [mutant(3, 5, 'Killed', 'b')] } });
  const a = assemble([r], new Map([['src/a.ts', current(SRC_A, today)]]));
  expect(a.files[0].unmeasured).toEqual([{ from: 3, to: 4, mutants: 3 }]);
});

test('the score is rounded down to a tenth of a percent', () => {
  expect(score({ detected: 2, undetected: 1, notScored: 0 })).toBe(66.6);
  expect(score({ detected: 999, undetected: 1, notScored: 0 })).toBe(99.9);
});

test('a committed record keeps each measured mutant and the text\'s hash, and counts only while the file reads the same', () => {
  const run = report('stryker-incremental-a.json', '2026-12-03T10:00:00Z', {
    'src/a.ts': { source: SRC_A, mutants: [mutant(1, 3, 'Killed'), mutant(2, 3, 'Survived'), mutant(3, 3, 'Pending')] },
    // A file whose every mutant is Pending (the run never reached it) has nothing to record.
    'src/b.ts': { source: 'b', mutants: [mutant(1, 1, 'Pending')] },
  });
  const record = toRecord(run.report, run.date, 'SUMMIT_MUTATION_TESTS=a; stryker --mutate src/a.ts', sha256);
  expect(record).toEqual({
    format: 'summit-mutation-record/1', ended: '2026-12-03T10:00:00.000Z', run: 'SUMMIT_MUTATION_TESTS=a; stryker --mutate src/a.ts',
    files: {
      'src/a.ts': {
        sha256: sha256(SRC_A),
        mutants: [['ConditionalExpression', 'true', 'Killed', 1, 3, 1, 4], ['ConditionalExpression', 'true', 'Survived', 2, 3, 2, 4]],
      },
    },
  });
  // Written as JSON and read back, it assembles as the report did.
  const back = fromRecord('records/a.json', JSON.parse(JSON.stringify(record)) as MutationRecord);
  expect(back.date).toEqual(run.date);
  const today = assemble([back], new Map([['src/a.ts', current(SRC_A, A)]]));
  expect(today.tally).toEqual({ detected: 1, undetected: 1, notScored: 0 });
  expect(today.files[0].unmeasured).toEqual([{ from: 3, to: 6, mutants: 4 }]);
  // One character changed in the file: the record no longer counts for it, and is named as left out.
  const edited = assemble([back], new Map([['src/a.ts', current(`${SRC_A} `, A)]]));
  expect(edited.tally).toEqual({ detected: 0, undetected: 0, notScored: 0 });
  expect(edited.files[0].stale).toEqual([{ report: 'records/a.json', date: run.date }]);
});

test('a mutant without a replacement keeps none through a record; a record of another format is refused', () => {
  const bare: ReportMutant = { mutatorName: 'BlockStatement', status: 'Killed', location: at(4, 1, 9) };
  const record = toRecord({ files: { 'src/a.ts': { source: SRC_A, mutants: [bare] } } }, new Date('2026-12-03T10:00:00Z'), 'r', sha256);
  expect(record.files['src/a.ts'].mutants).toEqual([['BlockStatement', null, 'Killed', 4, 1, 4, 9]]);
  expect(fromRecord('r.json', record).report.files['src/a.ts'].mutants).toEqual([bare]);
  expect(() => fromRecord('old.json', { ...record, format: 'summit-mutation-record/0' } as unknown as MutationRecord))
    .toThrow('old.json: not a summit-mutation-record/1 (format summit-mutation-record/0)');
});
