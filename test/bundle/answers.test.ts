/**
 * The answers in Gäster, end to end in the built Code.js: the summary's counts for everyone, the
 * caterer's dietary list (names for the project leader only; only guests who said yes and consented;
 * nothing once the retention period has passed or after the purge), the approval refused in the
 * sidebar's terms with the cap's figures, and the import preview's cap counting the proposals there.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { toA1 } from '../../src/sandbox/emulator/values';
import { rsvpToken } from '../../src/core/rsvp';
import { EKO, NOBODY, PL, STY, api, run, snapshot, decisionFor } from '../support/bundle';
import { fork, guests, guestsCsv, sendAll, setSetting, workbookWithGuests } from '../support/invitations';

jest.setTimeout(60_000);

type Result<T> = { ok: true; data: T } | { ok: false; message: string; field?: string; refusal?: unknown };
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
interface DietEntry { name?: string; diet: string; parts: string[]; count: number }
interface DietView { names: boolean; withheld: { sv: string; en: string } | null; list: { entries: DietEntry[]; guests: number; unconsented: number }; waiting: number }
interface Summary { total: number; invited: number; yes: number; no: number; notAnswered: number; notInvited: number; byPart: { part: string; invited: number; yes: number; no: number; notAnswered: number }[] }
const diet = (emu: Emulator, user: string, names = false) => api<DietView>(emu, 'getDietaryList', [{ names }], user) as Result<DietView>;
const ANON = { user: '', effectiveUser: PL, webApp: true };
const HOSTILE = '=HYPERLINK("http://evil.example","x")';

/**
 * Six guests invited (G-0006 to the study visit only), then: G-0001 yes, vegetarian, consents; G-0002 yes, a
 * hostile need, consents; G-0003 doesn't answer; G-0004 no (with a need, which a "no" never keeps); G-0005
 * yes without consent, and the project leader then types a need into the form anyway; G-0006 yes, vegetarian.
 */
let answered: Emulator;
beforeAll(() => {
  answered = workbookWithGuests(6);
  ok(api(answered, 'saveGuest', [{ id: 'G-0006', events: ['studiebesök'] }], PL) as Result<unknown>);
  sendAll(answered);
  const props = answered.state.scriptProperties;
  const secret = props['summit.rsvp.secret'];
  const w = Object.keys(props).find((k) => k.startsWith('summit.workbook.'))!.slice('summit.workbook.'.length);
  const rsvp = (g: string, answer: 'ja' | 'nej', need?: string, consent?: boolean) => {
    const r = run(answered, 'submitRsvp', [JSON.parse(JSON.stringify({ w, g, v: 1, t: rsvpToken(secret, g, 1, w), answer, diet: need, consent }))], ANON).result as { ok: boolean; data?: { saved: boolean } };
    expect(r).toMatchObject({ ok: true, data: { saved: true } });
  };
  rsvp('G-0001', 'ja', 'Vegetarisk', true);
  rsvp('G-0002', 'ja', HOSTILE, true);
  rsvp('G-0004', 'nej', 'Glutenfri', true);
  rsvp('G-0005', 'ja');
  rsvp('G-0006', 'ja', 'vegetarisk', true);
  ok(api(answered, 'saveGuest', [{ id: 'G-0005', diet: 'Laktosfri' }], PL) as Result<unknown>);
});

const CONF_DINNER = ['konferensen (P-001)', 'representationsmiddagen (P-003)', 'konferensen (P-002)'];

describe('the summary of the answers', () => {
  test('counts per status and per programme part, the same for every reader', () => {
    const seen = [PL, STY, EKO, NOBODY].map((u) => ok(api<{ list: { summary: Summary } }>(answered, 'getGuests', [], u) as Result<{ list: { summary: Summary } }>).list.summary);
    for (const s of seen) expect(s).toEqual(seen[0]);
    expect(seen[0]).toMatchObject({ total: 6, invited: 6, yes: 4, no: 1, notAnswered: 1, notInvited: 0 });
    expect(seen[0].byPart).toEqual([
      // Set-up made the default parts items (src/core/program.ts itemsFromParts), in programme order: the conference one per day.
      { part: 'konferensen (P-001)', invited: 5, yes: 3, no: 1, notAnswered: 1 },
      { part: 'representationsmiddagen (P-003)', invited: 5, yes: 3, no: 1, notAnswered: 1 },
      { part: 'konferensen (P-002)', invited: 5, yes: 3, no: 1, notAnswered: 1 },
      { part: 'studiebesök (P-004)', invited: 1, yes: 1, no: 0, notAnswered: 0 },
    ]);
  });

  test('the guest list carries dietary needs only to the project leader', () => {
    const dietsFor = (u: string) => ok(api<{ list: { guests: { id: string; diet: string }[] } }>(answered, 'getGuests', [], u) as Result<{ list: { guests: { id: string; diet: string }[] } }>).list.guests.map((g) => g.diet);
    expect(dietsFor(PL)).toEqual(['Vegetarisk', HOSTILE, '', '', 'Laktosfri', 'vegetarisk']);
    for (const u of [STY, EKO, NOBODY]) expect(dietsFor(u)).toEqual(['', '', '', '', '', '']);
  });
});

