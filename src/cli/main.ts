/**
 * `summit`: Summit Planner from a terminal, over the Google Sheets API v4 (README, "Command line").
 *
 *   summit status [--json]
 *   summit guests import FILE.csv [--dry-run] [--skip-invalid] [--default-language sv|en]
 *   summit export ledger|guests [--format csv|json] [--decimal-comma] [--include-health] [--out FILE]
 *   summit verify-log [--anchor FILE]…
 *   summit setup
 * Common: --spreadsheet ID (or SUMMIT_SPREADSHEET), --endpoint URL, --key FILE, --lang sv|en.
 *
 * Exit codes: 0 done; 1 refused (bad input, a rule); 2 usage; 3 credentials or access; 4 quota;
 * 5 network or a write with unknown outcome; 6 the log is broken or truncated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sheets as sheetsApi, auth as googleAuth, type sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { parseAnchorText, type MailAnchor } from '../core/audit';
import { cliMsg } from '../core/messages/cli';
import { fmtFor, join } from '../core/i18n';
import { langFromLocale, UserError, type Lang, type Msg } from '../core/msg';
import { SHEETS } from '../core/schema';
import { call, classify, CliError, missingCredentials, type CallOptions } from './http';
import { ApiWorkbook, spreadsheetInfo } from './sheets-port';
import { zonedText } from './time';
import { decodeCsvFile } from './csv-file';
import {
  applyImport, exportTable, planImport, setupRequests, SHEETS_FOR, statusOf, verifyLog, type StatusReport,
} from './usecases';

export const GOOGLE_ENDPOINT = 'https://sheets.googleapis.com';
const READ_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';
const WRITE_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
/** Who the sandbox takes a local call for, when no credentials are given (one of its users). */
const SANDBOX_USER = 'projektledare@example.org';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  sleep(ms: number): Promise<void>;
  /** Counts HTTP requests (the benchmark). */
  readonly counter?: { requests: number };
  /** Base of the exponential backoff (ms). */
  readonly backoffMs?: number;
}

export const nodeIo = (): Io => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  env: process.env,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
});

interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['spreadsheet', 'endpoint', 'key', 'lang', 'format', 'out', 'anchor', 'default-language', 'as']);
const BOOL_FLAGS = new Set(['json', 'dry-run', 'decimal-comma', 'include-health', 'skip-invalid', 'help']);

const usage = (): Msg => cliMsg.usage(GOOGLE_ENDPOINT);

const usageError = (m: Msg): CliError => new CliError(join([m, usage()], '\n\n'), 2);

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (BOOL_FLAGS.has(name) && inline === undefined) { flags.set(name, ['']); continue; }
    if (!VALUE_FLAGS.has(name)) throw usageError(cliMsg.unknownOption(name));
    const value = inline ?? argv[++i];
    if (value === undefined) throw usageError(cliMsg.needsValue(name));
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

const flag = (a: Args, name: string): string | undefined => a.flags.get(name)?.at(-1);
const has = (a: Args, name: string): boolean => a.flags.has(name);

/** The language of messages: Swedish unless --lang en (or SUMMIT_LANG=en). */
function langOf(argv: readonly string[], env: Io['env']): Lang {
  const i = argv.findIndex((x) => x === '--lang' || x.startsWith('--lang='));
  const v = i < 0 ? env.SUMMIT_LANG : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return langFromLocale(v);
}

export async function main(argv: readonly string[], io: Io = nodeIo()): Promise<number> {
  const lang = langOf(argv, io.env);
  const say = (m: Msg) => io.err(`${m[lang]}\n`);
  try {
    const args = parseArgs(argv);
    if (has(args, 'help') || args.positional.length === 0) {
      io.out(usage()[lang]);
      return args.positional.length === 0 && !has(args, 'help') ? 2 : 0;
    }
    return await run(args, io, lang, say);
  } catch (e) {
    if (e instanceof CliError) { say(e.userMessage); return e.exitCode; }
    if (e instanceof UserError) { say(e.userMessage); return 1; }
    throw e;
  }
}

interface Session {
  readonly api: sheets_v4.Sheets;
  readonly id: string;
  readonly options: CallOptions;
}

async function run(args: Args, io: Io, lang: Lang, say: (m: Msg) => void): Promise<number> {
  const [command, sub, file] = args.positional;
  const commands = ['status', 'guests', 'export', 'verify-log', 'setup'];
  if (!commands.includes(command)) throw usageError(cliMsg.unknownCommand(command));
  const writes = command === 'setup' || (command === 'guests' && !has(args, 'dry-run'));
  if (command === 'guests' && (sub !== 'import' || !file)) throw usageError(cliMsg.giveImportFile());
  if (command === 'export' && sub !== 'ledger' && sub !== 'guests') throw usageError(cliMsg.giveExportWhat());
  // A bad file is refused before anything goes over the network.
  const text = command === 'guests' ? decodeCsvFile(file!, (m) => say(m)) : '';
  const s = await session(args, io, writes ? WRITE_SCOPE : READ_SCOPE, say);
  switch (command) {
    case 'status': return status(s, args, io, lang, say);
    case 'guests': return importGuests(s, args, text, say);
    case 'export': return exportSheet(s, args, io, sub as 'ledger' | 'guests', say);
    case 'verify-log': return verify(s, args, say);
    default: return setup(s, say);
  }
}

