/**
 * First-start example data for the sandbox, made by driving the add-on
 * itself (the built Code.js in the emulator), never by writing its sheets
 * behind its back:
 *   1. "Konfigurera arbetsboken" (menuSetup) as the project leader;
 *   2. the roles, given by the project leader (who owns the file and so is
 *      its administrator) in the settings sidebar (saveSettings);
 *   3. example costs, guests … through the add-on's API functions, each only
 *      if that function exists in Code.js (add entries to EXAMPLE_CALLS).
 * Every name is marked "(exempel)" and every address is @example.org.
 */
import type { Emulator, ExecutionResult } from './emulator/runtime';
import { isCallableFromClient } from './emulator/runtime';

export const SEED_USERS = {
  projectLeader: 'projektledare@example.org',
  steering: 'styrgrupp@example.org',
  finance: 'ekonomi@example.org',
} as const;

export const SEED_SPREADSHEET_NAME = 'Public Services Summit 2009 – planering (exempel)';

/** Inställningar key → value the seed gives (through the settings sidebar's API). */
export const SEED_ROLES: readonly (readonly [string, string])[] = [
  ['Styrgrupp', SEED_USERS.steering],
  ['Projektledare', SEED_USERS.projectLeader],
  ['Ekonomi', SEED_USERS.finance],
];

export interface ExampleCall {
  /** What the log line says. */
  label: string;
  /** A sidebar-callable function of Code.js; the call is skipped while it doesn't exist. */
  fn: string;
  user: string;
  args: unknown[];
}

/**
 * Example data through the add-on's API (as its sidebars call it). Extend
 * this list as API functions appear; a function not in Code.js is skipped,
 * a failing call is reported and the seed goes on.
 */
export const EXAMPLE_CALLS: ExampleCall[] = [
  // Budget (issue 3): four example costs registered by the finance officer, one transfer by the steering group.
  ...([
    ['STOKAB', 'workshops', 'Lokalhyra workshoppar (exempel)', '42 500', 'Beställd', 'Stockholmsmässan (exempel)'],
    ['Kommunstyrelsen', 'representationsmiddag', 'Representationsmiddag, förskott (exempel)', '95 000', 'Planerad', 'Stadshuskällaren (exempel)'],
    ['Stockholm Business Region AB', 'kommunikation', 'Trycksaker och webb (exempel)', '18 750,50', 'Fakturerad', 'Tryckeriet AB (exempel)'],
    ['Utbildningsnämnden', 'studiebesök', 'Bussar till studiebesök (exempel)', '12 000', 'Betald', 'Bussbolaget (exempel)'],
  ] as const).map(([funder, category, description, amount, status, supplier], i): ExampleCall => ({
    label: `Exempelkostnad ${i + 1} (${funder})`,
    fn: 'recordCost',
    user: SEED_USERS.finance,
    args: [{ funder, category, description, amount, date: `2009-10-${String(10 + i * 5)}`, supplier, reference: `EX-${i + 1}`, status }],
  })),
  // Beslut (issue 10): the steering group's decisions that the transfer and the approval below cite, and one pending.
  ...([
    ['2009-10-05', 'Tema', 'Temat för stadens medverkan: "Den öppna staden – e-tjänster för alla" (exempel).', 'Dnr 007-983/2009 § 1 (exempel)', 'Fattat'],
    ['2009-10-05', 'Inbjudningslista', 'Inbjudningslistan: de fyra första förslagen godkänns (exempel).', 'Dnr 007-983/2009 § 2 (exempel)', 'Fattat'],
    ['2009-10-20', 'Budgetomfördelning', 'Flytta 10 000 kr från STOKAB till Kommunstyrelsen för representation (exempel).', 'Dnr 007-983/2009 § 3 (exempel)', 'Fattat'],
    ['2009-11-02', 'Huvudtalare', 'Finansborgarrådet inleder konferensen (förslag, exempel).', '', 'Förslag'],
  ] as const).map(([date, subject, text, reference, status], i): ExampleCall => ({
    label: `Exempelbeslut ${i + 1} (${subject})`,
    fn: 'recordDecision',
    user: SEED_USERS.steering,
    args: [{ date, subject, text, reference, decidedBy: 'Styrgruppen', status, note: '' }],
  })),
  {
    label: 'Exempelomfördelning (STOKAB → Kommunstyrelsen)',
    fn: 'transferFunds',
    user: SEED_USERS.steering,
    args: [{ from: 'STOKAB', to: 'Kommunstyrelsen', amount: '10 000', decisionRef: 'B-0003', comment: 'Exempel' }],
  },
  // Gäster (issue 4): six proposals imported by the project leader, four approved by the steering group.
  {
    label: 'Exempelgäster importerade',
    fn: 'importGuestRows',
    user: SEED_USERS.projectLeader,
    args: [{
      text: [
        'Förnamn;Efternamn;Titel;Organisation;Land;E-post;Språk;Evenemang',
        'Astrid (exempel);Lindqvist;Digitaliseringsdirektör;Exempelkommunen;Sverige;astrid.lindqvist@example.org;sv;konferensen, representationsmiddagen',
        'Émile (exempel);Dubois;CIO;Ville d\'Exemple;Frankrike;emile.dubois@example.org;en;konferensen',
        'Åke (exempel);Öberg;Förvaltningschef;Exempelregionen;Sverige;ake.oberg@example.org;sv;konferensen, studiebesök',
        'Grace (exempel);Hopper;Director;Example Agency;USA;grace.hopper@example.org;en;konferensen, representationsmiddagen',
        'Mika (exempel);Virtanen;Kehitysjohtaja;Esimerkkikaupunki;Finland;mika.virtanen@example.org;en;konferensen',
        'Sara (exempel);Berg;Projektledare;Exempelbolaget AB;Sverige;sara.berg@example.org;sv;konferensen',
      ].join('\n'),
    }],
  },
  { label: 'Fyra exempelgäster godkända', fn: 'approve', user: SEED_USERS.steering, args: [{ ids: ['G-0001', 'G-0002', 'G-0003', 'G-0004'], decision: 'B-0002' }] },
];

