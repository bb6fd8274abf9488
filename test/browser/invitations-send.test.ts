/**
 * The real send of "Inbjudningar" over several batches, in Chromium (issue 9, point 4 and the
 * progress bar): 30 approved guests, "30 av 30 platses använda" in Gäster. Each
 * sendInvitations call is held back in the browser's network (the sandbox's emulator has no
 * real-time latency: its latency is a virtual clock), so the progress bar is seen moving. The
 * summary's figures are checked against the emulator's outbox, the Gäster sheet and the Gäster
 * sidebar; an interrupted run says why, beside the button; English says it with its own plurals.
 */
jest.setTimeout(180_000);
import type { CDPSession, Frame, Route } from 'playwright-core';
import { isMailed } from '../../src/core/guests';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';
import { activeId, expectReachable, rpc as rpcAs, text } from '../support/invitations-page';

const PL = 'projektledare@example.org';
const STY = 'styrgrupp@example.org';
/** How long each sendInvitations call is held back (3 batches of 10: the run takes about 2 s). */
const LATENCY_MS = 700;

let s: Session;
const rpc = <T = unknown>(fn: string, args: unknown[], user: string) => rpcAs<T>(s, fn, args, user);
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: six example guests, four of them approved
  // 24 more, then the steering group approves every proposal: 30 approved, the cap is 30.
  // Invited to the first Program item: a guest invited to nothing is blocked from the send ({{Inbjuden till}} empty).
  const rows = Array.from({ length: 24 }, (_, i) => `Gäst${i + 1} (exempel)\tEfternamn\tgast${i + 1}@example.org\t${i % 3 ? 'sv' : 'en'}\tP-001`);
  await rpc('importGuestRows', [{ text: ['Förnamn\tEfternamn\tE-post\tSpråk\tEvenemang', ...rows].join('\n') }], PL);
  const { list } = await rpc<{ list: { guests: { id: string; status: string }[] } }>('getGuests', [], PL);
  await rpc('approve', [{ ids: list.guests.filter((g) => g.status === 'Föreslagen').map((g) => g.id), decision: 'B-0002' }], STY);
  await s.context.route('**/api/rpc', async (route: Route) => {
    const body = route.request().postDataJSON() as { fn?: string } | null;
    if (body?.fn === 'sendInvitations') await new Promise((r) => setTimeout(r, LATENCY_MS));
    await route.continue();
  });
});
afterAll(async () => {
  await s?.close();
});

const emu = () => s.sandbox.emulator;
/** Every number a text shows. */
const numbers = (x: string): number[] => (x.match(/\d+/g) ?? []).map(Number);

/** The invitations (not tests) in the emulator's outbox, and the Gäster sheet's statuses. */
const invitationsSent = () => emu().outbox().filter((o) => !/^\[TEST\]/.test(o.subject));
function sheetStatuses(): string[] {
  const [head, ...rows] = emu().sheetValues('Gäster');
  const col = head.indexOf('Status');
  return rows.map((r) => String(r[col] ?? '')).filter(Boolean);
}

interface AXNode { role?: { value?: string }; name?: { value?: string }; value?: { value?: unknown }; properties?: { name: string; value: { value?: unknown } }[] }

/**
 * The progress bars as assistive technology gets them from Chromium's accessibility tree: name,
 * aria-valuenow and aria-valuemax. The sidebar is a sandboxed frame, which Chromium runs out of
 * process (its own CDP session); otherwise the page's session is asked for the frame's tree.
 */
async function axProgressbars(f: Frame): Promise<{ name: string; now: number; max: number }[]> {
  let cdp: CDPSession;
  let params = {};
  try {
    cdp = await s.context.newCDPSession(f);
  } catch {
    cdp = await s.context.newCDPSession(s.page);
    type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] };
    const all = (t: Tree): Tree[] => [t, ...(t.childFrames ?? []).flatMap(all)];
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as unknown as { frameTree: Tree };
    params = { frameId: all(frameTree).find((t) => t.frame.url === f.url())?.frame.id };
  }
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree', params)) as unknown as { nodes: AXNode[] };
    return nodes.filter((n) => n.role?.value === 'progressbar').map((n) => ({
      name: String(n.name?.value ?? ''),
      now: Number(n.value?.value),
      max: Number(n.properties?.find((p) => p.name === 'valuemax')?.value.value),
    }));
  } finally {
    await cdp.detach();
  }
}

async function openGuestsCapText(): Promise<string> {
  await menuClick(s.page, 'Summit Planner', 'Gäster');
  const f = await sidebarFrame(s.page);
  await f.locator('#cap-text').waitFor({ timeout: 30_000 });
  return text(f, '#cap-text');
}

async function openInvitations(item = 'Inbjudningar'): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', item);
  const f = await sidebarFrame(s.page);
  await f.locator('#state[aria-busy="false"] #state-slots').waitFor({ timeout: 30_000 });
  return f;
}

