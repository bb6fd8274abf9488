/**
 * The settings sidebar's server side (src/app/settings.ts, settings-rows.ts): what it shows (the values in
 * effect, defaults where a row is blank or missing, rows changed by hand named), who may save which sheet,
 * every refusal by its reason with nothing written, values compared as they are read (addresses, the total in
 * kronor, trimmed text), the total that only Fördela budget may change alone, an administrator who would lock
 * themself out, and the Logg entry of each change. In memory, on the budget tests' workbook.
 */
import { saveSettings, settingsView } from '../../../src/app/settings';
import { UserError } from '../../../src/core/msg';
import { settingDefsOf, SETTING_KEYS } from '../../../src/core/settings';
import type { MemoryPorts } from '../../support/memory';
import { dump, EKO, EKO2, logRecords, PL, seed, STY } from './budget-fixture';

const ADMIN = 'admin@stockholm.se';
const EVENT = [['Evenemang', 'Public Services Summit 2009', ''], ['Plats', 'Stockholms stadshus', ''], ['Slutdatum', '', '']];
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const workbook = () => seed({ user: ADMIN, admins: ADMIN, event: EVENT });
const refusal = (f: () => unknown): { sv: string; en: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};
const valueOf = (p: MemoryPorts, sheet: 'settings' | 'event', key: string) =>
  (sheet === 'settings' ? settingsView(p).settings : settingsView(p).event).find((v) => v.key === key)?.value;

describe('settingsView', () => {
  test('every key of each sheet with its value in effect and its description; a blank or missing row shows the default', () => {
    const p = workbook();
    p.workbook.ownerEmail = 'agare@stockholm.se';
    const v = settingsView(p);
    expect([v.user, v.admin, v.owner, v.roles]).toEqual([ADMIN, true, 'agare@stockholm.se', []]);
    expect(v.settings.map((s) => s.key)).toEqual(settingDefsOf('settings').map(([k]) => k));
    expect(v.event.map((s) => [s.key, s.description])).toEqual(settingDefsOf('event').map(([k, , d]) => [k, d]));
    expect(valueOf(p, 'settings', SETTING_KEYS.projectLeader)).toBe(PL);
    expect(valueOf(p, 'settings', SETTING_KEYS.totalBudget)).toBe('800000');
    expect(valueOf(p, 'event', SETTING_KEYS.venue)).toBe('Stockholms stadshus');
    // Startdatum has no row, Slutdatum a blank one: their defaults.
    const def = (k: string) => String(settingDefsOf('event').find(([key]) => key === k)![1]);
    expect([valueOf(p, 'event', SETTING_KEYS.startDate), valueOf(p, 'event', SETTING_KEYS.endDate)]).toEqual([def(SETTING_KEYS.startDate), def(SETTING_KEYS.endDate)]);
    expect(v.review).toEqual([]);
  });

  test('a role typed on Inställningar by hand is named as waiting for review and has no effect', () => {
    const p = workbook();
    const t = p.workbook.get('settings');
    const row = t.grid.findIndex((r) => r[0] === 'Projektledare');
    t.grid[row][1] = 'inkräktare@example.org';
    const v = as(p, EKO) && settingsView(p);
    expect(valueOf(p, 'settings', SETTING_KEYS.projectLeader)).toBe(PL);
    expect(v.review.map((m) => m.sv)).toEqual([`Inställningar rad ${row + 1} (Projektledare): ändrad utanför Summit Planner (Värde ${PL} → inkräktare@example.org).`]);
    expect(v.admin).toBe(false);
  });
});

