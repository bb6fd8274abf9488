/**
 * "Inställningar och roller" (getSettings / saveSettings) on the built Code.js:
 * who may change which sheet, refusals that name the field, all or nothing,
 * one log entry per changed key, and protections that follow the roles.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { EKO, NOBODY, PL, STY, api, lastLog, logActions, setUpWorkbook, snapshot } from '../support/bundle';

type R<T> = { ok: true; data: T } | { ok: false; message: string };
const nb = (s: string) => s.replace(/\u00a0/g, ' ');
const refusal = (r: R<unknown>): string => (r.ok ? 'ok' : nb(r.message));
const save = (emu: Emulator, sheet: 'settings' | 'event', values: Record<string, string | number>, user = PL) =>
  api<{ message: string; changed: string[] }>(emu, 'saveSettings', [{ sheet, values }], user);
const setting = (emu: Emulator, key: string) => emu.sheetValues('Inställningar').find((r) => r[0] === key)?.[1];
const editorsOf = (emu: Emulator, sheet: string) =>
  emu.state.spreadsheet.sheets.find((s) => s.name === sheet)!.protections.find((p) => p.type === 'SHEET')!.editors;

describe('who may save which sheet', () => {
  test('roles are the administrators\' (here the owner): a steering-group member and the finance officer are refused, nothing changes', () => {
    const emu = setUpWorkbook();
    const before = snapshot(emu);
    for (const u of [STY, EKO, NOBODY]) {
      expect(refusal(save(emu, 'settings', { Ekonomi: u }, u))).toMatch(/^Du saknar behörighet: bara kalkylarkets ägare och administratörerna/);
    }
    expect(snapshot(emu)).toBe(before);
  });

  test('event details are the project leader\'s: a second project leader who is no administrator may save Evenemang, not Inställningar', () => {
    const emu = setUpWorkbook();
    expect(save(emu, 'settings', { Projektledare: `${PL}, ${NOBODY}` }).ok).toBe(true);
    expect(save(emu, 'event', { Plats: 'Stockholms stadshus' }, NOBODY).ok).toBe(true);
    expect(emu.sheetValues('Evenemang').find((r) => r[0] === 'Plats')![1]).toBe('Stockholms stadshus');
    expect(refusal(save(emu, 'settings', { 'Max antal inbjudna': 40 }, NOBODY))).toMatch(/^Du saknar behörighet/);
    expect(refusal(save(emu, 'event', { Plats: 'Annanstans' }, EKO))).toMatch(/^Du saknar behörighet: bara projektledaren/);
  });
});

describe('what is saved', () => {
  test('a role change is one log entry with before and after, and the sheet protections follow at once', () => {
    const emu = setUpWorkbook();
    expect(editorsOf(emu, 'Kostnader')).not.toContain(NOBODY);
    const r = save(emu, 'settings', { Ekonomi: ` ${EKO} ;  ${NOBODY} ` });
    expect(r.ok && nb(r.data.message)).toMatch(/^Sparat: Ekonomi\. Skydden på bladen följer de nya rollerna\./);
    expect(setting(emu, 'Ekonomi')).toBe(`${EKO}, ${NOBODY}`);
    expect(lastLog(emu)).toMatchObject({ user: PL, action: 'inställning.ändrad', object: 'Ekonomi' });
    expect(editorsOf(emu, 'Kostnader')).toContain(NOBODY);
    expect(editorsOf(emu, 'Budget')).not.toContain(NOBODY);
  });

  test('the same values again change nothing and log nothing', () => {
    const emu = setUpWorkbook();
    const log = logActions(emu).length;
    const r = save(emu, 'settings', { Ekonomi: EKO, 'Max antal inbjudna': 30 });
    expect(r.ok && r.data).toMatchObject({ changed: [], message: 'Inget var ändrat.' });
    expect(logActions(emu)).toHaveLength(log);
  });
});

describe('refusals name the field, and nothing is saved', () => {
  test('a bad address among good values: the message names Styrgrupp and the address; the good value is not saved either', () => {
    const emu = setUpWorkbook();
    const before = snapshot(emu);
    expect(refusal(save(emu, 'settings', { 'Max antal inbjudna': 40, Styrgrupp: `${STY}, styrgrupp(at)example.org` })))
      .toBe('Styrgrupp: "styrgrupp(at)example.org" är ingen giltig e-postadress. Inget sparades.');
    expect(snapshot(emu)).toBe(before);
  });

  test('a key of the other sheet, a number out of range', () => {
    const emu = setUpWorkbook();
    expect(refusal(save(emu, 'settings', { Plats: 'X' }))).toMatch(/^"Plats" hör inte till bladet Inställningar\./);
    expect(refusal(save(emu, 'settings', { 'Varningsgräns (%)': 120 }))).toMatch(/^Varningsgräns \(%\): ett heltal 1–100\./);
  });

  test('an administrator who is not the owner cannot remove themselves (the refusal names Administratörer)', () => {
    const emu = setUpWorkbook();
    expect(save(emu, 'settings', { Administratörer: `${PL}, ${STY}` }).ok).toBe(true);
    expect(refusal(save(emu, 'settings', { Administratörer: PL }, STY))).toMatch(/^Administratörer: du kan inte ta bort dig själv/);
    expect(setting(emu, 'Administratörer')).toBe(`${PL}, ${STY}`);
  });

  test('the total alone would put the budget out of balance: refused with what the funders are allocated, pointing to Fördela budget', () => {
    const emu = setUpWorkbook();
    expect(refusal(save(emu, 'settings', { Totalbudget: 900000 })))
      .toBe('Totalbudget: ändra totalen i Fördela budget, där fördelningen på finansiärerna ändras samtidigt; finansiärerna har nu 800 000,00 kr tilldelat. Inget sparades.');
    expect(setting(emu, 'Totalbudget')).toBe(800000);
    // The same total in another form is no change at all.
    const same = save(emu, 'settings', { Totalbudget: '800 000 kr' });
    expect(same.ok && same.data.changed).toEqual([]);
  });
});