describe('the dietary list', () => {
  const nameless: DietEntry[] = [
    { diet: HOSTILE, parts: CONF_DINNER, count: 1 },
    { diet: 'Vegetarisk', parts: CONF_DINNER, count: 1 },
    { diet: 'vegetarisk', parts: ['studiebesök (P-004)'], count: 1 },
  ];

  test('without names for every reader: the consented needs of those who said yes, no name or address anywhere', () => {
    for (const u of [STY, EKO, NOBODY, PL]) {
      const v = ok(diet(answered, u));
      expect(v).toEqual({ names: false, withheld: null, list: { entries: nameless, guests: 3, unconsented: 1 }, waiting: 0 });
      expect(JSON.stringify(v)).not.toMatch(/Gäst\d|Exempelsson|@example|G-000/);
    }
  });

  test('with names for the project leader only; anyone else is refused at the names field, with the reason', () => {
    const v = ok(diet(answered, PL, true));
    expect(v.list.entries).toEqual([
      { name: 'Gäst0 Exempelsson0', diet: 'Vegetarisk', parts: CONF_DINNER, count: 1 },
      { name: 'Gäst1 Exempelsson1', diet: HOSTILE, parts: CONF_DINNER, count: 1 },
      { name: 'Gäst5 Exempelsson5', diet: 'vegetarisk', parts: ['studiebesök (P-004)'], count: 1 },
    ]);
    for (const u of [STY, EKO, NOBODY]) {
      expect(diet(answered, u, true)).toEqual({
        ok: false, field: 'names',
        message: 'Bara projektledaren får se vem kostbehoven gäller. Listan utan namn visas för alla som kan läsa gästlistan.',
      });
    }
    const en = run(answered, 'getDietaryList', [{ names: true }], { user: STY, locale: 'en_GB' }).result;
    expect(en).toMatchObject({ ok: false, field: 'names', message: expect.stringMatching(/^Only the project leader may see whose dietary needs/) });
  });

  test('a need without consent is never shown, only counted; a "no" keeps no need', () => {
    const all = JSON.stringify([ok(diet(answered, PL, true)), ok(diet(answered, PL))]);
    expect(all).not.toMatch(/Laktosfri|Glutenfri|Gäst4|Gäst3/);
    expect(guests(answered).find((g) => g['ID'] === 'G-0005')!['Kost/allergier']).toBe('Laktosfri'); // it is on the sheet, not on the list
  });

  test('a consent withdrawn takes the need off the list', () => {
    const emu = fork(answered);
    const props = emu.state.scriptProperties;
    const w = Object.keys(props).find((k) => k.startsWith('summit.workbook.'))!.slice('summit.workbook.'.length);
    const t = rsvpToken(props['summit.rsvp.secret'], 'G-0001', 1, w);
    expect(run(emu, 'submitRsvp', [{ w, g: 'G-0001', v: 1, t, answer: 'ja', consent: false }], ANON).result).toMatchObject({ ok: true, data: { saved: true } });
    expect(ok(diet(emu, PL, true)).list.entries.map((e) => e.name)).toEqual(['Gäst1 Exempelsson1', 'Gäst5 Exempelsson5']);
  });

  test('a consent typed into the sheet is no consent: that guest waits for review and is left out', () => {
    const emu = fork(answered);
    const sheet = emu.sheetValues('Gäster');
    const col = sheet[0].indexOf('Samtycke kost');
    const row = sheet.findIndex((r) => r[0] === 'G-0005');
    expect(emu.apiUpdate(`Gäster!${toA1(row + 1, col + 1)}`, [[new Date('2009-11-02T10:00:00+01:00')]], { user: PL }).rejected).toBeUndefined();
    const v = ok(diet(emu, PL, true));
    expect(v.waiting).toBe(1);
    expect(JSON.stringify(v)).not.toContain('Laktosfri');
    expect(v.list.unconsented).toBe(0); // that row is not counted at all until it is reviewed
  });

  test('after the retention period nothing is shown, even to the project leader; after the purge neither; the counts stay', () => {
    const emu = fork(answered);
    setSetting(emu, 'Slutdatum', '2009-12-09');
    expect(ok(diet(emu, PL, true)).list.guests).toBe(3); // until 2010-03-09 the list is working data
    emu.advance(130 * 86_400_000);
    for (const [u, names] of [[PL, true], [PL, false], [STY, false]] as const) {
      const v = ok(diet(emu, u, names));
      expect(v.list).toEqual({ entries: [], guests: 0, unconsented: 0 });
      expect(v.withheld?.sv).toBe('Lagringstiden gick ut 2010-03-09: kostuppgifterna visas inte längre och ska gallras. Antalen i sammanfattningen finns kvar.');
    }
    ok(api(emu, 'purgePersonalData', [{ confirm: true }], PL) as Result<unknown>);
    const after = ok(diet(emu, PL, true));
    expect(after.list.entries).toEqual([]);
    expect(guests(emu).every((g) => g['Kost/allergier'] === '' && g['Samtycke kost'] === '')).toBe(true);
    const s = ok(api<{ list: { summary: Summary } }>(emu, 'getGuests', [], STY) as Result<{ list: { summary: Summary } }>).list.summary;
    expect(s).toMatchObject({ invited: 6, yes: 4, no: 1, notAnswered: 1 });
  });

  test('bad input is refused with the reason; reading writes nothing, not even to Logg', () => {
    const before = snapshot(answered, true);
    for (const args of [[], [{}], [{ names: 'ja' }], [{ names: true, all: true }], ['names']]) {
      expect(api(answered, 'getDietaryList', args, PL)).toMatchObject({ ok: false, message: expect.stringMatching(/^Ogiltiga uppgifter/) });
    }
    ok(diet(answered, PL, true));
    ok(diet(answered, NOBODY));
    diet(answered, STY, true);
    expect(snapshot(answered, true)).toBe(before);
  });
});

