/**
 * Beslut and Beslutsunderlag in Chromium in the sandbox (the 300 px sidebar, the seeded register
 * B-0001…B-0004): the steering group records a decision (a refusal at its field, keyboard only),
 * takes a pending one; everyone else reads, with the controls disabled and who may use them; the
 * summary opens from the sidebar in a dialog, shows guests' and decisions' text as text, and prints
 * on A4 without its buttons. axe clean in each state.
 */
jest.setTimeout(180_000);
import type { Frame } from 'playwright-core';
import { EKO, STY, asUser, emu, nb, open, sb, tabToAll, useSandbox } from '../support/admin';
import { expectAxeClean, screenshot } from '../support/browser';

useSandbox();

const openDecisions = () => open('Beslut', '#register ul.decisions, #register #empty');
const decisionRows = () => emu().sheetValues('Beslut').slice(1);

async function summaryFrame(): Promise<Frame> {
  const handle = await sb().page.waitForSelector('#dialog:not([hidden]) #dialog-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('dialog frame has no document');
  await frame.locator('#content[aria-busy="false"] section').first().waitFor({ timeout: 15_000 });
  return frame;
}

describe('Beslut (the steering group)', () => {
  test('the sidebar fits 300 px, every control is reachable by keyboard, and a decision is recorded with Enter', async () => {
    await asUser(STY);
    const f = await openDecisions();
    expect(await f.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(300);
    expect(await f.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await expect(f.locator('#who').textContent()).resolves.toBe(`Inloggad som ${STY} (styrgruppen)`);
    expect(await f.locator('ul.decisions > li').count()).toBe(4);
    await expectAxeClean(f, 'Beslut (steering group)');
    await screenshot(sb().page, 'decisions');
    const targets = ['#open-summary', '#date', '#subject', '#text', '#reference', '#decidedBy', '#decision-status', '#note', '#save', 'button[data-to="Fattat"]'];
    expect(await tabToAll(f, targets)).toEqual(Object.fromEntries(targets.map((t) => [t, true])));
    // Keyboard only: subject, wording, then Enter on the button.
    await f.locator('#subject').focus();
    await f.locator('#subject').selectOption('Representationsmiddag');
    await f.locator('#text').focus();
    await sb().page.keyboard.type('Middagen hålls i Stadshuset <b>(exempel)</b>.');
    await f.locator('#save').focus();
    await sb().page.keyboard.press('Enter');
    await f.locator('#status.status-ok', { hasText: 'B-0005' }).waitFor({ timeout: 15_000 });
    expect(nb(await f.locator('#status').textContent())).toBe('Beslut B-0005 (Representationsmiddag, fattat) är registrerat.');
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('d-B-0005');
    expect(decisionRows().find((r) => r[0] === 'B-0005')!.slice(2, 7)).toEqual(['Representationsmiddag', 'Middagen hålls i Stadshuset <b>(exempel)</b>.', '', 'Styrgruppen', 'Fattat']);
    // The wording is text in the list, not markup.
    expect(await f.locator('ul.decisions b').count()).toBe(0);
    await expectAxeClean(f, 'Beslut (after recording)');
  });

  test('a refusal is at its field, focused; a pending decision is taken from its card', async () => {
    const f = await openDecisions();
    await f.locator('#text').fill('   ');
    await f.locator('#date').fill('');
    await f.locator('#save').click();
    await expect(f.locator('#date-err').textContent()).resolves.toBe('Fyll i fältet.');
    await expect(f.locator('#text').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('date');
    await expectAxeClean(f, 'Beslut (the form\'s own refusal)');
    const take = f.locator('button[data-id="B-0004"][data-to="Fattat"]');
    await take.click();
    await f.locator('#status.status-ok', { hasText: 'B-0004' }).waitFor({ timeout: 15_000 });
    expect(decisionRows().find((r) => r[0] === 'B-0004')![6]).toBe('Fattat');
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('d-B-0004');
  });
});

describe('Beslut for everyone else', () => {
  test('read-only: the form disabled, who may record said beside it', async () => {
    await asUser(EKO);
    try {
      const f = await openDecisions();
      await expect(f.locator('#who').textContent()).resolves.toMatch(/bara styrgruppen \(rollen Styrgrupp i Summit Planner → Inställningar och roller\) registrerar och ändrar beslut\.$/);
      await expect(f.locator('#save').isDisabled()).resolves.toBe(true);
      await expect(f.locator('#save').getAttribute('aria-describedby')).resolves.toBe('who');
      expect(await f.locator('button[data-to]').count()).toBe(0);
      await expectAxeClean(f, 'Beslut (read only)');
    } finally {
      await asUser(STY);
    }
  });
});

describe('Beslutsunderlag', () => {
  test('opens from the sidebar, shows the register and the guests as text, axe clean, and prints without its buttons', async () => {
    await asUser(STY);
    // A guest's name that looks like markup must arrive as text.
    emu().apiUpdate('Gäster!B2', [['<img src=x onerror=alert(1)> (exempel)']], { user: 'projektledare@example.org' });
    const f = await openDecisions();
    await f.locator('#open-summary').click();
    const s = await summaryFrame();
    await expect(sb().page.locator('#dialog-title').textContent()).resolves.toBe('Beslutsunderlag');
    const text = nb(await s.locator('#content').textContent());
    expect(text).toContain('Temat för stadens medverkan');
    expect(text).toContain('Middagen hålls i Stadshuset <b>(exempel)</b>.');
    expect(await s.locator('#content img, #content b').count()).toBe(0);
    for (const id of ['event', 'programme', 'guests', 'budget', 'taken', 'pending']) expect(await s.locator(`section#${id} h2`).count()).toBe(1);
    await expectAxeClean(s, 'Beslutsunderlag');
    await screenshot(sb().page, 'decisions-summary');
    const page = sb().page;
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(s.locator('#print').isVisible()).resolves.toBe(false);
      expect(await s.evaluate(() => getComputedStyle(document.getElementById('content')!).columnCount)).toBe('2');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await s.locator('#close').click();
    await page.locator('#dialog').waitFor({ state: 'hidden' });
  });
});