describe('saveSettings: who may, and every refusal with nothing written', () => {
  test('Inställningar only by an administrator; Evenemang by the project leader too, not by others', () => {
    const p = workbook();
    const before = dump(p);
    expect(refusal(() => saveSettings(as(p, PL), { sheet: 'settings', values: { [SETTING_KEYS.warnPercent]: 80 } })).sv).toBe('Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.');
    expect(refusal(() => saveSettings(as(p, EKO), { sheet: 'event', values: { [SETTING_KEYS.venue]: 'Annat' } })).sv).toMatch(/^Du saknar behörighet: bara projektledaren/);
    expect(dump(p)).toBe(before);
    expect(saveSettings(as(p, PL), { sheet: 'event', values: { [SETTING_KEYS.venue]: 'Kungliga slottet' } }).changed).toEqual([SETTING_KEYS.venue]);
    expect(saveSettings(as(p, ADMIN), { sheet: 'event', values: { [SETTING_KEYS.venue]: 'Stadshuset' } }).changed).toEqual([SETTING_KEYS.venue]);
  });

  test.each([
    ['no sheet', { values: {} }],
    ['an unknown sheet', { sheet: 'budget', values: {} }],
    ['a key too long', { sheet: 'settings', values: { ['k'.repeat(61)]: 'x' } }],
    ['a value too long', { sheet: 'settings', values: { [SETTING_KEYS.controller]: 'x'.repeat(1001) } }],
    ['a value of another type', { sheet: 'settings', values: { [SETTING_KEYS.warnPercent]: true } }],
    ['an extra field', { sheet: 'settings', values: {}, extra: 1 }],
  ])('%s: invalid input', (_what, input) => {
    const p = workbook();
    expect(refusal(() => saveSettings(p, input))).toEqual({ sv: 'Ogiltiga uppgifter för inställningarna. Inget sparades.', en: 'Invalid settings data. Nothing was saved.' });
  });

  test('a key of the other sheet and a bad value: each named, all refused together', () => {
    const p = workbook();
    const before = dump(p);
    const r = refusal(() => saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.venue]: 'Stadshuset', [SETTING_KEYS.warnPercent]: 'många', [SETTING_KEYS.controller]: 'Kommunstyrelsen' } }));
    expect(r).toEqual({
      sv: '"Plats" hör inte till bladet Inställningar. Varningsgräns (%): ett heltal 1–100. Inget sparades.',
      en: '"Plats" does not belong on the Inställningar sheet. Varningsgräns (%): a whole number 1–100. Nothing was saved.',
    });
    expect(refusal(() => saveSettings(p, { sheet: 'event', values: { [SETTING_KEYS.inviteCap]: 40 } })).sv).toBe('"Max antal inbjudna" hör inte till bladet Evenemang. Inget sparades.');
    expect(dump(p)).toBe(before);
  });

  test('an administrator who is not the owner cannot take themself off the administrators; the owner can', () => {
    const p = workbook();
    const before = dump(p);
    expect(refusal(() => saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.admins]: 'annan@stockholm.se' } }))).toEqual({
      sv: 'Administratörer: du kan inte ta bort dig själv ur administratörerna; be ägaren eller en annan administratör göra det. Inget sparades.',
      en: 'Administratörer: you cannot remove yourself from the administrators; ask the owner or another administrator to do it. Nothing was saved.',
    });
    expect(dump(p)).toBe(before);
    // Keeping themself among others is fine.
    expect(saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.admins]: `annan@stockholm.se, ${ADMIN.toUpperCase()}` } }).changed).toEqual([SETTING_KEYS.admins]);
    p.workbook.ownerEmail = ADMIN;
    expect(saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.admins]: 'annan@stockholm.se' } }).rolesChanged).toBe(true);
  });

  test('a new total alone is refused unless it is what the funders are allocated (Fördela budget changes both)', () => {
    const p = workbook();
    const before = dump(p);
    expect(refusal(() => saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: '900 000' } }))).toEqual({
      sv: 'Totalbudget: ändra totalen i Fördela budget, där fördelningen på finansiärerna ändras samtidigt; finansiärerna har nu 800\u00a0000,00\u00a0kr tilldelat. Inget sparades.',
      en: 'Totalbudget: change the total in Fördela budget (Allocate budget), where the funders\' allocations change with it; the funders are now allocated 800,000.00 SEK. Nothing was saved.',
    });
    // Sent as a number, the same.
    expect(refusal(() => saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: 900000 } })).en).toContain('allocated 800,000.00 SEK');
    expect(dump(p)).toBe(before);
    // The same total written another way changes nothing.
    expect(saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: '800 000 kr' } }).changed).toEqual([]);
    expect(saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: 800000 } }).changed).toEqual([]);
  });

  test('the total sent unchanged is no new total: saved with the rest while the allocations are out of balance', () => {
    // Σ allocations 850 000 against a total of 800 000: the page sends every value, the total as it reads.
    const p = seed({ user: ADMIN, admins: ADMIN, event: EVENT, allocations: [250000, 200000, 200000, 200000] });
    const r = saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: '800 000 kr', [SETTING_KEYS.warnPercent]: 80 } });
    expect([r.changed, valueOf(p, 'settings', SETTING_KEYS.warnPercent)]).toEqual([[SETTING_KEYS.warnPercent], '80']);
  });

  test('a total that matches the allocations is accepted (they were changed first)', () => {
    const p = seed({ user: ADMIN, admins: ADMIN, event: EVENT, total: 800000, allocations: [250000, 250000, 250000, 250000] });
    const r = saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.totalBudget]: '1 000 000' } });
    expect([r.changed, valueOf(p, 'settings', SETTING_KEYS.totalBudget)]).toEqual([[SETTING_KEYS.totalBudget], '1000000']);
  });
});