describe('approving beyond the cap', () => {
  test('refused in the sidebar\'s terms (ticked, free, plural right), with the cap\'s figures as they are; nothing approved', () => {
    const emu = workbookWithGuests(5, { approve: false, cap: 3 });
    decisionFor(emu); // recorded before the snapshot: the refusals below write nothing
    const before = snapshot(emu);
    expect(api(emu, 'approve', [{ ids: ['G-0001', 'G-0002', 'G-0003', 'G-0004'], decision: decisionFor(emu) }], STY)).toEqual({
      ok: false,
      message: 'Du markerade 4; 3 platser är lediga (taket är 3). Avmarkera 1, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.',
      refusal: { cap: 3, slotsUsed: 0 },
    });
    expect(snapshot(emu)).toBe(before);
    ok(api(emu, 'approve', [{ ids: ['G-0001', 'G-0002'], decision: decisionFor(emu) }], STY) as Result<unknown>);
    const en = run(emu, 'approve', [{ ids: ['G-0001', 'G-0003', 'G-0004'], decision: decisionFor(emu) }], { user: STY, locale: 'en_US' }).result;
    // G-0001 is already approved: it needs no new place, so two were ticked that need one.
    expect(en).toEqual({
      ok: false,
      message: 'You selected 2; 1 place is free (the cap is 3). Clear 1, or have an administrator raise the cap in Settings and roles. Nothing was approved.',
      refusal: { cap: 3, slotsUsed: 2 },
    });
    expect(api(emu, 'approve', [{ ids: ['G-0004'], decision: decisionFor(emu) }], PL)).toMatchObject({ ok: false, message: expect.stringMatching(/behörighet/), refusal: { cap: 3, slotsUsed: 2 } });
  });
});

describe('the import preview', () => {
  test('counts the proposals already on the list against the places free', () => {
    const emu = workbookWithGuests(5, { approve: false, cap: 3 });
    ok(api(emu, 'approve', [{ ids: ['G-0001'], decision: decisionFor(emu) }], STY) as Result<unknown>);
    const text = `${guestsCsv(2, 50)}\nUtan;Del;utan.del@example.org;sv;;Exempel AB`;
    const p = ok(api<{ valid: number; proposalsAfter: number; free: number; noPart: number }>(emu, 'previewImport', [{ text }], PL) as Result<{ valid: number; proposalsAfter: number; free: number; noPart: number }>);
    expect(p).toMatchObject({ valid: 3, proposalsAfter: 7, free: 2, noPart: 1 });
  });
});
