/**
 * The RSVP page in the sandbox, in Chromium, on a phone-sized screen: the
 * project leader sends the invitations, a guest opens the link in their mail
 * (outbox view → new tab → GET /exec, run as the anonymous visitor), answers
 * yes with a dietary need, sees the confirmation, and the sheet says
 * Tackat ja. axe-clean (WCAG 2.1 AA) outer page and page.
 */
jest.setTimeout(120_000);
import { simpleParser } from 'mailparser';
import type { Frame, Page } from 'playwright-core';
import { CODE } from '../support/bundle';
import { expectAxeClean, openSandbox, screenshot, type Session } from '../support/browser';

const PL = 'projektledare@example.org';
let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: roles, six example guests (four approved)
  const emu = s.sandbox.emulator;
  const sent = emu.runExecution(CODE, 'sendInvitations', [{ batchSize: 10 }], { authMode: 'FULL', user: PL });
  expect(sent.result).toMatchObject({ ok: true, data: { sent: 4 } });
});
afterAll(async () => {
  await s?.close();
});

let guest: Page;
let page: Frame;
let guestId: string;

test('the guest opens the personal link from the invitation in the outbox: a new tab with their own page only', async () => {
  await s.page.getByRole('button', { name: /^Utkorg/ }).click();
  await s.page.locator('#outbox-list li button').first().click();
  const mail = await (await s.page.waitForSelector('#mail-view iframe')).contentFrame();
  const link = mail!.locator('a[href*="/exec?w="]');
  const href = (await link.getAttribute('href'))!;
  guestId = new URL(href).searchParams.get('g')!;
  const [opened] = await Promise.all([s.context.waitForEvent('page'), link.click()]);
  guest = opened;
  await guest.setViewportSize({ width: 375, height: 667 });
  await guest.waitForLoadState('load');
  expect(guest.url()).toBe(href);
  const frame = await (await guest.waitForSelector('#webapp-frame')).contentFrame();
  page = frame!;
  await page.locator('form#rsvp').waitFor();
  const row = s.sandbox.emulator.sheetValues('Gäster').find((r) => r[0] === guestId)!;
  const other = s.sandbox.emulator.sheetValues('Gäster').find((r) => r[0] !== guestId && r[0] !== 'ID')!;
  const text = await page.locator('main').innerText();
  expect(text).toContain(`${String(row[1])} ${String(row[2])}`);
  expect(text).not.toContain(String(other[1]));
  expect(text).not.toContain(String(row[6])); // not even their own e-mail address
  expect(await guest.title()).toMatch(/^(Svar på inbjudan|Reply to the invitation) – /);
  await expectAxeClean(guest, 'RSVP outer page');
  await expectAxeClean(page, 'RSVP page');
});

test('the guest answers each item (yes to the first, no to the rest), consents with the keyboard, gives a dietary need and sees the confirmation', async () => {
  const items = page.locator('fieldset.item');
  const n = await items.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) {
    const radio = items.nth(i).getByRole('radio', { name: i === 0 ? /^(Ja, jag kommer|Yes, I will attend)$/ : /^(Nej|No)$/ });
    await radio.focus();
    await guest.keyboard.press('Space');
    await expect(radio.isChecked()).resolves.toBe(true);
  }
  const diet = page.getByRole('textbox', { name: /Kost och allergier|Dietary needs/ });
  // Health data (GDPR art. 9): the field opens only once the guest has consented.
  await expect(diet.isDisabled()).resolves.toBe(true);
  const consent = page.getByRole('checkbox', { name: /^(Jag samtycker|I consent)/ });
  await consent.focus();
  await guest.keyboard.press('Space');
  await expect(diet.isEnabled()).resolves.toBe(true);
  await diet.fill('<b>Vegetarisk</b> =1+1');
  await page.getByRole('button', { name: /^(Skicka svar|Send reply)$/ }).click();
  const status = page.getByRole('status');
  await status.getByText(/^(Tack!|Thank you!)/).waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('status');
  await expect(status.innerText()).resolves.toMatch(/du kommer till|you will attend/);
  // …and that the confirmation with the .ics of what they accepted is on its way (src/app/confirm.ts).
  await expect(status.innerText()).resolves.toMatch(/En bekräftelse med kalenderfilen har skickats till din e-post\.|A confirmation with the calendar file has been sent to your e-mail\./);
  // The calendar of what the guest accepted: one item, one VEVENT.
  const ics = decodeURIComponent((await page.locator('a#calendar').getAttribute('href'))!.replace(/^data:text\/calendar;charset=utf-8,/, ''));
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  await expectAxeClean(page, 'RSVP page (answered)');
  await screenshot(guest, 'rsvp');
  expect(s.consoleErrors).toEqual([]);
});

