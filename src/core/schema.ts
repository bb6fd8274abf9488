/**
 * The workbook: sheet names, header names and their formats. Code finds
 * columns by header name (never by position) through `columnIndex`.
 */

export type ColumnFormat = 'text' | 'sek' | 'date' | 'datetime' | 'percent' | 'integer' | 'time';

/** The number format set-up gives each column format (the add-on's and the CLI's set-up both apply it). */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string | undefined>> = {
  sek: '#,##0.00 "kr"', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', time: 'hh:mm', percent: '0"\u00a0%"', integer: '0', text: undefined,
};

export interface ColumnDef {
  readonly header: string;
  readonly format: ColumnFormat;
  /** Data-validation list source: a fixed list, or a named list from settings. */
  readonly list?: 'funders' | 'categories' | 'costStatuses' | 'languages' | 'guestStatuses' | 'events' | 'decisionSubjects' | 'decisionStatuses';
  readonly width?: number;
  /**
   * Added after the first release: set-up appends the column to an existing
   * sheet that lacks it (a missing column without `since` is a renamed or
   * removed header, which set-up refuses to guess about).
   */
  readonly since?: 2;
}

export interface TableDef {
  readonly sheet: string;
  readonly columns: readonly ColumnDef[];
  /** Rows above the data: the header row. */
  readonly frozenRows: number;
}

export const SHEETS = {
  overview: 'Översikt',
  budget: 'Budget',
  ledger: 'Kostnader',
  transfers: 'Omfördelningar',
  guests: 'Gäster',
  templates: 'Mallar',
  program: 'Program',
  decisions: 'Beslut',
  settings: 'Inställningar',
  event: 'Evenemang',
  log: 'Logg',
} as const;

export type SheetKey = keyof typeof SHEETS;

export const COST_STATUSES = ['Planerad', 'Beställd', 'Fakturerad', 'Betald', 'Makulerad'] as const;
export type CostStatus = (typeof COST_STATUSES)[number];

export const CATEGORIES = [
  'huvudtalare', 'plenarsessioner', 'specialistsessioner', 'workshops', 'studiebesök',
  'representationsmiddag', 'kommunikation', 'projektledning', 'övrigt',
] as const;

/** 'Skickar' marks a send in flight; one found by the next lock holder became 'Osäker' (a person must check). */
export const GUEST_STATUSES = ['Föreslagen', 'Godkänd', 'Skickar', 'Inbjuden', 'Tackat ja', 'Tackat nej', 'Återbud', 'Osäker', 'Misslyckad'] as const;
export const LANGUAGES = ['sv', 'en'] as const;

/** What the city board's decision gives the steering group to decide (PM 2009:170 RI), and what a transfer or an approval cites. */
export const DECISION_SUBJECTS = [
  'Tema', 'Inbjudningslista', 'Huvudtalare', 'Medverkan', 'Studiebesök', 'Representationsmiddag', 'Kommunikation', 'Budgetomfördelning', 'Övrigt',
] as const;
/** Förslag: on the agenda, not yet decided; Fattat: decided (only these can be cited); Upphävt: revoked. */
export const DECISION_STATUSES = ['Förslag', 'Fattat', 'Upphävt'] as const;

const c = (header: string, format: ColumnFormat = 'text', extra: Partial<ColumnDef> = {}): ColumnDef => ({ header, format, ...extra });
/** The seal of a row the add-on wrote (src/core/seal.ts); always the last column set-up creates. */
const seal = (): ColumnDef => c('Sigill', 'text', { since: 2, width: 60 });

