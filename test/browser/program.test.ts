/**
 * Program in Chromium in the sandbox (the 300 px sidebar; seeded items from the old parts, guests invited
 * to them): every item with its answers, seats and cost next to its budget category; the project leader
 * adds an item (a study visit outside the conference's days refused at the date, saying why, focused),
 * the steering group decides it, everyone else reads with nothing to press; a cost tied to an item shows
 * on its card and in Beslutsunderlag's budget per item. axe clean in each state.
 */
jest.setTimeout(180_000);
import type { Frame } from 'playwright-core';
import { CODE } from '../support/bundle';
import { EKO, PL, STY, asUser, emu, nb, open, sb, useSandbox } from '../support/admin';
import { expectAxeClean, screenshot } from '../support/browser';

useSandbox();

const openProgram = () => open('Program', '#items[aria-busy="false"] ul.cards');
const programRows = () => emu().sheetValues('Program').slice(1);
const card = (f: Frame, id: string) => f.locator(`#item-${id}`);

describe('Program (the project leader)', () => {
  test('the sidebar fits 300 px and shows each item with its answers, seats and cost', async () => {
    await asUser(PL);
    const f = await openProgram();
    expect(await f.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(300);
    expect(await f.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const ids = programRows().map((r) => String(r[0]));
    expect(await f.locator('ul.cards > li').count()).toBe(ids.length);
    const dinner = programRows().find((r) => r[5] === 'representationsmiddag')!;
    const text = nb(await card(f, String(dinner[0])).textContent());
    expect(text).toMatch(/Inbjudna \d+ · ja \d+ · nej \d+ · ej svarat \d+/);
    expect(text).toMatch(/Ingen platsgräns|Platser kvar: \d+ av \d+/);
    expect(text).toMatch(/Kostnad: 0,00 kr bokat \(0 kostnader\); kategorin representationsmiddag: [\d ]+,\d\d kr bokat i allt/);
    await expectAxeClean(f, 'Program (project leader)');
    await screenshot(sb().page, 'program');
  });

  test('a study visit outside the conference is refused at the date with the reason; on a conference day it is added', async () => {
    const f = await openProgram();
    await f.locator('#f-title').fill('Studiebesök i Kista (exempel)');
    await f.locator('#f-type').selectOption('studiebesök');
    await f.locator('#f-date').fill('2009-12-20');
    await f.locator('#f-start').fill('13:00');
    await f.locator('#f-end').fill('15:30');
    await f.locator('#f-capacity').fill('12');
    const before = programRows().length;
    await f.locator('#save').click();
    await f.locator('#f-date[aria-invalid="true"]').waitFor({ timeout: 15_000 });
    expect(nb(await f.locator('#f-date-err').textContent())).toMatch(/^Datum: 2009-12-20 ligger utanför konferensens dagar \(2009-12-08–2009-12-09\); beslutet tillåter studiebesök bara under konferensen\./);
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('f-date');
    expect(programRows()).toHaveLength(before);
    await expectAxeClean(f, 'Program (refusal at the date)');

    await f.locator('#f-date').fill('2009-12-09');
    await f.locator('#save').click();
    await f.locator('#status.status-ok', { hasText: 'är tillagd som förslag' }).waitFor({ timeout: 15_000 });
    const added = programRows().find((r) => r.includes('Studiebesök i Kista (exempel)'))!;
    expect(added.slice(2, 4)).toEqual(['13:00', '15:30']);
    const id = String(added[0]);
    expect(nb(await card(f, id).textContent())).toContain('Platser kvar: 12 av 12');
    await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe(`item-${id}`);
  });
});

describe('Program for the steering group and for everyone else', () => {
  test('the steering group decides an item from its card; finance staff read with nothing to press', async () => {
    const id = String(programRows().find((r) => r.includes('Studiebesök i Kista (exempel)'))![0]);
    await asUser(STY);
    const f = await openProgram();
    await card(f, id).getByRole('button', { name: /Studiebesök i Kista/ }).last().click();
    await f.locator('#status.status-ok', { hasText: `${id} är nu beslutad` }).waitFor({ timeout: 15_000 });
    expect(programRows().find((r) => r[0] === id)!.at(-2)).toBe('beslutad');
    await expectAxeClean(f, 'Program (steering group)');

    await asUser(EKO);
    const r = await openProgram();
    expect(await r.locator('ul.cards button').count()).toBe(0);
    await expect(r.locator('#editor-may').textContent()).resolves.toMatch(/projektledare/i);
    await expectAxeClean(r, 'Program (read only)');
  });
});

describe('costs tied to an item', () => {
  test('show on the item\'s card and in Beslutsunderlag\'s budget per item', async () => {
    const dinner = String(programRows().find((r) => r[5] === 'representationsmiddag')![0]);
    const r = emu().runExecution(CODE, 'recordCost', [{
      funder: 'Kommunstyrelsen', category: 'representationsmiddag', description: 'Menyprovning (exempel)', amount: '1 200', date: '2009-11-20', item: dinner,
    }], { authMode: 'FULL', user: EKO });
    expect((r.result as { ok: boolean }).ok).toBe(true);
    await asUser(STY);
    const f = await openProgram();
    expect(nb(await card(f, dinner).textContent())).toMatch(/Kostnad: 1 200,00 kr bokat \(1 kostnad\); kategorin representationsmiddag: [\d ]+,\d\d kr bokat i allt/);

    const d = await open('Beslut', '#register ul.decisions, #register #empty');
    await d.locator('#open-summary').click();
    const handle = await sb().page.waitForSelector('#dialog:not([hidden]) #dialog-frame');
    const s = (await handle.contentFrame())!;
    await s.locator('#content[aria-busy="false"] section#budget').waitFor({ timeout: 15_000 });
    const perItem = s.locator('section#budget table', { has: s.locator('caption', { hasText: 'Per programpunkt' }) });
    const row = nb(await perItem.locator('tbody tr').first().textContent());
    expect(row).toMatch(new RegExp(`\\(${dinner}\\)representationsmiddag1 200,00 kr[\\d ]+,\\d\\d kr$`));
    await expectAxeClean(s, 'Beslutsunderlag with the budget per item');
    await s.locator('#close').click();
  });
});
