/**
 * "Skicka påminnelse" in the Inbjudningar sidebar, in Chromium (issue 10): the menu item opens the
 * sidebar at its reminders (focus on their heading, the preview set to the reminder); anyone but
 * the project leader sees the button disabled, saying who may; the project leader confirms (who,
 * each guest's last reminder, the quota), sends a round with a progress bar, and gets a summary
 * whose figures match the outbox; the next confirm shows the round and every guest's last
 * reminder. Keyboard-reachable and axe-clean in every state.
 */
jest.setTimeout(120_000);
import type { Frame } from 'playwright-core';
import { expectAxeClean, menuClick, openSandbox, sidebarFrame, type Session } from '../support/browser';
import { activeId, description, expectReachable, rpc as rpcAs, text } from '../support/invitations-page';

const PL = 'projektledare@example.org';
const STY = 'styrgrupp@example.org';

let s: Session;
const rpc = <T = unknown>(fn: string, args: unknown[], user: string) => rpcAs<T>(s, fn, args, user);
const reminders = () => s.sandbox.emulator.outbox().filter((o) => /^(Påminnelse|Reminder):/.test(o.subject));

beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: roles, six example guests (four approved)
  for (let i = 0; i < 5; i++) {
    const p = await rpc<{ done: boolean }>('sendInvitations', [{ batchSize: 25 }], PL);
    if (p.done) break;
  }
});
afterAll(async () => {
  await s?.close();
});

async function asUser(email: string): Promise<void> {
  await s.page.getByLabel('Användare').selectOption(email);
}

async function openReminders(): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', 'Skicka påminnelse');
  const f = await sidebarFrame(s.page);
  await f.locator('#remind-figures').waitFor({ timeout: 30_000 });
  return f;
}

test('the steering group sees the reminders and a disabled button that says only the project leader may', async () => {
  await asUser(STY);
  const f = await openReminders();
  expect(await activeId(f)).toBe('remind-title');
  expect(await f.locator('#remind-start').isDisabled()).toBe(true);
  expect(await description(f, '#remind-start')).toBe('Bara projektledaren kan skicka påminnelser.');
  await expectAxeClean(f, 'reminders, steering group');
  await asUser(PL);
});

test('the project leader previews the reminder, confirms, sends a round with progress, and sees the summary', async () => {
  const f = await openReminders();
  expect(await activeId(f)).toBe('remind-title');
  const waiting = Number(await text(f, '#remind-waiting'));
  expect(waiting).toBe(4);
  // The preview is set to the reminder.
  expect(await f.locator('#mail-kind').inputValue()).toBe('reminder');
  const first = await f.locator('#guest option').nth(1).getAttribute('value');
  await f.locator('#guest').selectOption(first!);
  await f.locator('#mail-subject').waitFor();
  expect(await text(f, '#mail-subject')).toMatch(/^(Påminnelse|Reminder): /);
  await expectReachable(s, f, ['#remind-start', '#mail-kind']);

  await f.locator('#remind-start').click();
  await f.locator('#remind-confirm').waitFor();
  expect(await activeId(f)).toBe('remind-confirm-title');
  expect(await text(f, '#remind-round')).toBe('Ingen påminnelse har skickats än.');
  const items = await f.locator('#remind-recipients li').allTextContents();
  expect(items).toHaveLength(4);
  expect(items.every((i) => i.endsWith('aldrig påmind'))).toBe(true);
  await expectAxeClean(f, 'reminder confirm');

  await f.locator('#remind-new').click();
  await f.locator('#remind-summary').waitFor({ timeout: 30_000 });
  expect(await activeId(f)).toBe('remind-summary-title');
  expect(Number(await text(f, '#remind-run-sent'))).toBe(4);
  expect(reminders()).toHaveLength(4);
  expect(await f.locator('#remind-progress').getAttribute('value')).toBe('4');
  expect(await text(f, '#remind-outcome')).toMatch(/^Omgång 1: 4 påminnelser skickade; 0 kvar\./);
  expect(await text(f, '#status')).toBe('Omgång 1 är klar: 4 påminnelser skickade.');
  await expectAxeClean(f, 'reminder summary');

  // The next confirm: the round, and every guest's last reminder; cancel gives the focus back to the button.
  await f.locator('#remind-start').click();
  await f.locator('#remind-confirm').waitFor();
  expect(await text(f, '#remind-round')).toMatch(/^Senaste omgången: 1, startad /);
  const again = await f.locator('#remind-recipients li').allTextContents();
  expect(again.every((i) => /– senast påmind \d/.test(i))).toBe(true);
  await f.locator('#remind-cancel').click();
  expect(await activeId(f)).toBe('remind-start');
  expect(reminders()).toHaveLength(4);
});