export const TABLES: Readonly<Record<Exclude<SheetKey, 'overview'>, TableDef>> = {
  budget: {
    sheet: SHEETS.budget, frozenRows: 1,
    columns: [c('Finansiär'), c('Tilldelning', 'sek'), c('Varningsgräns', 'percent'), c('Anteckning'), seal()],
  },
  ledger: {
    sheet: SHEETS.ledger, frozenRows: 1,
    columns: [
      c('ID'), c('Datum', 'date'), c('Finansiär', 'text', { list: 'funders' }),
      c('Kategori', 'text', { list: 'categories' }), c('Beskrivning'), c('Belopp', 'sek'),
      c('Leverantör'), c('Referens'), c('Status', 'text', { list: 'costStatuses' }),
      c('Registrerad av'), c('Registrerad', 'datetime'), c('Kontroll'),
      // The Program item the cost belongs to ('' for none): the last sealed column, so a seal made before it vouches it empty (src/core/seal.ts).
      c('Programpunkt', 'text', { since: 2 }), seal(),
    ],
  },
  transfers: {
    sheet: SHEETS.transfers, frozenRows: 1,
    columns: [c('ID'), c('Datum', 'datetime'), c('Från'), c('Till'), c('Belopp', 'sek'), c('Beslutsreferens'), c('Av'), c('Kommentar'), seal()],
  },
  guests: {
    sheet: SHEETS.guests, frozenRows: 1,
    columns: [
      c('ID'), c('Förnamn'), c('Efternamn'), c('Titel'), c('Organisation'), c('Land'), c('E-post'),
      c('Språk', 'text', { list: 'languages' }), c('Evenemang'), c('Kost/allergier'),
      c('Status', 'text', { list: 'guestStatuses' }), c('Skickad', 'datetime'), c('Svarad', 'datetime'),
      c('Anteckning'), c('Länkversion', 'integer', { since: 2 }), c('Samtycke kost', 'datetime', { since: 2 }),
      // Svar per punkt came with the per-item answers (issue 10); set-up appends it, a seal made before it vouches it empty (src/core/seal.ts).
      c('Svar per punkt', 'text', { since: 2, width: 240 }),
      // The last reminder sent (issue 10): sealed, so a date typed there is caught like any edit (SEAL_SPECS.guests.later).
      c('Påmind', 'datetime', { since: 2 }), seal(),
    ],
  },
  templates: {
    sheet: SHEETS.templates, frozenRows: 1,
    // Typ: '' or Inbjudan (the invitation), Påminnelse (the reminder); one template per language and kind.
    columns: [c('Språk', 'text', { list: 'languages' }), c('Ämne'), c('Brödtext'), c('Typ', 'text', { since: 2 }), seal()],
  },
  program: {
    sheet: SHEETS.program, frozenRows: 1,
    // Start and Slut are written as text "HH:MM" (src/core/program.ts says why); Kapacitet '' is no limit.
    columns: [
      c('ID'), c('Datum', 'date'), c('Start', 'time'), c('Slut', 'time'), c('Rubrik'), c('Typ'), c('Plats'), c('Ansvarig'), c('Arrangör'), c('Anteckning'),
      c('Kapacitet', 'integer', { since: 2 }), c('Kategori', 'text', { since: 2, list: 'categories' }), c('Status', 'text', { since: 2 }), seal(),
    ],
  },
  decisions: {
    sheet: SHEETS.decisions, frozenRows: 1,
    // Ämne, Status and Sigill came with the register (issue 10): set-up appends them to an older Beslut sheet.
    columns: [
      c('ID'), c('Datum', 'date'), c('Ämne', 'text', { list: 'decisionSubjects', since: 2 }), c('Beslut'), c('Referens'), c('Beslutat av'),
      c('Status', 'text', { list: 'decisionStatuses', since: 2 }), c('Anteckning'), seal(),
    ],
  },
  settings: {
    sheet: SHEETS.settings, frozenRows: 1,
    columns: [c('Nyckel'), c('Värde'), c('Beskrivning'), seal()],
  },
  event: {
    sheet: SHEETS.event, frozenRows: 1,
    columns: [c('Nyckel'), c('Värde'), c('Beskrivning'), seal()],
  },
  log: {
    sheet: SHEETS.log, frozenRows: 1,
    // Rad: the row a sealed write left behind (table, key, seq, non-personal values), so a
    // deleted row can be found and restored from the journal (src/app/journal.ts).
    columns: [c('Tid', 'datetime'), c('Användare'), c('Åtgärd'), c('Objekt'), c('Före'), c('Efter'), c('Hash'), c('Rad', 'text', { since: 2 })],
  },
};

export type TableKey = keyof typeof TABLES;

/** Order in which "Set up workbook" creates sheets (dashboard first). */
export const SHEET_ORDER: readonly SheetKey[] = [
  'overview', 'budget', 'ledger', 'transfers', 'guests', 'templates', 'program', 'decisions', 'event', 'settings', 'log',
];

export const headersOf = (t: TableKey): string[] => TABLES[t].columns.map((col) => col.header);

/** Case- and whitespace-insensitive header match. */
export const normHeader = (h: unknown): string => String(h ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/**
 * Maps each required header to its 0-based column index in `header`.
 * Returns the missing headers when any is absent (columns may be in any order;
 * extra columns are allowed).
 */
export function columnIndex(
  header: readonly unknown[],
  required: readonly string[],
): { ok: true; index: Record<string, number> } | { ok: false; missing: string[]; duplicate: string[] } {
  const seen = new Map<string, number>();
  const duplicate: string[] = [];
  header.forEach((h, i) => {
    const k = normHeader(h);
    if (!k) return;
    if (seen.has(k)) duplicate.push(String(h));
    else seen.set(k, i);
  });
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const r of required) {
    const i = seen.get(normHeader(r));
    if (i === undefined) missing.push(r);
    else index[r] = i;
  }
  const dupRequired = duplicate.filter((d) => required.some((r) => normHeader(r) === normHeader(d)));
  return missing.length || dupRequired.length ? { ok: false, missing, duplicate: dupRequired } : { ok: true, index };
}