/** The client for the endpoint, with credentials: a token, a key file, ADC, or (the local sandbox) its user. */
async function session(args: Args, io: Io, scope: string, say: (m: Msg) => void): Promise<Session> {
  const id = flag(args, 'spreadsheet') ?? io.env.SUMMIT_SPREADSHEET ?? '';
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(id)) {
    throw usageError(cliMsg.giveSpreadsheet());
  }
  const endpoint = (flag(args, 'endpoint') ?? io.env.SUMMIT_ENDPOINT ?? GOOGLE_ENDPOINT).replace(/\/+$/, '');
  let url: URL;
  try { url = new URL(endpoint); } catch { throw usageError(cliMsg.badEndpoint(endpoint)); }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) throw usageError(cliMsg.endpointHttps());
  const options: CallOptions = {
    endpoint, spreadsheetId: id, tries: 5, baseDelayMs: io.backoffMs ?? 1000, sleep: io.sleep, onRetry: say, counter: io.counter,
  };
  const auth = await credentials(args, io, scope, local, options);
  // Node's own fetch: gaxios would otherwise import node-fetch dynamically on every run.
  const api = sheetsApi({ version: 'v4', auth, rootUrl: `${endpoint}/`, retry: false, fetchImplementation: fetch });
  return { api, id, options };
}

async function credentials(args: Args, io: Io, scope: string, local: boolean, o: CallOptions) {
  const token = io.env.SUMMIT_ACCESS_TOKEN;
  const key = flag(args, 'key') ?? (local ? undefined : io.env.GOOGLE_APPLICATION_CREDENTIALS);
  if (token || (local && !key)) {
    const client = new googleAuth.OAuth2();
    client.setCredentials({ access_token: token || `sandbox:${flag(args, 'as') ?? SANDBOX_USER}` });
    return client;
  }
  if (key && !fs.existsSync(key)) {
    throw new CliError(cliMsg.noKeyFile(key), 3);
  }
  const ga = new googleAuth.GoogleAuth({ scopes: [scope], ...(key ? { keyFile: key } : {}) });
  try {
    await ga.getClient(); // finds the credentials now, so a missing one is said before anything else
    return ga;
  } catch (e) {
    const c = classify(e, o, 'read');
    throw c.exitCode === 3 ? c : missingCredentials();
  }
}

/** Loads the sheets a command needs; a missing one is named with the sheets that are there (renamed?). */
async function load(s: Session, names: readonly string[]): Promise<ApiWorkbook> {
  const wb = await ApiWorkbook.load(s.api, s.id, names, s.options);
  const missing = names.filter((n) => !wb.table(n));
  if (missing.length) {
    throw new CliError(cliMsg.sheetMissing(missing, wb.info.title, wb.info.sheets.map((x) => x.title)), 1);
  }
  return wb;
}

// ---------------------------------------------------------------------------

async function status(s: Session, args: Args, io: Io, lang: Lang, say: (m: Msg) => void): Promise<number> {
  const wb = await load(s, SHEETS_FOR.status);
  const r = statusOf(wb);
  if (has(args, 'json')) {
    io.out(`${JSON.stringify(statusJson(r, wb.info.title, lang), null, 2)}\n`);
  } else {
    io.out(statusText(r, wb.info.title, lang));
  }
  for (const w of r.warnings) say(cliMsg.warning(w));
  return 0;
}

function statusJson(r: StatusReport, title: string, lang: Lang) {
  return {
    spreadsheet: title,
    budget: {
      unit: 'öre', total: r.budget.total, allocated: r.budget.allocated, consumed: r.budget.totals.consumed, available: r.budget.totals.available,
      balanced: r.budget.balanced, status: r.budget.status[lang],
      funders: r.budget.funders.map((f) => ({
        name: f.name, allocation: f.allocation, consumed: f.consumed, available: f.available, percentUsed: f.percentUsed, warning: f.warning, overspent: f.overspent,
      })),
    },
    guests: r.guests,
    unsealed: r.unsealed,
    warnings: r.warnings.map((w) => w[lang]),
  };
}