async function confirmStep(f: Frame): Promise<void> {
  await f.locator('#send-start').click();
  await f.locator('#confirm-title').waitFor();
  expect(await activeId(f)).toBe('confirm-title');
}

test('before the send: the confirm step says the places as Gäster does', async () => {
  const capText = await openGuestsCapText();
  expect(capText).toBe('30 av 30 inbjudningsplatser använda');
  const f = await openInvitations();
  expect(await text(f, '#state-slots')).toBe(capText);
  expect(await text(f, '#state-waiting')).toBe('30');
  expect(await text(f, '#state-invited')).toBe('0');
  await confirmStep(f);
  expect(await text(f, '#confirm-who')).toBe('30 godkända gäster får sin inbjudan nu:');
  expect(await text(f, '#confirm-slots')).toBe(capText);
  await expect(f.locator('#confirm').textContent()).resolves.not.toMatch(/kvar under taket/);
  await expectReachable(s, f, ['#recipients', '#send-confirm', '#send-cancel']);
  await expectAxeClean(f, 'invitations (confirm, 30 guests)');
});

test('an interrupted run says why beside the button, focused, and that nothing was sent', async () => {
  const f = await openInvitations();
  await confirmStep(f);
  const url = emu().serviceUrl;
  emu().serviceUrl = url.replace(/\/exec$/, '/dev'); // the web app now runs only as the developer's test deployment
  try {
    await f.locator('#send-confirm').click();
    await f.locator('#summary').waitFor({ timeout: 30_000 });
    await f.locator('#run-error', { hasText: /Svarssidan körs bara som testdriftsättning.*Inget skickades/ }).waitFor();
    expect(await activeId(f)).toBe('run-error');
    expect(await text(f, '#outcome')).toBe('Utskicket avbröts. Inget skickas dubbelt: tryck Skicka inbjudningar igen för att fortsätta.');
    expect(await text(f, '#run-sent')).toBe('0');
    expect(await text(f, '#status')).toBe('Utskicket avbröts. Inget skickas dubbelt: tryck Skicka inbjudningar igen för att fortsätta.');
    await expectAxeClean(f, 'invitations (run interrupted)');
  } finally {
    emu().serviceUrl = url;
  }
  expect(invitationsSent()).toHaveLength(0);
  expect(sheetStatuses().filter((x) => x === 'Godkänd')).toHaveLength(30);
});