function ok(r: ExecutionResult & { rejected?: string }): string | null {
  if (!r.ok) return r.error?.message ?? 'okänt fel';
  if (r.rejected) return `avvisad: ${r.rejected}`;
  // The add-on's API answers { ok: false, message } for expected failures.
  const v = r.result as { ok?: unknown; message?: unknown } | undefined;
  if (v && typeof v === 'object' && v.ok === false) return String(v.message ?? 'misslyckades');
  // Menu actions report failures in an alert.
  const alert = r.ui.alerts[0];
  if (alert) return `${alert.title}: ${alert.prompt}`;
  return null;
}

/** Seeds a fresh workbook; returns one human-readable line per step. */
export function seedWorkbook(emu: Emulator, code: string): string[] {
  const out: string[] = [];
  const run = (fn: string, user: string, args: unknown[] = []) =>
    emu.runExecution(code, fn, args, { authMode: 'FULL', user, locale: 'sv_SE' });

  emu.state.spreadsheet.name = SEED_SPREADSHEET_NAME;
  emu.save();

  if (!isCallableFromClient(code, 'menuSetup')) {
    out.push('menuSetup finns inte i Code.js ännu: arbetsboken lämnades tom.');
    return out;
  }
  const setup = run('menuSetup', SEED_USERS.projectLeader);
  const setupErr = ok(setup);
  out.push(setupErr ? `Konfigurera arbetsboken misslyckades: ${setupErr} (exempeldata kan saknas; kör npm start -- --reset när felet är rättat)` : `Konfigurerade arbetsboken som ${SEED_USERS.projectLeader}.`);
  // Go on even after a failure: whatever setup did create still gets roles and examples.

  out.push(...setRoles(emu, code));

  for (const c of EXAMPLE_CALLS) {
    if (!isCallableFromClient(code, c.fn)) {
      out.push(`${c.label}: hoppade över (${c.fn} finns inte i Code.js ännu).`);
      continue;
    }
    const err = ok(run(c.fn, c.user, c.args));
    out.push(err ? `${c.label}: misslyckades: ${err}` : `${c.label}: klart.`);
  }
  return out;
}

/** Gives the roles through the settings sidebar's API, as the owner (the project leader) would. */
function setRoles(emu: Emulator, code: string): string[] {
  if (!isCallableFromClient(code, 'saveSettings')) return ['saveSettings finns inte i Code.js: roller sattes inte.'];
  const values = Object.fromEntries(SEED_ROLES);
  const r = emu.runExecution(code, 'saveSettings', [{ sheet: 'settings', values }], { authMode: 'FULL', user: SEED_USERS.projectLeader, locale: 'sv_SE' });
  const err = ok(r);
  return err ? [`Roller: misslyckades: ${err}`] : SEED_ROLES.map(([k, v]) => `Roll ${k}: ${v}.`);
}
