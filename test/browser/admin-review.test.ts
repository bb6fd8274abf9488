/**
 * Granska ändringar, and what the other sidebars show of a change made outside the add-on, in
 * Chromium in the sandbox (the 300 px sidebar): changes made through the Sheets API (no onEdit)
 * reviewed, undone and confirmed; the log's anchor; the retention reminder and the purge. axe clean
 * in each state; the decisions made with the keyboard.
 */
jest.setTimeout(180_000);
import { EKO, NOONE, PL, STY, apiWrite, asUser, cellOf, emu, nb, open, openReview, openSettings, sb, tabTo, useSandbox, workshop } from '../support/admin';
import { expectAxeClean, screenshot, sidebarFrame } from '../support/browser';
import { CODE } from '../support/bundle';

useSandbox();

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
    const costs = await open('Kostnader', '#cost-list input[type=radio]');
    const id = String(cellOf('Kostnader', 'ID', workshop).value);
    await costs.check(`#cost-list input[value="${id}"]`);
    await costs.locator('#cost-review:not([hidden])').waitFor();
    expect(nb(await costs.locator('#cost-review').textContent())).toMatch(/kan inte ändras eller makuleras här.*Belopp 42 500,00 kr → 52 500,00 kr/);
    await expect(costs.locator('#change-controls').isHidden()).resolves.toBe(true);
    await expect(costs.locator(`label[for="cost-${id}"] .pick-main`).textContent()).resolves.toMatch(/väntar på granskning$/);
    await expectAxeClean(costs, 'Kostnader (row waits for review)');

    // The overview says the budget is not in balance and lists the change.
    const overview = await open('Budgetöversikt', '#overview-review');
    expect(nb(await overview.locator('#overview-review-list').textContent())).toContain('Belopp 42 500,00 kr → 52 500,00 kr');
    await expectAxeClean(overview, 'Budgetöversikt (change waits for review)');

    // The steering group sees it but may not decide; the overview's button takes them there.
    await asUser(STY);
    const stOverview = await open('Budgetöversikt', '#overview-review-open');
    await stOverview.locator('#overview-review-open').click();
    await sb().page.locator('#sidebar-title', { hasText: 'Granska ändringar' }).waitFor();
    let f = await sidebarFrame(sb().page);
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
    await screenshot(sb().page, 'admin-review');

    const undo = 'li.item button[data-action="undo"]';
    expect(await tabTo(f, undo)).toBe(true);
    await sb().page.keyboard.press('Enter');
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
    await sb().page.keyboard.press('Enter');
    await f.locator('#status.status-ok', { hasText: 'är godkänd och förseglad' }).waitFor({ timeout: 15_000 });
    await f.locator('#empty').waitFor();
    expect(cellOf('Kostnader', 'Leverantör', workshop).value).toBe('Mässhallen AB (exempel)');

    const costs = await open('Kostnader', '#cost-list input[type=radio]');
    await costs.check(`#cost-list input[value="${String(cellOf('Kostnader', 'ID', workshop).value)}"]`);
    await expect(costs.locator('#cost-review').isHidden()).resolves.toBe(true);
    await expect(costs.locator('#change-controls').isVisible()).resolves.toBe(true);
  });

  test('a cost row deleted on the sheet (the row buttons, no onEdit) comes back with Ångra', async () => {
    await asUser(EKO);
    const before = emu().sheetValues('Kostnader');
    const r = before.findIndex((row) => row.includes('Bussar till studiebesök (exempel)'));
    const id = String(before[r][before[0].indexOf('ID')]);
    await sb().page.getByRole('tab', { name: 'Kostnader', exact: true }).click();
    await sb().page.locator(`#grid td[data-r="${r}"][data-c="0"]`).click();
    await sb().page.getByRole('button', { name: `Ta bort rad ${r + 1}` }).click();
    await sb().page.waitForFunction(() => document.querySelectorAll('#grid td').length > 0 && ![...document.querySelectorAll('#grid td')].some((td) => td.textContent === 'Bussar till studiebesök (exempel)'));
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
    await sb().page.locator('#sidebar-title', { hasText: 'Granska ändringar' }).waitFor();
    const review = await sidebarFrame(sb().page);
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

    await note.fill('B-0003');
    await first.locator('button[data-action="confirm"]').click();
    await f.locator('#status.status-ok', { hasText: '2 ändrade tilldelningar är godkända (beslut B-0003, Dnr 007-983/2009 § 3 (exempel))' }).waitFor({ timeout: 15_000 });
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
