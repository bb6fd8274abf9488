/**
 * The send run of "Inbjudningar" without the DOM: the run's totals are every batch's (not the
 * last one's, issue 9 point 4), a failing call or other sends taking over end it with the reason,
 * and the outcome is said from the figures after the run. Plus the plural forms of its texts.
 */
import type { SendProgress } from '../../../src/app/merge';
import { fmtFor, inLang } from '../../../src/core/i18n';
import { guestsPageMsg } from '../../../src/core/messages/guests-page';
import { invitationsPageMsg } from '../../../src/core/messages/invitations-page';
import { afterOf, handled, outcomeOf, runBatches, type After, type Run } from '../../../src/ui/pages/invitations-run';

const batch = (p: Partial<SendProgress>): SendProgress => ({
  sent: 0, failed: 0, uncertainNow: 0, remaining: 0, uncertain: 0, blocked: [], quotaLeft: 100, capLeft: 30, done: false,
  message: { sv: '', en: '' }, ...p,
});
const calls = (...xs: (SendProgress | Error)[]) => {
  let i = 0;
  const next = jest.fn(async () => {
    const x = xs[i++];
    if (x === undefined) throw new Error('called once too often');
    if (x instanceof Error) throw x;
    return x;
  });
  return next;
};

describe('runBatches', () => {
  test('adds up every batch: three batches of 10, 10, 10 are a run of 30, whatever the last one says', async () => {
    const seen: number[] = [];
    const run = await runBatches(calls(batch({ sent: 10, remaining: 20 }), batch({ sent: 10, remaining: 10 }), batch({ sent: 10, done: true })),
      (t) => seen.push(handled(t)));
    expect(run.totals).toEqual({ sent: 30, failed: 0, uncertain: 0 });
    expect(run.last?.sent).toBe(10);
    expect(seen).toEqual([10, 20, 30]);
    expect(run).toMatchObject({ error: null, stalled: false });
  });

  test('failed and uncertain count as handled, apart from sent', async () => {
    const run = await runBatches(calls(batch({ sent: 7, failed: 2, uncertainNow: 1 }), batch({ sent: 3, done: true })));
    expect(run.totals).toEqual({ sent: 10, failed: 2, uncertain: 1 });
    expect(handled(run.totals)).toBe(13);
  });

  test('a refused or lost call ends the run with its error and keeps what the earlier batches did', async () => {
    const refused = new Error('Svarssidan körs bara som testdriftsättning');
    const run = await runBatches(calls(batch({ sent: 10, remaining: 5 }), refused));
    expect(run).toMatchObject({ totals: { sent: 10 }, error: refused, stalled: false });
    expect(run.last?.sent).toBe(10);
    const first = await runBatches(calls(refused));
    expect(first).toMatchObject({ totals: { sent: 0 }, last: null, error: refused });
  });

  test('batches that handle nobody while not done (another send took over) end the run after three in a row', async () => {
    const idle = batch({ remaining: 4 });
    const next = calls(idle, batch({ sent: 1, remaining: 3 }), idle, idle, idle, batch({ sent: 3, done: true }));
    const run = await runBatches(next);
    expect(run).toMatchObject({ stalled: true, error: null, totals: { sent: 1 } });
    expect(next).toHaveBeenCalledTimes(5);
  });
});

describe('outcomeOf', () => {
  const ok: Run = { totals: { sent: 5, failed: 0, uncertain: 0 }, last: null, error: null, stalled: false };
  const after = (a: Partial<After>): After => ({ ready: 0, blocked: 0, toCheck: 0, quotaLeft: 10, capLeft: 10, cap: 30, ...a });

  test.each([
    [{}, { kind: 'all' }],
    [{ blocked: 2 }, { kind: 'blocked', blocked: 2 }],
    [{ toCheck: 1 }, { kind: 'check', toCheck: 1 }],
    [{ blocked: 2, toCheck: 1 }, { kind: 'blocked', blocked: 2 }],
    [{ ready: 5, quotaLeft: 0 }, { kind: 'quota', waiting: 5 }],
    [{ ready: 5, capLeft: 0 }, { kind: 'cap', waiting: 5, cap: 30 }],
    [{ ready: 5, quotaLeft: 0, capLeft: 0 }, { kind: 'quota', waiting: 5 }],
    [{ ready: 3 }, { kind: 'waiting', waiting: 3 }],
  ])('after %j → %j', (a, want) => {
    expect(outcomeOf(ok, after(a))).toEqual(want);
  });

  test('an error or a stall wins over the figures; no figures at all is an error', () => {
    expect(outcomeOf({ ...ok, error: new Error('x') }, after({}))).toEqual({ kind: 'error' });
    expect(outcomeOf({ ...ok, stalled: true }, after({}))).toEqual({ kind: 'stalled' });
    expect(outcomeOf(ok, null)).toEqual({ kind: 'error' });
  });

  test('afterOf takes the last batch\'s figures when the plan can\'t be read again', () => {
    const last = batch({ remaining: 4, blocked: [{ id: 'G-1', name: 'A', reasons: [] }], uncertain: 2, quotaLeft: 0, capLeft: 9 });
    expect(afterOf(last, 30)).toEqual({ ready: 4, blocked: 1, toCheck: 2, quotaLeft: 0, capLeft: 9, cap: 30 });
    expect(outcomeOf({ ...ok, last }, afterOf(last, 30))).toEqual({ kind: 'quota', waiting: 4 });
  });
});