function statusText(r: StatusReport, title: string, lang: Lang): string {
  const f = fmtFor(lang);
  const head = [cliMsg.statusColFunder(), cliMsg.statusColAllocation(), cliMsg.statusColBooked(), cliMsg.statusColAvailable(), cliMsg.statusColUsed()].map((m) => m[lang]);
  const rows = r.budget.funders.map((x) => [x.name, f.money(x.allocation), f.money(x.consumed), f.money(x.available), f.percent(x.percentUsed)]);
  rows.push([cliMsg.statusTotal()[lang], f.money(r.budget.allocated), f.money(r.budget.totals.consumed), f.money(r.budget.totals.available), f.percent(r.budget.percentUsed)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const g = r.guests;
  const counts = Object.entries(g.byStatus).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || '–';
  return [
    cliMsg.statusTitle(title)[lang],
    '',
    line(head),
    ...rows.slice(0, -1).map(line),
    line(rows[rows.length - 1]),
    r.budget.status[lang],
    '',
    cliMsg.statusGuests(g.total, g.slotsUsed, g.cap, counts)[lang],
    '',
  ].join('\n');
}

async function importGuests(s: Session, args: Args, text: string, say: (m: Msg) => void): Promise<number> {
  const dl = flag(args, 'default-language');
  if (dl !== undefined && dl !== 'sv' && dl !== 'en') throw usageError(cliMsg.badDefaultLanguage());
  const wb = await load(s, SHEETS_FOR.import);
  const plan = planImport(wb, text, dl as 'sv' | 'en' | undefined);
  const p = plan.preview;
  if (p.fileErrors.length) throw new CliError(cliMsg.fileErrors(p.fileErrors), 1);
  say(cliMsg.checked(p.rows.length, p.valid, p.invalid));
  for (const r of p.rows) for (const e of r.errors) say(cliMsg.rowError(r.line, e));
  if (p.ignoredColumns.length) say(cliMsg.unusedColumns(p.ignoredColumns));
  if (p.noPart) say(cliMsg.noPart(p.noPart));
  if (p.overCap) say(cliMsg.overCap(p.overCap, p.free));
  if (p.invalid && !has(args, 'skip-invalid')) {
    throw new CliError(cliMsg.invalidRows(p.invalid, p.valid), 1);
  }
  if (plan.rows.length === 0) { say(cliMsg.nothingToImport()); return p.invalid ? 1 : 0; }
  if (has(args, 'dry-run')) {
    say(cliMsg.dryRun(plan.rows.length));
    return 0;
  }
  applyImport(wb, plan);
  const done = await wb.commit(({ sheet, rows }) => say(cliMsg.sending(rows, sheet)));
  const range = done.appended[0]?.range ?? '';
  say(cliMsg.imported(plan.rows.length, range));
  return 0;
}

async function exportSheet(s: Session, args: Args, io: Io, which: 'ledger' | 'guests', say: (m: Msg) => void): Promise<number> {
  const format = flag(args, 'format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw usageError(cliMsg.badFormat());
  const wb = await load(s, which === 'ledger' ? SHEETS_FOR.ledger : SHEETS_FOR.guests);
  const tz = wb.info.timeZone;
  const out = exportTable(wb, which, {
    format, decimalComma: has(args, 'decimal-comma'), includeHealth: has(args, 'include-health'), timeZone: tz,
    formatDate: (d, withTime) => zonedText(d, tz, withTime),
  });
  const file = flag(args, 'out');
  if (!file) { io.out(out); return 0; }
  // Written whole or not at all: a temporary file beside it, renamed over it.
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, out, 'utf8');
  fs.renameSync(tmp, file);
  say(cliMsg.exported(which === 'ledger' ? SHEETS.ledger : SHEETS.guests, file));
  return 0;
}

async function verify(s: Session, args: Args, say: (m: Msg) => void): Promise<number> {
  const anchors: MailAnchor[] = [];
  for (const f of args.flags.get('anchor') ?? []) {
    let t: string;
    try { t = fs.readFileSync(f, 'utf8'); } catch { throw new CliError(cliMsg.anchorUnreadable(f), 1); }
    const found = parseAnchorText(t);
    if (found.length === 0) {
      throw new CliError(cliMsg.noAnchorIn(f), 1);
    }
    anchors.push(...found);
  }
  const wb = await load(s, SHEETS_FOR.log);
  const r = verifyLog(wb, anchors);
  for (const m of r.messages) say(m);
  return r.ok ? 0 : 6;
}

async function setup(s: Session, say: (m: Msg) => void): Promise<number> {
  const wb = await ApiWorkbook.load(s.api, s.id, SHEETS_FOR.setup, s.options);
  const plan = setupRequests(wb, wb.info.sheets);
  const addon = cliMsg.setupAddon();
  if (plan.requests.length === 0) {
    say(cliMsg.setupNothing());
    if (plan.leftToAddon.length) say(addon);
    return 0;
  }
  await call(s.options, 'write', () => s.api.spreadsheets.batchUpdate({ spreadsheetId: s.id, requestBody: { requests: [...plan.requests] as sheets_v4.Schema$Request[] } }));
  say(cliMsg.setupDone(plan.created, plan.completed));
  say(addon);
  return 0;
}

export { spreadsheetInfo };

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => { console.error(e); process.exitCode = 1; });
}
