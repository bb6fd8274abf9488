/**
 * How long Apps Script's service calls take, in one place: the latency profile the latency tests
 * (test/bundle/latency.test.ts) and the benchmark (bench/latency.ts) give the emulator
 * (EmulatorOptions.latency, a virtual clock: nothing here slows the tests down in real time).
 *
 * Google publishes limits, not per-call times (../shared/reference/apps-script-platform.md
 * "Limits", "Performance"; developers.google.com/apps-script/guides/services/quotas), so the
 * figures are measurements others published, rounded:
 *
 * - MailApp.sendEmail 1 s: "An email with total size of 100KB will take about 1.2 seconds to send"
 *   (Small Outbox add-on FAQ, sites.google.com/quickfixters.com/add-onsuniverse/faq). An
 *   invitation with its .ics is far smaller; 1 s keeps a 25-guest batch near half a minute.
 * - A range read 200 ms, a range write 300 ms, Sheet.getLastRow()/getMaxRows() 150 ms: 1 000
 *   getLastRow() calls took 160 s, about 160 ms per round trip to Sheets
 *   (bugbugnow.net/2019/03/GoogleAppsScript-speed-up.html); a batched write of 10 000 cells
 *   ≈ 1 s (Google's best-practices page, apps-script-platform.md "Performance"). Reads and writes
 *   of one table are one round trip each here: 100–300 ms.
 * - SpreadsheetApp.flush() 500 ms: adding flush() to a 4 000-cell write took it from under 50 ms
 *   to 610 ms (Stack Overflow, "What is faster: ScriptDb or SpreadsheetApp?").
 * - Properties: setProperty 60 ms, getProperty 30 ms; Cache: put 90 ms, get 5 ms (averages of 100
 *   runs, ziritione.org/post/apps_script_performance: 62, 30, 93 and 3 ms).
 * - Everything else (getSheetByName, Session, an uncontended tryLock, …) 20 ms: no published
 *   figure; a small round trip.
 *
 * SLOW_DAY is every figure three times over: the slowest of those 100 runs were about 3× the
 * average (setProperty 231 ms, getProperty 84 ms, Cache.put 281 ms).
 */
import type { LatencyOptions } from '../../src/sandbox/emulator/runtime';

export const MAIL_MS = 1000;
export const RANGE_READ_MS = 200;
export const RANGE_WRITE_MS = 300;
export const SHEET_SIZE_MS = 150;
export const FLUSH_MS = 500;
export const DEFAULT_MS = 20;

const TYPICAL: Record<string, number> = {
  'MailApp.sendEmail': MAIL_MS,
  'Range.getValues': RANGE_READ_MS,
  'Sheet.getSheetValues': RANGE_READ_MS,
  'Range.setValues': RANGE_WRITE_MS,
  'Sheet.insertRowsAfter': RANGE_WRITE_MS,
  'Sheet.getLastRow': SHEET_SIZE_MS,
  'Sheet.getMaxRows': SHEET_SIZE_MS,
  'SpreadsheetApp.flush': FLUSH_MS,
  // Opening the workbook by ID (the add-on's RSVP web app): one round trip to Sheets, like a read.
  'SpreadsheetApp.openById': RANGE_READ_MS,
  'Properties.setProperty': 60,
  // Not measured separately; a write of several keys is at least a write of one.
  'Properties.setProperties': 60,
  'Properties.deleteProperty': 60,
  'Properties.getProperty': 30,
  'Properties.getProperties': 30,
  'Cache.put': 90,
  'Cache.get': 5,
};

const times = (k: number): LatencyOptions => ({
  defaultMs: DEFAULT_MS * k,
  byMethod: Object.fromEntries(Object.entries(TYPICAL).map(([m, ms]) => [m, ms * k])),
});

/** Typical latencies (see above). */
export const LATENCY: LatencyOptions = times(1);
/** Every call three times as slow: the slowest runs measured. */
export const SLOW_DAY: LatencyOptions = times(3);

/** A simple trigger's limit (onEdit): 30 s (apps-script-platform.md "Limits"; …/guides/triggers "Restrictions"). */
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
