/**
 * "Set up workbook" as a pure plan: what exists, what to create, what is in
 * conflict. The Apps Script adapter (src/gas/setup.ts) carries it out. Setup
 * never overwrites: a sheet whose headers were renamed, removed or duplicated
 * is reported and the whole setup changes nothing.
 */
import { settingDefsOf, SETTING_KEYS, type SettingsSheet } from './settings';
import { columnIndex, SHEET_ORDER, SHEETS, TABLES, type SheetKey, type TableKey } from './schema';
import { join } from './i18n';
import type { Msg } from './msg';
import { settingsMsg } from './messages/settings';

export interface ExistingSheet {
  readonly name: string;
  /** Row 1 as read ([] for an empty sheet). */
  readonly header: readonly unknown[];
  readonly lastRow: number;
}

export type SheetPlan =
  | { readonly key: SheetKey; readonly action: 'create' }
  | { readonly key: SheetKey; readonly action: 'init' } // exists but empty: write the header
  /** Exists; `append` lists columns added by a later version that the sheet still lacks. */
  | { readonly key: SheetKey; readonly action: 'keep'; readonly append?: readonly string[] }
  | { readonly key: SheetKey; readonly action: 'conflict'; readonly problem: Msg };

export interface SetupPlan {
  readonly sheets: readonly SheetPlan[];
  readonly conflicts: readonly Msg[];
}

export const isTableKey = (k: SheetKey): k is TableKey => k !== 'overview';

export function planSetup(existing: readonly ExistingSheet[]): SetupPlan {
  const byName = new Map(existing.map((s) => [s.name, s]));
  const sheets = SHEET_ORDER.map((key): SheetPlan => {
    const found = byName.get(SHEETS[key]);
    if (!found) return { key, action: 'create' };
    if (!isTableKey(key)) return { key, action: 'keep' };
    const blank = found.header.every((h) => String(h ?? '').trim() === '');
    if (blank) {
      return found.lastRow <= 1
        ? { key, action: 'init' }
        : { key, action: 'conflict', problem: settingsMsg.noHeaderRow(found.name) };
    }
    const res = columnIndex(found.header, TABLES[key].columns.map((c) => c.header));
    if (res.ok) return { key, action: 'keep' };
    // Columns a later version added are appended; any other missing column was renamed or removed by hand.
    const later = new Set(TABLES[key].columns.filter((c) => c.since).map((c) => c.header));
    if (res.duplicate.length === 0 && res.missing.every((m) => later.has(m))) return { key, action: 'keep', append: res.missing };
    const p = headerProblems(res.missing, res.duplicate, { missing: settingsMsg.headersLacking, duplicate: settingsMsg.headersTwice });
    return { key, action: 'conflict', problem: settingsMsg.changedHeaders(found.name, p) };
  });
  const conflicts = sheets.flatMap((s) => (s.action === 'conflict' ? [s.problem] : []));
  return { sheets, conflicts };
}

/**
 * Missing and duplicate headers, each worded by a message of the quoted list (set-up's conflicts and
 * src/app/tables.ts word it differently).
 */
export function headerProblems(
  missing: readonly string[], duplicate: readonly string[],
  words: { readonly missing: (list: string) => Msg; readonly duplicate: (list: string) => Msg },
): Msg {
  const list = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');
  return join([missing.length ? words.missing(list(missing)) : null, duplicate.length ? words.duplicate(list(duplicate)) : null], '; ');
}

/**
 * Settings rows [key, value] of `sheet` missing from `existingKeys`. On a
 * workbook with no administrator and no roles, whoever sets it up becomes
 * its administrator and project leader, so someone can give the roles.
 * `carried` holds values found elsewhere (event details an older version
 * kept on Inställningar): they are moved, not reset to defaults.
 */
