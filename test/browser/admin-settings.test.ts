/**
 * Inställningar och roller in Chromium in the sandbox (the 300 px sidebar): roles changed by the
 * owner (a bad address refused at its field), read-only for others, the event part for a project
 * leader, English labels. axe clean in each state.
 */
jest.setTimeout(180_000);
import { EKO, NOONE, PL, STY, asUser, cellOf, emu, nb, open, openSettings, sb, useSandbox } from '../support/admin';
import { expectAxeClean, screenshot } from '../support/browser';

useSandbox();

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
    await screenshot(sb().page, 'admin-settings');

    await steering.fill(`${STY}, ny.ledamot@`);
    await f.locator('#settings-save').focus();
    await sb().page.keyboard.press('Enter');
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
    // 21: the free-text Evenemangsdelar left the event form when Program items replaced it.
    expect(await controls.count()).toBe(21);
    await expect(f.locator('#event-form').textContent()).resolves.not.toMatch(/Evenemangsdelar/);
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
    await sb().page.getByLabel('Språk').selectOption('en');
    try {
      const f = await open('Settings and roles', '#settings-form'); // the menu follows the language too
      await f.getByRole('heading', { name: 'Roles and settings' }).waitFor();
      const finance = f.getByLabel('Finance staff (Ekonomi)');
      await finance.fill('inte@');
      await f.locator('#settings-save').click();
      const err = `#${await finance.getAttribute('id')}-err`;
      await f.locator(err, { hasText: 'Ekonomi: "inte@" is not a valid e-mail address.' }).waitFor({ timeout: 15_000 });
      await expectAxeClean(f, 'settings (English, refused)');
    } finally {
      await sb().page.getByLabel('Språk').selectOption('sv_SE');
    }
  });
});

