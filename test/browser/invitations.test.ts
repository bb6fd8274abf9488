/**
 * Gäster and Inbjudningar in the sandbox, in Chromium: users without the role see where the
 * invitations stand and disabled controls that say who may; the project leader pastes guests
 * (one with a script tag in the name), the steering group approves them and may preview and
 * test; the project leader previews (the tag shows as text), sends a test, sends for real with
 * the progress bar, and sees the statuses and the outbox. Focus lands on each action's answer;
 * refusals land beside their button. axe-clean in every state.
 * (The multi-batch run, its figures against the outbox and the progress under latency:
 * invitations-send.test.ts.)
 */
jest.setTimeout(120_000);
import type { Frame } from 'playwright-core';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';
import { activeId, description, expectReachable as reachable, rpc as rpcAs, text } from '../support/invitations-page';

const PL = 'projektledare@example.org';
const STY = 'styrgrupp@example.org';
const EKO = 'ekonomi@example.org';
const NOBODY = 'okand@example.org';
const HOSTILE = '<script>window.pwned=1</script>"Ö\'';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: roles, six example guests (four approved)
});
afterAll(async () => {
  await s?.close();
});

async function asUser(email: string): Promise<void> {
  await s.page.getByLabel('Användare').selectOption(email);
}

async function openGuests(): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', 'Gäster');
  const f = await sidebarFrame(s.page);
  await f.locator('#guest-list').waitFor({ timeout: 15_000 });
  return f;
}

const expectReachable = (f: Frame, targets: readonly string[]) => reachable(s, f, targets);
const rpc = <T>(fn: string, args: unknown[], user: string) => rpcAs<T>(s, fn, args, user);

async function openInvitations(): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', 'Inbjudningar');
  const f = await sidebarFrame(s.page);
  await f.locator('#state[aria-busy="false"] #state-slots').waitFor({ timeout: 30_000 });
  return f;
}

describe('users without the role', () => {
  test.each([
    [NOBODY, 'läsbehörighet'],
    [EKO, 'ekonomi'],
  ])('%s sees where things stand, in Gäster\'s numbers, and disabled controls that say who may', async (user, role) => {
    await asUser(user);
    const g = await openGuests();
    const capText = await text(g, '#cap-text');
    expect(capText).toBe('4 av 30 inbjudningsplatser använda');
    const f = await openInvitations();
    expect(await text(f, '#viewer')).toBe(`Inloggad som ${user} (${role})`);
    expect(await text(f, '#state-slots')).toBe(capText);
    expect(await text(f, '#state-waiting')).toBe('4');
    expect(await text(f, '#state-invited')).toBe('0');
    await expect(f.locator('#send-start').isDisabled()).resolves.toBe(true);
    expect(await description(f, '#send-start')).toBe('Bara projektledaren kan skicka inbjudningar.');
    await expect(f.locator('#guest').isDisabled()).resolves.toBe(true);
    await expect(f.locator('#test').isDisabled()).resolves.toBe(true);
    const onlyPreview = 'Bara projektledaren och styrgruppen kan förhandsgranska inbjudningar och skicka test.';
    expect(await description(f, '#test')).toBe(onlyPreview);
    expect(await description(f, '#guest')).toContain(onlyPreview);
    await expectReachable(f, ['#refresh']);
    // Refresh gives the same (the role-disabled controls stay disabled after a call).
    await f.locator('#refresh').click();
    await f.locator('#state[aria-busy="false"]').waitFor();
    await expect(f.locator('#send-start').isDisabled()).resolves.toBe(true);
    await expectAxeClean(f, `invitations sidebar (${role})`);
  });

  test('the steering group may preview and test, not send: the test\'s result takes the focus', async () => {
    await asUser(STY);
    const f = await openInvitations();
    expect(await text(f, '#viewer')).toBe(`Inloggad som ${STY} (styrgrupp)`);
    await expect(f.locator('#send-start').isDisabled()).resolves.toBe(true);
    expect(await description(f, '#send-start')).toBe('Bara projektledaren kan skicka inbjudningar.');
    const value = await f.locator('#guest option', { hasText: 'Astrid' }).getAttribute('value');
    await f.locator('#guest').selectOption(value!);
    await f.locator('#mail-subject').waitFor();
    await expectReachable(f, ['#guest', '#test', '#mail-text', '#refresh']);
    await f.locator('#test').click();
    await f.locator('#test-result', { hasText: `Testet är skickat till ${STY}.` }).waitFor();
    expect(await activeId(f)).toBe('test-result');
    await expect(f.locator('#send-start').isDisabled()).resolves.toBe(true); // still, after the call
    await expectAxeClean(f, 'invitations sidebar (steering group, test sent)');
  });
});

