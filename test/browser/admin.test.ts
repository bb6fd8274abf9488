/**
 * Inställningar och roller, Granska ändringar, and what the other sidebars
 * show of a change made outside the add-on, in Chromium in the sandbox (the
 * 300 px sidebar): roles changed by the owner (a bad address refused at its
 * field), read-only for others, the event part for a project leader; changes
 * made through the Sheets API (no onEdit) reviewed, undone and confirmed;
 * the log's anchor; the retention reminder and the purge. axe clean in each
 * state; the decisions made with the keyboard.
 */
jest.setTimeout(180_000);
import type { Frame } from 'playwright-core';
import { toA1 } from '../../src/sandbox/emulator/values';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';
import { CODE } from '../support/bundle';

const PL = 'projektledare@example.org'; // the file's owner, so an administrator
const EKO = 'ekonomi@example.org';
const STY = 'styrgrupp@example.org';
const NOONE = 'okand@example.org';
const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: roles, example costs and guests
});
afterAll(async () => {
  await s?.close();
});

const emu = () => s.sandbox.emulator;

async function asUser(email: string): Promise<void> {
  await s.page.getByLabel('Användare').selectOption(email);
}

/** Opens a sidebar from the menu (titled `title`) and waits for `ready` in its new document. */
async function open(item: string, ready: string, title = item): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', item);
  await s.page.locator('#sidebar-title', { hasText: title }).waitFor();
  const f = await sidebarFrame(s.page);
  await f.locator(ready).first().waitFor({ state: 'attached', timeout: 15_000 });
  return f;
}

const openSettings = () => open('Inställningar och roller', '#settings-form');
const openReview = () => open('Granska ändringar', '#content[aria-busy="false"] > *');

/** A sheet's cell as the emulator holds it, found by header and by a value in another column. */
function cellOf(sheet: string, header: string, match: (row: unknown[]) => boolean): { a1: string; value: unknown } {
  const values = emu().sheetValues(sheet);
  const col = values[0].indexOf(header);
  const row = values.findIndex((r, i) => i > 0 && match(r));
  if (col < 0 || row < 0) throw new Error(`no ${header} on ${sheet}`);
  return { a1: `${sheet}!${toA1(row + 1, col + 1)}`, value: values[row][col] };
}

/** A person writes through the Sheets API: no onEdit runs, the add-on finds the change later. */
function apiWrite(a1: string, value: unknown, user: string): void {
  const r = emu().apiUpdate(a1, [[value]], { user });
  expect(r.rejected).toBeUndefined();
}

/** Tabs forward from the top of the frame until `target` has focus (keyboard reachability); false if never. */
async function tabTo(f: Frame, target: string, max = 60): Promise<boolean> {
  await f.locator('#title').evaluate((el) => { el.setAttribute('tabindex', '-1'); (el as HTMLElement).focus(); });
  for (let i = 0; i < max; i++) {
    await s.page.keyboard.press('Tab');
    if (await f.evaluate((sel) => document.activeElement === document.querySelector(sel), target)) return true;
  }
  return false;
}

const workshop = (r: unknown[]) => r.includes('Lokalhyra workshoppar (exempel)');