describe('saveSettings: what is saved and logged', () => {
  test('addresses compared as read (case, spaces, separators): the same list changes nothing', () => {
    const p = workbook();
    const r = saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.finance]: ` ${EKO.toUpperCase()} ;${EKO2}` } });
    expect(r).toEqual({ changed: [], rolesChanged: false, message: { sv: 'Inget var ändrat.', en: 'Nothing had changed.' } });
    expect(logRecords(p)).toEqual([]);
  });

  test('a changed role: saved in lower case with one comma between, the protections follow, one Logg entry with before and after', () => {
    const p = workbook();
    const r = saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.steering]: `${STY}; Ny.Ledamot@Stockholm.se`, [SETTING_KEYS.warnPercent]: 90 } });
    expect(r).toEqual({
      changed: [SETTING_KEYS.steering], rolesChanged: true,
      message: { sv: 'Sparat: Styrgrupp. Skydden på bladen följer de nya rollerna.', en: 'Saved: Styrgrupp. The sheets\' protections follow the new roles.' },
    });
    expect(valueOf(p, 'settings', SETTING_KEYS.steering)).toBe(`${STY}, ny.ledamot@stockholm.se`);
    expect(logRecords(p).map((l) => [l['Användare'], l['Åtgärd'], l['Objekt'], l['Före'], l['Efter']])).toEqual([
      [ADMIN, 'inställning.ändrad', 'Styrgrupp', STY, `${STY}, ny.ledamot@stockholm.se`],
    ]);
  });

  test('only the total is read as an amount: a text that looks like one is kept as typed', () => {
    const p = workbook();
    const r = saveSettings(p, { sheet: 'settings', values: { [SETTING_KEYS.dpo]: ' 0850829000 ' } });
    expect(r.changed).toEqual([SETTING_KEYS.dpo]);
    expect(p.workbook.get('settings').records().find((x) => x['Nyckel'] === SETTING_KEYS.dpo)?.['Värde']).toBe('0850829000');
    expect(logRecords(p).map((l) => [l['Objekt'], l['Efter']])).toEqual([[SETTING_KEYS.dpo, '0850829000']]);
  });

  test('text trimmed; a key with no row yet appended with its description; Evenemang\'s changes never move protections', () => {
    const p = workbook();
    const r = saveSettings(as(p, PL), { sheet: 'event', values: { [SETTING_KEYS.startDate]: ' 2009-12-07 ', [SETTING_KEYS.venue]: 'Stockholms stadshus ' } });
    expect(r).toEqual({ changed: [SETTING_KEYS.startDate], rolesChanged: false, message: { sv: 'Sparat: Startdatum.', en: 'Saved: Startdatum.' } });
    const rows = p.workbook.get('event').records();
    expect(rows.find((x) => x['Nyckel'] === 'Startdatum')).toMatchObject({ Värde: '2009-12-07', Beskrivning: settingDefsOf('event').find(([k]) => k === 'Startdatum')![2] });
    expect(logRecords(p).map((l) => [l['Objekt'], l['Före'], l['Efter']])).toEqual([['Startdatum', settingDefsOf('event').find(([k]) => k === 'Startdatum')![1], '2009-12-07']]);
  });
});