test('the project leader imports pasted rows: preview with per-row errors, then the valid rows', async () => {
  await asUser(PL);
  const f = await openGuests();
  await expect(f.locator('#cap-text').textContent()).resolves.toMatch(/4 av 30/);
  await f.locator('#import-details summary').click();
  await f.getByLabel(/Klistra in rader/).fill([
    // Each row names a Program item: a guest invited to nothing cannot be sent an invitation
    // ({{Inbjuden till}} would be empty; the import warns and the send plan blocks them).
    'Förnamn\tEfternamn\tE-post\tSpråk\tEvenemang',
    `${HOSTILE}\tTestsson (exempel)\thostile@example.org\tsv\tP-001`,
    'Berit (exempel)\tÅberg\tberit@example.org\ten\tP-001',
    'Fel (exempel)\tAdress\tinte-en-adress\tsv\tP-001',
    'Dubbel (exempel)\tAdress\tBERIT@example.org\ten\tP-001',
  ].join('\n'));
  await f.getByRole('button', { name: 'Förhandsgranska' }).click();
  await f.locator('#import-result').getByText('2 giltiga, 2 med fel.').waitFor();
  expect(await f.locator('#import-result .errors li').count()).toBeGreaterThanOrEqual(2);
  await expectAxeClean(f, 'guests sidebar (import preview)');
  await f.getByRole('button', { name: 'Importera 2 giltiga rader' }).click();
  await f.locator('#status').getByText('2 gäster importerade som förslag.').waitFor();
  await f.getByText(HOSTILE).first().waitFor(); // as text, not markup
  expect(await f.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  const ids = s.sandbox.emulator.sheetValues('Gäster').map((r) => r[1]);
  expect(ids).toContain(HOSTILE);
});

test('the steering group approves the new guests', async () => {
  await asUser(STY);
  const f = await openGuests();
  await f.getByRole('checkbox', { name: `Markera ${HOSTILE} Testsson (exempel)` }).check();
  await f.getByRole('checkbox', { name: 'Markera Berit (exempel) Åberg' }).check();
  await f.getByRole('button', { name: 'Godkänn markerade' }).click();
  await f.locator('#status').getByText('2 godkända.').waitFor();
  await f.locator('#cap-text', { hasText: '6 av 30' }).waitFor();
  await expectAxeClean(f, 'guests sidebar (steering group)');
  await screenshot(s.page, 'invitations-guests');
});

describe('refusals land beside their button, focused', () => {
  test('a test with no guest chosen marks the guest field', async () => {
    await asUser(PL);
    const f = await openInvitations();
    await f.locator('#test').click();
    await f.locator('#guest-err', { hasText: 'Välj först vilken gäst testet ska gälla.' }).waitFor();
    await expect(f.locator('#guest').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await activeId(f)).toBe('guest');
    expect(s.sandbox.emulator.outbox().filter((o) => o.to[0] === PL)).toHaveLength(0);
    await expectAxeClean(f, 'invitations sidebar (no guest for the test)');
  });

  test('the quota used up: the test is refused with the reason, beside the button', async () => {
    const f = await openInvitations();
    const value = await f.locator('#guest option', { hasText: 'Astrid' }).getAttribute('value');
    await f.locator('#guest').selectOption(value!);
    await f.locator('#mail-subject').waitFor();
    const emu = s.sandbox.emulator;
    const quota = emu.dailyMailQuota;
    emu.setDailyMailQuota(0);
    try {
      await f.locator('#test').click();
      await f.locator('#test-error', { hasText: /e-postkvot är slut/ }).waitFor();
      expect(await activeId(f)).toBe('test-error');
      expect(await text(f, '#test-result')).toBe('');
      await expectAxeClean(f, 'invitations sidebar (test refused)');
    } finally {
      emu.setDailyMailQuota(quota);
    }
    expect(emu.outbox().filter((o) => o.to[0] === PL)).toHaveLength(0);
  });

  test('the role taken away while the sidebar is open: preview and send are refused with the role named', async () => {
    const f = await openInvitations();
    await rpc('saveSettings', [{ sheet: 'settings', values: { Projektledare: STY } }], PL);
    try {
      await f.locator('#send-start').click();
      await f.locator('#send-error', { hasText: /projektledare/i }).waitFor();
      expect(await activeId(f)).toBe('send-error');
      await expect(f.locator('#confirm').count()).resolves.toBe(0);
      await expectAxeClean(f, 'invitations sidebar (send refused)');
      const value = await f.locator('#guest option', { hasText: 'Astrid' }).getAttribute('value');
      await f.locator('#guest').selectOption(value!);
      await f.locator('#preview-error', { hasText: /projektledare.*styrgrupp|styrgrupp.*projektledare/i }).waitFor();
      expect(await activeId(f)).toBe('preview-error');
      await expect(f.locator('#mail-frame').count()).resolves.toBe(0);
      await expectAxeClean(f, 'invitations sidebar (preview refused)');
    } finally {
      await rpc('saveSettings', [{ sheet: 'settings', values: { Projektledare: PL } }], PL);
    }
  });
});

test('the project leader previews (script tag as text, sandboxed frame), sends a test, then sends with the progress bar', async () => {
  await asUser(PL);
  const f = await openInvitations();
  expect(await text(f, '#viewer')).toBe(`Inloggad som ${PL} (projektledare)`);
  await expectReachable(f, ['#send-start', '#guest', '#test', '#refresh']);
  const select = f.getByLabel('Gäst att förhandsgranska');
  const value = await f.locator('#guest option', { hasText: 'Testsson' }).getAttribute('value');
  await select.selectOption(value!);
  await f.locator('#mail-subject').waitFor();
  const frame = f.locator('#mail-frame');
  await expect(frame.getAttribute('sandbox')).resolves.toBe('');
  const inner = await (await frame.elementHandle())!.contentFrame();
  await inner!.getByText(HOSTILE, { exact: false }).first().waitFor();
  expect(await inner!.locator('script').count()).toBe(0);
  await expect(f.locator('#mail-text').textContent()).resolves.toContain(HOSTILE);
  await expectAxeClean(f, 'invitations sidebar (preview)');
  await expectReachable(f, ['#send-start', '#guest', '#test', '#mail-text', '#refresh']);

  await f.getByRole('button', { name: 'Skicka test till mig' }).click();
  await f.locator('#test-result').getByText(`Testet är skickat till ${PL}.`).waitFor();
  expect(await activeId(f)).toBe('test-result'); // not <body>
  expect(s.sandbox.emulator.outbox().filter((o) => o.to[0] === PL && /^\[TEST\]/.test(o.subject))).toHaveLength(1);

  await f.getByRole('button', { name: 'Skicka inbjudningar …' }).click();
  await f.locator('#confirm').waitFor();
  expect(await activeId(f)).toBe('confirm-title'); // not <body>
  await expect(f.locator('#sender').textContent()).resolves.toContain(PL);
  expect(await f.locator('#recipients li').count()).toBe(6);
  expect(await text(f, '#confirm-who')).toBe('6 godkända gäster får sin inbjudan nu:');
  expect(await text(f, '#confirm-slots')).toBe('6 av 30 inbjudningsplatser använda');
  await expectAxeClean(f, 'invitations sidebar (confirm)');
  await expectReachable(f, ['#recipients', '#send-confirm', '#send-cancel']);

  // Cancel gives the focus back to the button that opened the step.
  await f.locator('#send-cancel').click();
  expect(await activeId(f)).toBe('send-start');
  await f.locator('#send-start').click();
  await f.locator('#confirm-title').waitFor();

  await f.getByRole('button', { name: 'Skicka nu' }).click();
  await f.getByRole('progressbar', { name: 'Utskick' }).waitFor();
  await f.locator('#summary').waitFor({ timeout: 30_000 });
  expect(await activeId(f)).toBe('summary-title');
  await expect(f.locator('#progress-text').textContent()).resolves.toBe('6 av 6 skickade');
  expect(await text(f, '#run-sent')).toBe('6');
  expect(await text(f, '#total-invited')).toBe('6');
  expect(await text(f, '#outcome')).toBe('Alla godkända gäster har fått sin inbjudan.');
  expect(await text(f, '#status')).toBe('Utskicket är klart: 6 inbjudningar skickade.');
  await expectAxeClean(f, 'invitations sidebar (summary)');
  await expectReachable(f, ['#send-start', '#refresh']);
  await expectAxeClean(s.page, 'sandbox page with the invitations sidebar');
  await screenshot(s.page, 'invitations-sent');

  const outbox = s.sandbox.emulator.outbox().filter((o) => !/^\[TEST\]/.test(o.subject));
  expect(outbox).toHaveLength(6);
  expect(new Set(outbox.map((o) => o.to[0])).size).toBe(6);
});

test('the statuses show in Gäster and the outbox view lists the invitations', async () => {
  const f = await openGuests();
  await expect(f.locator('.badge', { hasText: 'Inbjuden' }).count()).resolves.toBe(6);
  await s.page.getByRole('button', { name: /^Utkorg/ }).click();
  await s.page.waitForSelector('#outbox-list li');
  await s.page.getByText(/Inbjudan till Public Services Summit 2009/).first().waitFor();
  await expectAxeClean(s.page, 'outbox view after the send');
  await screenshot(s.page, 'invitations-outbox');
});