describe('Inställningar och roller', () => {
  test('the owner changes the steering group: a bad address is refused at its field, the saved role shows after reopening', async () => {
    await asUser(PL);
    const f = await openSettings();
    await expect(f.locator('#who').textContent()).resolves.toMatch(/administratör/);
    const steering = f.getByLabel('Styrgrupp', { exact: true });
    await expect(steering.inputValue()).resolves.toBe(STY);
    await expect(steering.isEnabled()).resolves.toBe(true);
    await expect(f.locator('#settings-may').textContent()).resolves.toMatch(/Du är administratör/);
    await expectAxeClean(f, 'settings (owner)');
    await screenshot(s.page, 'admin-settings');

    await steering.fill(`${STY}, ny.ledamot@`);
    await f.locator('#settings-save').focus();
    await s.page.keyboard.press('Enter');
    const id = await steering.getAttribute('id');
    await f.locator(`#${id}-err`, { hasText: 'Styrgrupp' }).waitFor({ timeout: 15_000 });
    expect(nb(await f.locator(`#${id}-err`).textContent())).toBe('Styrgrupp: "ny.ledamot@" är ingen giltig e-postadress. Inget sparades.');
    await expect(steering.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(steering.getAttribute('aria-describedby')).resolves.toContain(`${id}-err`);
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe(id);
    await expect(f.locator('#status').textContent()).resolves.toMatch(/Inget sparades/);
    expect(cellOf('Inställningar', 'Värde', (r) => r[0] === 'Styrgrupp').value).toBe(STY);
    await expectAxeClean(f, 'settings (refused)');

    await steering.fill(`${STY}, ledamot2@example.org`);
    await f.locator('#settings-save').click();
    await f.locator('#status', { hasText: 'Sparat: Styrgrupp.' }).waitFor({ timeout: 15_000 });
    await f.locator('#settings-note', { hasText: /^Sparat: Styrgrupp\./ }).waitFor(); // after the reload, at the new button
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('settings-save');
    expect(cellOf('Inställningar', 'Värde', (r) => r[0] === 'Styrgrupp').value).toBe(`${STY}, ledamot2@example.org`);

    const again = await openSettings();
    await expect(again.getByLabel('Styrgrupp', { exact: true }).inputValue()).resolves.toBe(`${STY}, ledamot2@example.org`);
    await expect(again.getByLabel('Styrgrupp', { exact: true }).getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAxeClean(again, 'settings (saved)');
  });

  test('saving with nothing changed sends nothing and says so at the button', async () => {
    const f = await openSettings();
    const logRows = emu().sheetValues('Logg').length;
    await f.locator('#event-save').click();
    await expect(f.locator('#event-note').textContent()).resolves.toBe('Inget är ändrat: det finns inget att spara.');
    expect(emu().sheetValues('Logg')).toHaveLength(logRows);
  });

  test('for finance staff every field is disabled and the page says who may change them', async () => {
    await asUser(EKO);
    const f = await openSettings();
    const controls = f.locator('#settings-form input, #settings-form textarea, #event-form input, #event-form textarea');
    expect(await controls.count()).toBe(22);
    expect(await controls.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).disabled))).toBe(true);
    await expect(f.locator('#settings-save').isDisabled()).resolves.toBe(true);
    await expect(f.locator('#event-save').isDisabled()).resolves.toBe(true);
    expect(nb(await f.locator('#settings-may').textContent())).toBe(`Du kan läsa roller och inställningar. Bara kalkylarkets ägare (${PL}) och administratörerna kan ändra dem.`);
    expect(nb(await f.locator('#event-may').textContent())).toBe(`Du kan läsa evenemangets uppgifter. Bara projektledaren (${PL}) och administratörerna kan ändra dem.`);
    await expect(f.locator('#who').textContent()).resolves.toBe(`Inloggad som ${EKO} (ekonomi)`);
    await expectAxeClean(f, 'settings (finance, read only)');
  });

  test('a project leader who is not an administrator changes the event part only', async () => {
    // The owner makes a second project leader.
    await asUser(PL);
    let f = await openSettings();
    await f.getByLabel('Projektledare', { exact: true }).fill(`${PL}, ${NOONE}`);
    await f.locator('#settings-save').click();
    await f.locator('#settings-note', { hasText: 'Sparat: Projektledare.' }).waitFor({ timeout: 15_000 });

    await asUser(NOONE);
    f = await openSettings();
    await expect(f.locator('#settings-save').isDisabled()).resolves.toBe(true);
    await expect(f.getByLabel('Styrgrupp', { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(f.locator('#event-may').textContent()).resolves.toBe('Du kan ändra evenemangets uppgifter.');
    const venue = f.getByLabel('Plats', { exact: true });
    const replyTo = f.getByLabel('Svarsadress', { exact: true });
    await expect(venue.isEnabled()).resolves.toBe(true);

    await venue.fill('Stockholms stadshus (exempel)');
    await replyTo.fill('svar@');
    await f.locator('#event-save').click();
    const err = `#${await replyTo.getAttribute('id')}-err`;
    await f.locator(err, { hasText: 'Svarsadress' }).waitFor({ timeout: 15_000 });
    await expect(replyTo.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(f.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('Svarsadress');
    await expect(venue.getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAxeClean(f, 'settings (project leader, refused)');

    await replyTo.fill('svar@example.org');
    await f.locator('#event-save').click();
    await f.locator('#event-note', { hasText: 'Sparat: Plats, Svarsadress.' }).waitFor({ timeout: 15_000 });
    expect(cellOf('Evenemang', 'Värde', (r) => r[0] === 'Plats').value).toBe('Stockholms stadshus (exempel)');
    await expect(f.getByLabel('Plats', { exact: true }).inputValue()).resolves.toBe('Stockholms stadshus (exempel)');
    await expectAxeClean(f, 'settings (project leader, saved)');

    // The role goes again, so the rest of the file has one user without any role.
    await asUser(PL);
    f = await openSettings();
    await f.getByLabel('Projektledare', { exact: true }).fill(PL);
    await f.locator('#settings-save').click();
    await f.locator('#settings-note', { hasText: 'Sparat: Projektledare.' }).waitFor({ timeout: 15_000 });
  });

  test('in English the labels say the key in brackets and a refusal still lands on its field', async () => {
    await s.page.getByLabel('Språk').selectOption('en');
    try {
      const f = await open('Inställningar och roller', '#settings-form', 'Settings and roles');
      await f.getByRole('heading', { name: 'Roles and settings' }).waitFor();
      const finance = f.getByLabel('Finance staff (Ekonomi)');
      await finance.fill('inte@');
      await f.locator('#settings-save').click();
      const err = `#${await finance.getAttribute('id')}-err`;
      await f.locator(err, { hasText: 'Ekonomi: "inte@" is not a valid e-mail address.' }).waitFor({ timeout: 15_000 });
      await expectAxeClean(f, 'settings (English, refused)');
    } finally {
      await s.page.getByLabel('Språk').selectOption('sv_SE');
    }
  });
});

describe('Granska ändringar', () => {
  test('someone without a role is refused with the reason', async () => {
    await asUser(NOONE);
    const f = await open('Granska ändringar', '#status.status-error');
    await expect(f.locator('#status').textContent()).resolves.toMatch(/Du saknar behörighet/);
    await expectAxeClean(f, 'review (no role)');
  });

  test('with nothing changed the list says so', async () => {
    await asUser(EKO);
    const f = await openReview();
    await expect(f.locator('#empty').textContent()).resolves.toBe('Inget väntar på granskning.');
    await expectAxeClean(f, 'review (empty)');
  });

  test('an amount changed through the API: Kostnader points to the review, the steering group may not decide, finance undoes it', async () => {
    const cell = cellOf('Kostnader', 'Belopp', workshop);
    expect(cell.value).toBe(42500);
    apiWrite(cell.a1, 52500, EKO);

    // Kostnader shows why the row can't be changed and offers no change or cancel.
    await asUser(EKO);
    const costs = await open('Kostnader', '#cost option');
    const id = String(cellOf('Kostnader', 'ID', workshop).value);
    await costs.selectOption('#cost', id);
    await costs.locator('#cost-review:not([hidden])').waitFor();
    expect(nb(await costs.locator('#cost-review').textContent())).toMatch(/kan inte ändras eller makuleras här.*Belopp 42 500,00 kr → 52 500,00 kr/);
    await expect(costs.locator('#change-controls').isHidden()).resolves.toBe(true);
    await expect(costs.locator(`#cost option[value="${id}"]`).textContent()).resolves.toMatch(/väntar på granskning$/);
    await expectAxeClean(costs, 'Kostnader (row waits for review)');

    // The overview says the budget is not in balance and lists the change.
    const overview = await open('Budgetöversikt', '#overview-review');
    expect(nb(await overview.locator('#overview-review-list').textContent())).toContain('Belopp 42 500,00 kr → 52 500,00 kr');
    await expectAxeClean(overview, 'Budgetöversikt (change waits for review)');

    // The steering group sees it but may not decide; the overview's button takes them there.
    await asUser(STY);
    const stOverview = await open('Budgetöversikt', '#overview-review-open');
    await stOverview.locator('#overview-review-open').click();
    await s.page.locator('#sidebar-title', { hasText: 'Granska ändringar' }).waitFor();
    let f = await sidebarFrame(s.page);
    await f.locator('li.item').first().waitFor({ timeout: 15_000 });
    const card = f.locator('li.item').first();
    await expect(card.locator('button').evaluateAll((bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).resolves.toBe(true);
    await expect(card.textContent()).resolves.toContain('Du kan inte besluta om ändringen: bara ekonomipersonalen får göra det.');
    await expectAxeClean(f, 'review (steering group, not theirs)');

    // Finance: before → now, then Ångra with the keyboard.
    await asUser(EKO);
    f = await openReview();
    await expect(f.locator('#count').textContent()).resolves.toBe('1 ändring väntar på granskning.');
    await expect(f.getByRole('heading', { name: 'Bladet Kostnader (1)' }).isVisible()).resolves.toBe(true);
    const row = f.locator('li.item table.diff tbody tr');
    await expect(row.count()).resolves.toBe(1);
    expect((await row.locator('th, td').allTextContents()).map(nb)).toEqual(['Belopp', '42 500,00 kr', '52 500,00 kr']);
    await expect(f.locator('li.item').textContent()).resolves.toContain('Beslutas av ekonomipersonalen.');
    await expectAxeClean(f, 'review (finance, one change)');
    await screenshot(s.page, 'admin-review');

    const undo = 'li.item button[data-action="undo"]';
    expect(await tabTo(f, undo)).toBe(true);
    await s.page.keyboard.press('Enter');
    await f.locator('#status.status-ok', { hasText: 'är återställd till Summit Planners värden' }).waitFor({ timeout: 15_000 });
    await expect(f.locator('#empty').textContent()).resolves.toBe('Inget väntar på granskning.');
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('empty');
    expect(cellOf('Kostnader', 'Belopp', workshop).value).toBe(42500);
    await expectAxeClean(f, 'review (after undo)');
  });

  test('a valid change is confirmed and stays; Kostnader offers the row again', async () => {
    const cell = cellOf('Kostnader', 'Leverantör', workshop);
    apiWrite(cell.a1, 'Mässhallen AB (exempel)', EKO);
    await asUser(EKO);
    const f = await openReview();
    expect((await f.locator('li.item table.diff tbody tr').first().locator('th, td').allTextContents()).map(nb))
      .toEqual(['Leverantör', 'Stockholmsmässan (exempel)', 'Mässhallen AB (exempel)']);
    const confirm = 'li.item button[data-action="confirm"]';
    expect(await tabTo(f, confirm)).toBe(true);
    await s.page.keyboard.press('Enter');
    await f.locator('#status.status-ok', { hasText: 'är godkänd och förseglad' }).waitFor({ timeout: 15_000 });
    await f.locator('#empty').waitFor();
    expect(cellOf('Kostnader', 'Leverantör', workshop).value).toBe('Mässhallen AB (exempel)');

    const costs = await open('Kostnader', '#cost option');
    await costs.selectOption('#cost', String(cellOf('Kostnader', 'ID', workshop).value));
    await expect(costs.locator('#cost-review').isHidden()).resolves.toBe(true);
    await expect(costs.locator('#change-controls').isVisible()).resolves.toBe(true);
  });

  test('a cost row deleted on the sheet (the row buttons, no onEdit) comes back with Ångra', async () => {
    await asUser(EKO);
    const before = emu().sheetValues('Kostnader');
    const r = before.findIndex((row) => row.includes('Bussar till studiebesök (exempel)'));
    const id = String(before[r][before[0].indexOf('ID')]);
    await s.page.getByRole('tab', { name: 'Kostnader', exact: true }).click();
    await s.page.locator(`#grid td[data-r="${r}"][data-c="0"]`).click();
    await s.page.getByRole('button', { name: `Ta bort rad ${r + 1}` }).click();
    await s.page.waitForFunction(() => document.querySelectorAll('#grid td').length > 0 && ![...document.querySelectorAll('#grid td')].some((td) => td.textContent === 'Bussar till studiebesök (exempel)'));
    expect(emu().sheetValues('Kostnader').some((row) => row.includes('Bussar till studiebesök (exempel)'))).toBe(false);

    const f = await openReview();
    const card = f.locator('li.item').first();
    await expect(card.locator('h3').textContent()).resolves.toBe(`Borttagen rad ${id}`);
    expect((await card.locator('tbody tr', { hasText: 'Belopp' }).locator('th, td').allTextContents()).map(nb)).toEqual(['Belopp', '12 000,00 kr', '(borttagen)']);
    await expectAxeClean(f, 'review (row removed)');
    await card.locator('button[data-action="undo"]').click();
    await f.locator('#status.status-ok', { hasText: `Raden ${id} är tillbaka sist på bladet Kostnader.` }).waitFor({ timeout: 15_000 });
    await f.locator('#empty').waitFor();
    expect(emu().sheetValues('Kostnader').filter((row) => row.includes('Bussar till studiebesök (exempel)'))).toHaveLength(1);
  });

  test('a setting typed on Inställningar is listed on the settings page, has no effect, and an administrator confirms it', async () => {
    await asUser(PL);
    apiWrite(cellOf('Inställningar', 'Värde', (r) => r[0] === 'Max antal inbjudna').a1, 40, PL);
    let f = await openSettings();
    await f.locator('#review-box').waitFor();
    expect(nb(await f.locator('#review-box-list').textContent())).toMatch(/Inställningar rad \d+ \(Max antal inbjudna\): ändrad utanför Summit Planner/);
    await expect(f.getByLabel('Max antal inbjudna', { exact: true }).inputValue()).resolves.toBe('30'); // the value in effect
    await expectAxeClean(f, 'settings (a hand change waits for review)');

    await f.locator('#review-box-open').click();
    await s.page.locator('#sidebar-title', { hasText: 'Granska ändringar' }).waitFor();
    const review = await sidebarFrame(s.page);
    await review.locator('li.item button[data-action="confirm"]').click();
    await review.locator('#status.status-ok', { hasText: 'är godkänd och förseglad' }).waitFor({ timeout: 15_000 });
    f = await openSettings();
    await expect(f.getByLabel('Max antal inbjudna', { exact: true }).inputValue()).resolves.toBe('40');
    await expect(f.locator('#review-box').count()).resolves.toBe(0);
  });

  test('allocations typed on Budget: Fördela budget lists them; confirming needs a Dnr', async () => {
    const a = cellOf('Budget', 'Tilldelning', (r) => r[0] === 'Kommunstyrelsen');
    const b = cellOf('Budget', 'Tilldelning', (r) => r[0] === 'STOKAB');
    apiWrite(a.a1, Number(a.value) + 5000, STY);
    apiWrite(b.a1, Number(b.value) - 5000, STY);

    await asUser(STY);
    const budget = await open('Fördela budget', '#alloc-0');
    await budget.locator('#budget-review').waitFor();
    await expect(budget.locator('#budget-review-list li').count()).resolves.toBe(2);
    await expect(budget.locator('#total').getAttribute('readonly')).resolves.toBe('');
    await expect(budget.locator('#total-hint').textContent()).resolves.toBe('Totalbudgeten ändras av en administratör i Inställningar och roller.');
    await expectAxeClean(budget, 'Fördela budget (changes wait for review)');

    const f = await openReview();
    expect(await f.locator('li.item').count()).toBe(2);
    const first = f.locator('li.item').first();
    await first.locator('button[data-action="confirm"]').click();
    const note = first.getByLabel('Beslutsreferens (Dnr)');
    await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(f.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id.endsWith('-note'))).resolves.toBe(true);
    await expect(first.locator('.field-error').first().textContent()).resolves.toBe('Ange beslutsreferensen (Dnr) för att godkänna ändringen.');
    await expectAxeClean(f, 'review (Dnr missing)');

    await note.fill('Styrgruppen 2009-11-02 § 5 (exempel)');
    await first.locator('button[data-action="confirm"]').click();
    await f.locator('#status.status-ok', { hasText: '2 ändrade tilldelningar är godkända (Styrgruppen 2009-11-02 § 5 (exempel))' }).waitFor({ timeout: 15_000 });
    await f.locator('#empty').waitFor();
    expect(cellOf('Budget', 'Tilldelning', (r) => r[0] === 'STOKAB').value).toBe(Number(b.value) - 5000);
  });

  test('an administrator sees the total as editable', async () => {
    await asUser(PL);
    const budget = await open('Fördela budget', '#alloc-0');
    await budget.locator('#total-hint', { hasText: 'Du är administratör' }).waitFor();
    await expect(budget.locator('#total').getAttribute('readonly')).resolves.toBeNull();
    await expect(budget.locator('#budget-review').count()).resolves.toBe(0);
  });
});

describe('Gäster: review and retention', () => {
  const guestRow = (r: unknown[]) => r[0] === 'G-0005';

  test('a guest changed outside the add-on shows why and cannot be selected for approval', async () => {
    apiWrite(cellOf('Gäster', 'Organisation', guestRow).a1, 'Annat AB (exempel)', PL);
    await asUser(STY);
    const f = await open('Gäster', '#guest-list');
    const box = f.getByRole('checkbox', { name: /Mika \(exempel\) Virtanen/ });
    await expect(box.isDisabled()).resolves.toBe(true);
    const reason = f.locator('#g-G-0005-review');
    await expect(reason.textContent()).resolves.toMatch(/ändrad utanför Summit Planner/);
    await expect(box.getAttribute('aria-describedby')).resolves.toBe('g-G-0005-review');
    await expect(f.locator('#guests-review').textContent()).resolves.toMatch(/^1 gäst väntar på granskning/);
    await expectAxeClean(f, 'Gäster (guest waits for review)');
  });

  test('after the retention period the project leader is reminded; the purge is refused while a guest waits, then done', async () => {
    // The event ended in July: three months later the personal data must go.
    const r = emu().runExecution(CODE, 'saveSettings', [{ sheet: 'event', values: { Startdatum: '2009-06-30', Slutdatum: '2009-07-01' } }], { authMode: 'FULL', user: PL });
    expect((r.result as { ok: boolean }).ok).toBe(true);
    await asUser(PL);
    let f = await open('Gäster', '#guest-list');
    await f.getByRole('heading', { name: 'Lagringstiden gick ut 2009-10-01: gallra personuppgifterna.' }).waitFor();
    await f.locator('#purge').click();
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('purge-no');
    await expectAxeClean(f, 'Gäster (purge confirm)');
    await f.locator('#purge-yes').click();
    await f.locator('#purge-err', { hasText: 'Gallringen kan inte göras än' }).waitFor({ timeout: 15_000 });
    await expect(f.locator('#status').textContent()).resolves.toMatch(/Gallringen kan inte göras än/);
    expect(cellOf('Gäster', 'E-post', guestRow).value).toBe('mika.virtanen@example.org');

    // The project leader undoes the guest's change in Granska ändringar, then purges.
    const review = await openReview();
    await review.locator('li.item button[data-action="undo"]').click();
    await review.locator('#empty').waitFor({ timeout: 15_000 });
    f = await open('Gäster', '#guest-list');
    await f.locator('#purge').click();
    await f.locator('#purge-yes').click();
    await f.locator('#status.status-ok', { hasText: /^Personuppgifterna är gallrade för 6 gäster/ }).waitFor({ timeout: 15_000 });
    await expect(f.locator('#retention').count()).resolves.toBe(0);
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('list-h');
    expect(cellOf('Gäster', 'E-post', guestRow).value).toBe('');
    await expectAxeClean(f, 'Gäster (purged)');
  });
});

describe('Logg', () => {
  test('rows removed from Logg by hand: an administrator accepts the log as it stands', async () => {
    const rows = emu().sheetValues('Logg').length;
    const del = emu().deleteRows('Logg', rows, 1, PL);
    expect(del.rejected).toBeUndefined();

    await asUser(EKO);
    let f = await open('Granska ändringar', '#log section');
    await expect(f.locator('#log').textContent()).resolves.toMatch(/En administratör måste godkänna loggen/);
    await expect(f.locator('#accept-log').count()).resolves.toBe(0);

    await asUser(PL);
    f = await open('Granska ändringar', '#log section');
    await f.locator('#accept-log').click();
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('accept-log-no');
    await expectAxeClean(f, 'review (log, confirm)');
    await f.locator('#accept-log-yes').click();
    await f.locator('#status.status-ok', { hasText: 'Loggen är godkänd som den står' }).waitFor({ timeout: 15_000 });
    await expect(f.locator('#log').textContent()).resolves.toBe('');
    await expectAxeClean(f, 'review (log accepted)');
  });
});