test('the sheet shows Tackat ja, the diet as text, and the answer is logged as the guest', async () => {
  const emu = s.sandbox.emulator;
  const [h, ...rows] = emu.sheetValues('Gäster');
  const row = rows.find((r) => r[0] === guestId)!;
  expect(row[h.indexOf('Status')]).toBe('Tackat ja');
  expect(String(row[h.indexOf('Svar per punkt')])).toMatch(/^P-\d{3}: ja(; P-\d{3}: nej)+$/);
  expect(row[h.indexOf('Kost/allergier')]).toBe('<b>Vegetarisk</b> =1+1');
  expect(row[h.indexOf('Samtycke kost')]).toBeInstanceOf(Date);
  expect(row[h.indexOf('Svarad')]).toBeInstanceOf(Date);
  expect(emu.sheetValues('Logg').at(-1)!.slice(1, 4)).toEqual([`gäst:${guestId}`, 'gäst.svar', guestId]);
  await s.page.bringToFront();
  await s.page.getByRole('button', { name: 'Kalkylblad' }).click();
  await s.page.getByRole('tab', { name: 'Gäster' }).click();
  await s.page.getByRole('grid').getByText('Tackat ja', { exact: true }).first().waitFor();
});

test('a guest of the other language answers per item on the same phone-sized screen: the page in their language, axe clean', async () => {
  const emu = s.sandbox.emulator;
  const [h, ...rows] = emu.sheetValues('Gäster');
  const first = rows.find((r) => r[0] === guestId)!;
  const other = rows.find((r) => r[h.indexOf('Status')] === 'Inbjuden' && r[h.indexOf('Språk')] !== first[h.indexOf('Språk')])!;
  const lang = String(other[h.indexOf('Språk')]);
  const mail = emu.outbox().find((m) => m.to[0] === String(other[h.indexOf('E-post')]))!;
  const href = /href="([^"]+\?w=[^"]+)"/.exec(String((await simpleParser(emu.eml(mail.id))).html))![1].replace(/&amp;/g, '&');
  const second = await s.context.newPage();
  await second.setViewportSize({ width: 375, height: 667 });
  await second.goto(href);
  const frame = (await (await second.waitForSelector('#webapp-frame')).contentFrame())!;
  await frame.locator('form#rsvp').waitFor();
  await expect(frame.locator('html').getAttribute('lang')).resolves.toBe(lang);
  const items = frame.locator('fieldset.item');
  const n = await items.count();
  for (let i = 0; i < n; i++) await items.nth(i).getByRole('radio', { name: lang === 'en' ? /^No$/ : /^Nej$/ }).check();
  await expectAxeClean(frame, `RSVP page (${lang}, per item)`);
  await frame.getByRole('button', { name: lang === 'en' ? 'Send reply' : 'Skicka svar' }).click();
  await frame.getByRole('status').getByText(lang === 'en' ? /^Thank you! .*you cannot attend\.$/ : /^Tack! .*du kan inte komma\.$/).waitFor();
  await expectAxeClean(frame, `RSVP page (${lang}, answered)`);
  const after = emu.sheetValues('Gäster').find((r) => r[0] === other[0])!;
  expect(after[h.indexOf('Status')]).toBe('Tackat nej');
  await second.close();
});