export function missingSettingsRows(
  sheet: SettingsSheet, existingKeys: readonly string[], creatorEmail: string, firstRun: boolean, carried: ReadonlyMap<string, unknown> = new Map(),
): [string, unknown][] {
  const have = new Set(existingKeys.map((k) => k.trim().toLocaleLowerCase('sv')));
  return settingDefsOf(sheet).filter(([key]) => !have.has(key.toLocaleLowerCase('sv'))).map(([key, value]) => {
    const k = key.toLocaleLowerCase('sv');
    if (carried.has(k)) return [key, carried.get(k)];
    const mine = firstRun && creatorEmail && (key === SETTING_KEYS.projectLeader || key === SETTING_KEYS.admins);
    return [key, mine ? creatorEmail : value];
  });
}

/**
 * Budget rows for a new workbook: the decision gives no split, so the total
 * is shared equally (remainder öre to the first funder) and marked as a
 * default for the steering group to change. Σ allocations = total exactly.
 */
export function defaultBudgetRows(
  totalOre: number, funders: readonly string[] = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'],
): (string | number)[][] {
  const n = funders.length;
  const share = Math.floor(totalOre / n);
  const rest = totalOre - share * n;
  return funders.map((f, i) => [f, (share + (i === 0 ? rest : 0)) / 100, '', 'Standardfördelning vid konfigurering: styrgruppen ändrar den via Fördela budget.']);
}

/** The reminder templates set-up adds (to a new workbook, and to an older one that has none for a language): [language, subject, body]. */
export const defaultReminderTemplates = (): string[][] => [
  ['sv', 'Påminnelse: {{Evenemang}} – svara senast {{Sista svarsdag}}', `Bästa {{Förnamn}} {{Efternamn}},

Vi har ännu inte fått ditt svar på inbjudan till **{{Evenemang}}**, {{Startdatum}}–{{Slutdatum}} i {{Plats}}.

Du är inbjuden till: {{Inbjuden till}}.

Vänligen svara senast {{Sista svarsdag}} via din personliga länk: {{Svarslänk}}

Med vänliga hälsningar
{{Avsändare}}`],
  ['en', 'Reminder: {{Evenemang}} – please reply by {{Sista svarsdag}}', `Dear {{Förnamn}} {{Efternamn}},

We have not yet received your reply to the invitation to **{{Evenemang}}**, {{Startdatum}}–{{Slutdatum}} in {{Plats}}.

You are invited to: {{Inbjuden till}}.

Please reply by {{Sista svarsdag}} through your personal link: {{Svarslänk}}

Kind regards,
{{Avsändare}}`],
];

/** The Mallar rows for a new workbook: [language, subject, body]. */
export const defaultTemplates = (): string[][] => [
  ['sv', 'Inbjudan till {{Evenemang}} i Stockholm', `Bästa {{Förnamn}} {{Efternamn}},

Stockholms stad har glädjen att bjuda in dig till **{{Evenemang}}**, som staden arrangerar tillsammans med Cisco under Nobelveckan, {{Startdatum}}–{{Slutdatum}} i {{Plats}}.

Konferensen samlar beslutsfattare inom IT och offentlig förvaltning. Programmet innehåller:
- plenarsessioner och specialistsessioner
- workshops och studiebesök i stadens verksamheter
- stadens representationsmiddag

Du är inbjuden till: {{Inbjuden till}}.

Vänligen svara senast {{Sista svarsdag}} via din personliga länk: {{Svarslänk}}

Välkommen!
{{Avsändare}}`],
  ['en', 'Invitation to {{Evenemang}} in Stockholm', `Dear {{Förnamn}} {{Efternamn}},

The City of Stockholm is pleased to invite you to **{{Evenemang}}**, co-organised with Cisco during Nobel week, {{Startdatum}}–{{Slutdatum}} in {{Plats}}.

The conference brings together decision makers in ICT and public administration. The programme includes:
- plenary and specialist sessions
- workshops and study visits in the city's services
- the city's representation dinner

You are invited to: {{Inbjuden till}}.

Please reply by {{Sista svarsdag}} through your personal link: {{Svarslänk}}

Welcome!
{{Avsändare}}`],
];