describe('texts: singular at exactly 1, in both languages', () => {
  const sv = inLang(invitationsPageMsg, 'sv');
  const en = inLang(invitationsPageMsg, 'en');

  test('the plural helper the texts use', () => {
    expect([0, 1, 2].map((n) => fmtFor('sv').count(n, 'gäst', 'gäster'))).toEqual(['0 gäster', '1 gäst', '2 gäster']);
  });

  test.each([
    ['confirmWho', [1], '1 godkänd gäst får sin inbjudan nu:', '1 approved guest gets their invitation now:'],
    ['confirmWho', [30], '30 godkända gäster får sin inbjudan nu:', '30 approved guests get their invitation now:'],
    ['stopsAtQuota', [1, 1], 'Dagens e-postkvot räcker till 1 gäst; 1 väntar kvar som Godkänd till i morgon.', 'Today\'s e-mail quota covers 1 guest; 1 stays Approved until tomorrow.'],
    ['stopsAtQuota', [25, 5], 'Dagens e-postkvot räcker till 25 gäster; 5 väntar kvar som Godkänd till i morgon.', 'Today\'s e-mail quota covers 25 guests; 5 stay Approved until tomorrow.'],
    ['stopsAtCap', [1, 2, 30], 'Taket (30 inbjudna) räcker till 1 gäst till; 2 väntar kvar som Godkänd.', 'The cap (30 invited) allows 1 more guest; 2 stay Approved.'],
    ['blockedList', [1], '1 godkänd gäst blockeras (skickas inte):', '1 approved guest is blocked (not sent):'],
    ['blockedList', [2], '2 godkända gäster blockeras (skickas inte):', '2 approved guests are blocked (not sent):'],
    ['attention', [1], '1 gäst behöver kontrolleras (Osäker/Misslyckad) under Gäster.', '1 guest needs checking (Uncertain/Failed) under Guests.'],
    ['outcomeQuota', [1], 'Dagens e-postkvot är slut: 1 godkänd gäst väntar. Kvoten fylls på inom ett dygn; tryck Skicka inbjudningar i morgon. Inget skickas dubbelt.',
      'Today\'s e-mail quota is used up: 1 approved guest is waiting. It refills within 24 hours; press Send invitations tomorrow. Nothing is sent twice.'],
    ['outcomeCap', [5, 1], 'Taket (1 inbjuden) är nått: 5 godkända gäster väntar. Styrgruppen kan höja taket på bladet Inställningar.',
      'The cap (1 invited) is reached: 5 approved guests are waiting. The steering group can raise the cap on the Inställningar sheet.'],
    ['progressText', [4, 1, 5], '4 av 5 skickade; 1 misslyckad eller osäker', '4 of 5 sent; 1 failed or uncertain'],
    ['progressText', [3, 2, 5], '3 av 5 skickade; 2 misslyckade eller osäkra', '3 of 5 sent; 2 failed or uncertain'],
    ['outcomeCheck', [1], 'Alla som kunde skickas till har fått sin inbjudan; 1 gäst behöver kontrolleras under Gäster (se nedan).',
      'Everyone who could be sent to has their invitation; 1 guest needs checking under Guests (see below).'],
    ['quota', [1], 'E-postkvot kvar i dag: 1 mejl.', 'E-mail quota left today: 1 message.'],
    ['done', [1], 'Utskicket är klart: 1 inbjudan skickad.', 'The send is complete: 1 invitation sent.'],
    ['done', [30], 'Utskicket är klart: 30 inbjudningar skickade.', 'The send is complete: 30 invitations sent.'],
    ['stopped', [1], 'Utskicket har stannat: 1 inbjudan skickad; se sammanfattningen.', 'The send has stopped: 1 invitation sent; see the summary.'],
  ] as const)('%s(%j)', (key, args, want, wantEn) => {
    const f = (t: typeof sv) => (t[key] as (...a: number[]) => string)(...args);
    expect(f(sv)).toBe(want);
    expect(f(en)).toBe(wantEn);
  });

  test('the places are said word for word as Gäster says them', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const [used, cap] of [[0, 30], [1, 1], [30, 30], [31, 30]]) {
        expect(inLang(invitationsPageMsg, lang).places(used, cap)).toBe(inLang(guestsPageMsg, lang).cap(used, cap));
      }
    }
  });

  test('the viewer line names the roles, or read only', () => {
    expect(sv.viewer('a@b.se', [])).toBe('Inloggad som a@b.se (läsbehörighet)');
    expect(en.viewer('a@b.se', ['styrgrupp', 'projektledare'])).toBe('Signed in as a@b.se (steering group, project leader)');
  });
});