test('a run stopped by the quota: the progress moves under latency and ends at the total; the summary agrees with the outbox and Gäster', async () => {
  emu().setDailyMailQuota(25);
  const f = await openInvitations();
  await confirmStep(f);
  expect(await text(f, '#send-stops')).toBe('Dagens e-postkvot räcker till 25 gäster; 5 väntar kvar som Godkänd till i morgon.');
  const started = Date.now();
  await f.locator('#send-confirm').click();

  // The progress is there, focused by its heading, and seen part-way.
  const bar = f.getByRole('progressbar', { name: 'Utskick' });
  await bar.waitFor();
  expect(await activeId(f)).toBe('progress-title');
  await f.waitForFunction(() => {
    const p = document.querySelector('progress');
    return !!p && p.value > 0 && p.value < p.max && !document.querySelector('#summary');
  }, null, { polling: 20, timeout: 15_000 });
  // Asked first, while the run is surely going (axe over the whole sidebar, reminders included, takes a while).
  await expect(f.locator('#refresh').isDisabled()).resolves.toBe(true);
  const [during] = await axProgressbars(f);
  expect(during).toEqual({ name: 'Utskick', now: expect.any(Number), max: 25 });
  expect(during.now).toBeGreaterThan(0);
  await expectAxeClean(f, 'invitations (sending)');

  await f.locator('#summary').waitFor({ timeout: 30_000 });
  expect(Date.now() - started).toBeGreaterThan(1000);
  expect(await f.locator('#send-progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([25, 25]);
  expect(await axProgressbars(f)).toEqual([{ name: 'Utskick', now: 25, max: 25 }]);
  expect(await text(f, '#progress-text')).toBe('25 av 25 skickade');
  expect(await activeId(f)).toBe('summary-title');

  // The run's figures against the outbox, the sheet's against Gäster.
  const sent = invitationsSent();
  const statuses = sheetStatuses();
  expect(sent).toHaveLength(25);
  expect(new Set(sent.map((o) => o.to[0])).size).toBe(25);
  expect(Number(await text(f, '#run-sent'))).toBe(sent.length);
  expect(Number(await text(f, '#total-invited'))).toBe(statuses.filter(isMailed).length);
  expect(Number(await text(f, '#total-waiting'))).toBe(statuses.filter((x) => x === 'Godkänd').length);
  expect(await text(f, '#total-waiting')).toBe('5');
  expect(await text(f, '#outcome')).toBe('Dagens e-postkvot är slut: 5 godkända gäster väntar. Kvoten fylls på inom ett dygn; tryck Skicka inbjudningar i morgon. Inget skickas dubbelt.');
  expect(await text(f, '#state-invited')).toBe('25'); // Läget follows
  expect(await text(f, '#status')).toBe('Utskicket har stannat: 25 inbjudningar skickade; se sammanfattningen.');
  expect(await text(f, '#progress-title')).toBe('Utskicket har körts');
  // No batch's own figure (10, 20) anywhere: only the run's and the sheet's.
  expect(new Set(numbers(await f.locator('#summary').innerText()))).toEqual(new Set([25, 5, 30]));
  const slots = await text(f, '#summary-slots');
  await expectReachable(s, f, ['#send-start', '#refresh']);
  await expectAxeClean(f, 'invitations (summary, quota)');
  await screenshot(s.page, 'invitations-summary-quota');
  expect(await openGuestsCapText()).toBe(slots);
});

test('in English: the figures with their plurals; cancelling gives the focus back', async () => {
  await s.page.getByLabel('Språk').selectOption('en');
  try {
    emu().setDailyMailQuota(26); // one more today
    const f = await openInvitations('Invitations'); // the menu is in the user's language
    expect(await text(f, '#state-slots')).toBe('30 of 30 invitation places used');
    await confirmStep(f);
    expect(await text(f, '#confirm-who')).toBe('5 approved guests get their invitation now:');
    expect(await text(f, '#send-stops')).toBe('Today\'s e-mail quota covers 1 guest; 4 stay Approved until tomorrow.');
    expect(await text(f, '#confirm-quota')).toBe('E-mail quota left today: 1 message.');
    await expectAxeClean(f, 'invitations (English confirm)');
    await f.locator('#send-cancel').click();
    expect(await activeId(f)).toBe('send-start');
  } finally {
    await s.page.getByLabel('Språk').selectOption('sv_SE');
  }
});

test('the next run sends the rest, one address refused by MailApp: "i den här körningen" is 4 sent and 1 failed while Inbjudna is 29', async () => {
  emu().setDailyMailQuota(1500);
  emu().mailFailures = (a) => (a === 'gast24@example.org' ? 'Invalid email: gast24@example.org' : null);
  try {
    const f = await openInvitations();
    await confirmStep(f);
    await expect(f.locator('#send-stops').count()).resolves.toBe(0);
    await f.locator('#send-confirm').click();
    await f.locator('#summary').waitFor({ timeout: 30_000 });
    expect(await activeId(f)).toBe('summary-title');
    expect(await text(f, '#progress-text')).toBe('4 av 5 skickade; 1 misslyckad eller osäker');
    expect(await axProgressbars(f)).toEqual([{ name: 'Utskick', now: 5, max: 5 }]);
    expect(await text(f, '#run-sent')).toBe('4');
    expect(await text(f, '#run-failed')).toBe('1');
    expect(await text(f, '#total-invited')).toBe('29');
    expect(await text(f, '#total-waiting')).toBe('0');
    expect(await text(f, '#total-check')).toBe('1');
    expect(await text(f, '#outcome')).toBe('Alla som kunde skickas till har fått sin inbjudan; 1 gäst behöver kontrolleras under Gäster (se nedan).');
    expect(await text(f, '#check-list')).toContain('Gäst24 (exempel) Efternamn <gast24@example.org> (Misslyckad): Invalid email: gast24@example.org');
    expect(await text(f, '#check-list')).toContain('Misslyckad: rätta adressen under Gäster och välj Skicka igen.');
    expect(await text(f, '#status')).toBe('Utskicket är klart: 4 inbjudningar skickade.');
    expect(await text(f, '#state-check')).toBe('1');
    const sent = invitationsSent();
    expect(sent).toHaveLength(29);
    expect(new Set(sent.map((o) => o.to[0])).size).toBe(29);
    expect(sent.map((o) => o.to[0])).not.toContain('gast24@example.org');
    const statuses = sheetStatuses();
    expect(statuses.filter((x) => x === 'Inbjuden')).toHaveLength(29);
    expect(statuses.filter((x) => x === 'Misslyckad')).toHaveLength(1);
    expect(Number(await text(f, '#total-invited'))).toBe(statuses.filter(isMailed).length);
    await expectAxeClean(f, 'invitations (summary, one failed)');
    await screenshot(s.page, 'invitations-summary-failed');
    const slots = await text(f, '#summary-slots');
    expect(slots).toBe('30 av 30 inbjudningsplatser använda');
    expect(await openGuestsCapText()).toBe(slots);
  } finally {
    emu().mailFailures = null;
  }
});
