/**
 * Gäster in Chromium, in the sandbox's 300 px sidebar (issue 9, points 3, 5, 6 and 7): the summary of
 * the answers and the caterer's dietary list (names only for the project leader; the CSV built in the
 * page); approving 32 proposals from a sticky bar with "select all that fit", refused in the
 * sidebar's terms beside the bar with the server's figures; read-only users' disabled controls that
 * say who may; the import preview with errors first, the cap and rows without a programme part.
 * Every action within 10 Tab presses or through a skip link; axe clean in every new state.
 */
jest.setTimeout(240_000);
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { rsvpToken } from '../../src/core/rsvp';
import { EKO, NOONE, PL, STY, asUser as switchUser, emu, nb, sb, useSandbox } from '../support/admin';
import { expectAxeClean, menuClick, screenshot, sidebarFrame } from '../support/browser';
import { CODE } from '../support/bundle';
import { sealedWrite } from '../support/inprocess';
import { expectRefusalAt } from '../support/budget-browser';
import { reachAll, tabsFromTop } from '../support/keyboard';

useSandbox(); // seeded: roles, six example guests (G-0001…G-0004 approved, G-0005 and G-0006 proposed)

/** Acts as `user`; the sandbox's notices of each switch are closed (they pile up above the sidebar and shrink it). */
async function asUser(user: string): Promise<void> {
  if ((await sb().page.getByLabel('Användare').inputValue()) !== user) await menusReloaded(() => switchUser(user));
  await sb().page.evaluate(() => document.getElementById('messages')?.replaceChildren());
}

/**
 * Runs a switch (user, language) that closes the sidebar and reloads the menus, and waits for the new
 * menus: a menu clicked in between could open a sidebar the reload then replaces.
 */
async function menusReloaded(change: () => Promise<unknown>): Promise<void> {
  const page = sb().page;
  await page.evaluate(() => document.querySelectorAll('#menus button').forEach((b) => b.setAttribute('data-old', '')));
  await change();
  await page.locator('#menus button.menubtn:not([data-old])').first().waitFor({ timeout: WAIT });
}

/** A server call as `user`, straight into the sandbox's emulator (what another person does meanwhile). */
function server<T = unknown>(fn: string, args: unknown[], user: string): T {
  const r = emu().runExecution(CODE, fn, JSON.parse(JSON.stringify(args)), { authMode: 'FULL', user, locale: 'sv_SE' });
  const res = r.result as { ok: boolean; data?: T; message?: string } | undefined;
  if (!r.ok || !res?.ok) throw new Error(`${fn}: ${r.error?.message ?? res?.message}`);
  return res.data as T;
}

/** A guest answers on the RSVP page (as the anonymous visitor the web app runs for). */
function answer(g: string, yes: boolean, diet?: string, consent?: boolean): void {
  const props = emu().state.scriptProperties;
  const w = Object.keys(props).find((k) => k.startsWith('summit.workbook.'))!.slice('summit.workbook.'.length);
  const t = rsvpToken(props['summit.rsvp.secret'], g, 1, w);
  const r = emu().runExecution(CODE, 'submitRsvp', [JSON.parse(JSON.stringify({ w, g, v: 1, t, answer: yes ? 'ja' : 'nej', diet, consent }))], { authMode: 'FULL', user: '', effectiveUser: PL, webApp: true });
  expect(r.result).toMatchObject({ ok: true, data: { saved: true } });
}

/** A server round trip in the sandbox; generous, for a machine busy with other test runs. */
const WAIT = 45_000;

/** Clicks the dietary list's CSV link in the sidebar frame and returns the file the browser downloaded. */
async function download(f: Frame): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([sb().page.waitForEvent('download', { timeout: WAIT }), f.locator('#diet-csv').click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
}
const HOSTILE_DIET = '=HYPERLINK("http://evil.example","x")';

beforeAll(() => {
  // The four approved guests are invited; three say yes (two with a need, one with a hostile one), Åke no.
  for (let i = 0; i < 10 && !server<{ done: boolean }>('sendInvitations', [{ batchSize: 10 }], PL).done; i++);
  answer('G-0001', true, 'Vegetarisk', true); // Astrid: konferensen, representationsmiddagen
  answer('G-0002', true, 'Nötallergi', true); // Émile: konferensen
  answer('G-0003', false); // Åke: konferensen, studiebesök
  answer('G-0004', true, HOSTILE_DIET, true); // Grace: konferensen, representationsmiddagen
  // 30 more proposals: 32 in all, 4 places taken, 26 free.
  const rows = Array.from({ length: 30 }, (_, i) => `Förslag${i + 7} (exempel);Exempelsson;forslag${i + 7}@example.org;sv;konferensen`);
  server('importGuestRows', [{ text: ['Förnamn;Efternamn;E-post;Språk;Evenemang', ...rows].join('\n') }], PL);
});

/** Opens Gäster from the menu and waits for its list. */
async function openGuests(title = 'Gäster'): Promise<Frame> {
  await menuClick(sb().page, 'Summit Planner', title);
  await sb().page.locator('#sidebar-title', { hasText: title }).waitFor({ timeout: WAIT });
  const f = await sidebarFrame(sb().page);
  await f.locator('#content[aria-busy="false"] #list-h').waitFor({ timeout: WAIT });
  return f;
}
const activeId = (f: Frame): Promise<string> => f.evaluate(() => document.activeElement?.id ?? '');
const text = async (f: Frame, sel: string): Promise<string> => nb(await f.locator(sel).textContent());
/** The element is inside the sidebar's viewport (seen without scrolling). */
const inView = (f: Frame, sel: string): Promise<boolean> => f.locator(sel).evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
});
/** The texts an element's aria-describedby points at. */
const description = (f: Frame, sel: string): Promise<string> => f.locator(sel).evaluate((el) =>
  (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());

/** Every target within 10 Tab presses of the top, or of a skip link within 10 (support/keyboard.ts: one walk for all). */
async function expectReachable(f: Frame, targets: readonly string[]): Promise<void> {
  const ways = await reachAll(sb().page, f, targets);
  for (const t of targets) expect([t, ways[t]]).toEqual([t, expect.stringMatching(/^(\d+$|skip:)/)]);
}

describe('the answers', () => {
  // The seeded guests' Program items as the lists name them (programme order: day 1, the dinner, day 2).
  const [CONF1, DINNER, CONF2] = ['konferensen (P-001)', 'representationsmiddagen (P-003)', 'konferensen (P-002)'];
  test('the summary counts per status and per programme part, for a reader without a role too', async () => {
    await asUser(NOONE);
    const f = await openGuests();
    expect(await text(f, '#answers-line')).toBe('4 inbjudna: 3 ja, 1 nej, 0 har inte svarat.');
    expect(await text(f, '#answers-not-invited')).toBe('32 gäster har inte fått någon inbjudan än.');
    expect((await f.locator('#by-status').locator('dt, dd').allTextContents()).map(nb)).toEqual(['Föreslagen', '32', 'Tackat ja', '3', 'Tackat nej', '1']);
    const rows = await f.locator('#by-part tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(rows).toEqual([
      ['Programpunkt', 'Inbjudna', 'Ja', 'Nej', 'Ej svarat'],
      // Program items since 914f722, named "Title (ID)" in programme (time) order: set-up carried the
      // old two-day "konferensen" over as one item per day (P-001, P-002), so both days are counted.
      ['konferensen (P-001)', '4', '3', '1', '0'],
      ['representationsmiddagen (P-003)', '2', '2', '0', '0'],
      ['konferensen (P-002)', '4', '3', '1', '0'],
      ['studiebesök (P-004)', '1', '0', '1', '0'],
    ]);
    await expect(f.getByRole('table', { name: 'Svar per programpunkt' }).count()).resolves.toBe(1);
    await expectAxeClean(f, 'Gäster (summary)');
  });

  test('without the role the dietary list has no names, the names box is disabled and says who may', async () => {
    for (const u of [NOONE, STY]) {
      await asUser(u);
      const f = await openGuests();
      await f.locator('#diet-details summary').click();
      await f.locator('#diet-table').waitFor({ timeout: WAIT });
      await expect(f.locator('#diet-names').isDisabled()).resolves.toBe(true);
      expect(await description(f, '#diet-names')).toBe('Bara projektledaren kan se vem kostbehoven gäller.');
      const cells = await f.locator('#diet-table tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
      expect(cells).toEqual([
        ['Kost/allergier', 'Antal', 'Programpunkter'],
        [HOSTILE_DIET, '1', `${CONF1}, ${DINNER}, ${CONF2}`],
        ['Nötallergi', '1', `${CONF1}, ${CONF2}`],
        ['Vegetarisk', '1', `${CONF1}, ${DINNER}, ${CONF2}`],
      ]);
      expect(await text(f, '#diet-table caption')).toBe('Kostbehov utan namn: 3 gäster');
      expect(await f.locator('#answers').textContent()).not.toMatch(/Astrid|Émile|Grace/);
      await expectAxeClean(f, `Gäster (dietary list without names, ${u})`);
    }
  });

  test('the project leader sees names when she asks, and downloads the CSV built in the page', async () => {
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#diet-details summary').click();
    await f.locator('#diet-table').waitFor({ timeout: WAIT });
    await expect(f.locator('#diet-names').isChecked()).resolves.toBe(false); // privacy by default: no names until asked
    expect(await text(f, '#diet-table caption')).toBe('Kostbehov utan namn: 3 gäster');
    await f.getByLabel('Visa namn').check();
    await f.locator('#diet-table caption', { hasText: 'Kostbehov med namn: 3 gäster' }).waitFor({ timeout: WAIT });
    const cells = await f.locator('#diet-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(cells).toEqual([
      ['Astrid (exempel) Lindqvist', 'Vegetarisk', `${CONF1}, ${DINNER}, ${CONF2}`],
      ['Émile (exempel) Dubois', 'Nötallergi', `${CONF1}, ${CONF2}`],
      ['Grace (exempel) Hopper', HOSTILE_DIET, `${CONF1}, ${DINNER}, ${CONF2}`],
    ]);
    await expectAxeClean(f, 'Gäster (dietary list with names)');
    await screenshot(sb().page, 'guests-dietary-list');

    const link = f.locator('#diet-csv');
    expect(await text(f, '#diet-csv')).toBe('Ladda ner som CSV (3 rader)');
    await expect(link.getAttribute('download')).resolves.toBe('kostlista-med-namn.csv');
    const csv = await link.evaluate(async (a) => {
      const buf = await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer();
      return [...new Uint8Array(buf)];
    });
    expect(csv.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with BOM
    expect(Buffer.from(csv.slice(3)).toString('utf8')).toBe([
      'Namn;Kost/allergier;Programpunkter',
      `Astrid (exempel) Lindqvist;Vegetarisk;${CONF1}, ${DINNER}, ${CONF2}`,
      `Émile (exempel) Dubois;Nötallergi;${CONF1}, ${CONF2}`,
      `Grace (exempel) Hopper;"'=HYPERLINK(""http://evil.example"",""x"")";${CONF1}, ${DINNER}, ${CONF2}`,
      '',
    ].join('\r\n'));

    // Clicked in the sidebar's frame (sandboxed as Google's is), the file is downloaded under its name, bytes as built.
    const named = await download(f);
    expect(named.name).toBe('kostlista-med-namn.csv');
    expect([...named.bytes]).toEqual(csv);

    // Back to the caterer's copy: no names in the file either.
    await f.getByLabel('Visa namn').uncheck();
    await f.locator('#diet-table caption', { hasText: 'utan namn' }).waitFor({ timeout: WAIT });
    await expect(link.getAttribute('download')).resolves.toBe('kostlista.csv');
    const plain = await download(f);
    expect(plain.name).toBe('kostlista.csv');
    const body = plain.bytes.subarray(3).toString('utf8');
    expect(body.split('\r\n')[0]).toBe('Kost/allergier;Antal gäster;Programpunkter');
    expect(body).not.toMatch(/Astrid|Émile|Grace/);
  });

  test('without the role, the downloaded file has the needs and no names', async () => {
    await asUser(STY);
    const f = await openGuests();
    await f.locator('#diet-details summary').click();
    await f.locator('#diet-table').waitFor({ timeout: WAIT });
    const file = await download(f);
    expect(file.name).toBe('kostlista.csv');
    const rows = file.bytes.subarray(3).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('Kost/allergier;Antal gäster;Programpunkter');
    // The needs (a formula-like one as inert text), each with its count; no column of names.
    expect(rows.slice(1).filter(Boolean).map((r) => r.split(';').slice(0, 2))).toEqual([['"\'=HYPERLINK(""http://evil.example"",""x"")"', '1'], ['Nötallergi', '1'], ['Vegetarisk', '1']]);
    expect(file.bytes.toString('utf8')).not.toMatch(/Astrid|Émile|Grace|Lindqvist|Dubois|Hopper/);
  });

  test('names asked for after the role went: refused at the box, with the reason, focused', async () => {
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#diet-details summary').click();
    await f.locator('#diet-table').waitFor({ timeout: WAIT });
    server('saveSettings', [{ sheet: 'settings', values: { Projektledare: 'annan@example.org' } }], PL); // the owner gives the role away meanwhile
    try {
      await f.getByLabel('Visa namn').click(); // the refusal unticks it again
      await f.locator('#diet-names-err', { hasText: 'Bara projektledaren får se vem kostbehoven gäller.' }).waitFor({ timeout: WAIT });
      await expect(f.locator('#diet-names').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(f.locator('#diet-names').isChecked()).resolves.toBe(false);
      expect(await activeId(f)).toBe('diet-names');
      expect(await inView(f, '#diet-names-err')).toBe(true);
      expect(await f.locator('#diet-table').textContent()).not.toMatch(/Astrid|Émile|Grace/);
      await expectAxeClean(f, 'Gäster (names refused)');
    } finally {
      server('saveSettings', [{ sheet: 'settings', values: { Projektledare: PL } }], PL);
    }
  });
});

describe('read-only users', () => {
  test.each([
    [NOONE, 'läsbehörighet'],
    [EKO, 'ekonomi'],
  ])('%s sees the list and disabled controls that say who may', async (user, role) => {
    await asUser(user);
    const f = await openGuests();
    expect(await text(f, '#who')).toContain(role);
    for (const b of ['#approve', '#unapprove', '#add-off', '#import-off']) await expect(f.locator(b).isDisabled()).resolves.toBe(true);
    expect(await description(f, '#approve')).toBe('Bara styrgruppen kan godkänna gäster och återkalla godkännanden.');
    expect(await description(f, '#add-off')).toBe('Bara projektledaren kan lägga till gäster, ändra dem och importera.');
    await expect(f.locator('#guest-list input[type=checkbox]').count()).resolves.toBe(0);
    await expect(f.locator('#guest-list button').count()).resolves.toBe(0);
    await expect(f.locator('#guest-form, #import-details').count()).resolves.toBe(0);
    await expect(f.locator('#guest-list li.guest').count()).resolves.toBe(36);
    await expectAxeClean(f, `Gäster (read-only, ${role})`);
  });

  test('the project leader may not approve: the bar says who may; the steering group may not add', async () => {
    await asUser(PL);
    let f = await openGuests();
    await expect(f.locator('#approve').isDisabled()).resolves.toBe(true);
    await expect(f.locator('#select-fit').count()).resolves.toBe(0);
    expect(await text(f, '#approve-who')).toBe('Bara styrgruppen kan godkänna gäster och återkalla godkännanden.');
    await asUser(STY);
    f = await openGuests();
    await expect(f.locator('#add-off').isDisabled()).resolves.toBe(true);
    await expect(f.locator('#guest-list button[data-edit]').count()).resolves.toBe(0);
    await expectAxeClean(f, 'Gäster (steering group: no adding)');
  });
});

describe('refusals where the user is looking (issue 9, point 1, in Gäster)', () => {
  test('the guest form: the server\'s refusal at the field it names, invalid, described, focused; the status line stays quiet', async () => {
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#guest-details summary').click();
    await expect(f.locator('#f-diet').count()).resolves.toBe(0); // a new guest has given no consent to dietary data
    await f.locator('#f-firstName').fill('Dubblett (exempel)');
    await f.locator('#f-lastName').fill('Adress');
    await f.locator('#f-email').fill('astrid.lindqvist@example.org');
    await f.locator('#guest-form button[type="submit"]').click();
    await f.locator('#f-email[aria-invalid="true"]').waitFor({ timeout: WAIT });
    await expectRefusalAt(f, '#f-email', /^E-postadressen astrid\.lindqvist@example\.org finns redan i listan \(G-0001\)\. Varje gäst ska ha en egen adress\./);
    expect(await text(f, '#status')).not.toMatch(/finns redan/);
    await expectAxeClean(f, 'Gäster (guest form refused)');
  });

  test('import: a refusal of the import is shown at the pasted text, focused', async () => {
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#import-details summary').click();
    const ta = f.locator('#import-text');
    await ta.fill('Förnamn\tEfternamn\tE-post\tEvenemang\nImport (exempel)\tEtt\timport1@example.org\tkonferensen');
    await f.getByRole('button', { name: 'Förhandsgranska' }).click();
    await f.locator('#import-summary', { hasText: '1 giltig' }).waitFor({ timeout: WAIT });
    await ta.fill('Namn\tAdress\nX\tx@example.org'); // changed after the preview: the server reads what is sent
    await f.locator('#import-go').click();
    await f.locator('#import-text[aria-invalid="true"]').waitFor({ timeout: WAIT });
    await expectRefusalAt(f, '#import-text', 'Kolumner saknas: Förnamn/First name, Efternamn/Last name, E-post/E-mail.');
    expect(await text(f, '#status')).not.toMatch(/Kolumner saknas/);
    await expectAxeClean(f, 'Gäster (import refused)');
  });
});

describe('the import preview', () => {
  test('file errors alone; then rows with errors first, the cap counting the proposals there, rows with no programme part', async () => {
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#import-details summary').click();
    const ta = f.getByLabel(/Klistra in rader/);
    await ta.fill('Namn\tAdress\nX\tx@example.org');
    await f.getByRole('button', { name: 'Förhandsgranska' }).click();
    await f.locator('#import-result .flag', { hasText: 'Kolumner saknas: Förnamn/First name, Efternamn/Last name, E-post/E-mail.' }).waitFor({ timeout: WAIT });
    await expect(f.locator('#import-go').isDisabled()).resolves.toBe(true);
    await expect(f.locator('#import-cap').count()).resolves.toBe(0);

    await ta.fill([
      'Förnamn\tEfternamn\tE-post\tEvenemang',
      'Ny (exempel)\tEtt\tny1@example.org\tkonferensen',
      'Utan (exempel)\tDel\tutan.del@example.org\t',
      'Fel (exempel)\tAdress\tinte-en-adress\tkonferensen',
      'Ny (exempel)\tTvå\tny2@example.org\tstudiebesök',
      'Dubbel (exempel)\tAdress\tastrid.lindqvist@example.org\tkonferensen',
    ].join('\n'));
    await f.getByRole('button', { name: 'Förhandsgranska' }).click();
    await f.locator('#import-summary', { hasText: '3 giltiga, 2 med fel.' }).waitFor({ timeout: WAIT });
    expect(await activeId(f)).toBe('import-summary');
    expect(await text(f, '#import-cap')).toBe('Efter importen finns 35 förslag; 26 platser är lediga. Styrgruppen kan godkänna högst 26 av dem utan att taket höjs.');
    expect(await text(f, '#import-no-part')).toBe('1 rad saknar programpunkt (Evenemang): gästen bjuds inte in till någon del förrän du väljer en.');
    const lines = (await f.locator('#import-rows > li').allTextContents()).map((l) => nb(l).split(':')[0]);
    expect(lines).toEqual(['Rad 4', 'Rad 6', 'Rad 3', 'Rad 2', 'Rad 5']); // errors, then the warning, then the rest
    expect(await text(f, '#import-rows > li:nth-child(3) .warnings')).toMatch(/^Ingen programpunkt/);
    expect(await text(f, '#import-go')).toBe('Importera 3 giltiga rader');
    await expectAxeClean(f, 'Gäster (import preview)');
  });
});

describe('approving', () => {
  test('32 proposals: the bar stays in view, "select all that fit", and a refusal in the sidebar\'s terms beside it, focused', async () => {
    await asUser(STY);
    const f = await openGuests();
    expect(await text(f, '#cap-text')).toBe('4 av 30 inbjudningsplatser använda');
    expect(await text(f, '#select-fit')).toBe('Markera alla som ryms (26)');
    await f.locator('#select-fit').click();
    expect(await text(f, '#approve-count')).toBe('26 markerade · 26 platser lediga');
    const checked = await f.locator('#guest-list input:checked').evaluateAll((cs) => cs.map((c) => (c as HTMLInputElement).value));
    expect(checked).toEqual(Array.from({ length: 26 }, (_, i) => `G-${String(i + 5).padStart(4, '0')}`));

    // Two more, at the bottom of the list: the bar is still in view there.
    for (const id of ['G-0035', 'G-0036']) await f.locator(`#g-${id}`).check();
    await f.locator('#g-G-0036').scrollIntoViewIfNeeded();
    expect(await inView(f, '#g-G-0036')).toBe(true);
    expect(await inView(f, '#approve')).toBe(true);
    expect(await inView(f, '#unapprove')).toBe(true);
    expect(await text(f, '#approve-count')).toBe('Du har markerat 28; 26 platser är lediga.');
    await screenshot(sb().page, 'guests-approve-bar');

    await f.locator('#approve').click();
    await f.locator('#approve-msg', { hasText: 'Du markerade 28' }).waitFor({ timeout: WAIT });
    expect(await text(f, '#approve-msg')).toBe('Du markerade 28; 26 platser är lediga (taket är 30). Avmarkera 2, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.');
    expect(await activeId(f)).toBe('approve-msg');
    expect(await inView(f, '#approve-msg')).toBe(true);
    await expect(f.locator('#guest-list input:checked').count()).resolves.toBe(28); // the selection stays
    await expectAxeClean(f, 'Gäster (approval refused)');
    await screenshot(sb().page, 'guests-approve-refused');

    // Someone else approves a proposal meanwhile: the refusal brings the cap as it is now.
    server('approve', [{ ids: ['G-0034'], decision: 'B-0002' }], STY);
    await f.locator('#approve').click();
    await f.locator('#approve-msg', { hasText: '25 platser är lediga' }).waitFor({ timeout: WAIT });
    expect(await text(f, '#approve-msg')).toMatch(/^Du markerade 28; 25 platser är lediga \(taket är 30\)\. Avmarkera 3,/);
    expect(await text(f, '#cap-text')).toBe('5 av 30 inbjudningsplatser använda');
    await expect(f.locator('[role=progressbar]').getAttribute('aria-valuenow')).resolves.toBe('5');
    expect(await text(f, '#select-fit')).toBe('Markera alla som ryms (25)');

    await f.locator('#select-fit').click();
    await f.locator('#approve').click();
    await f.locator('#approve-done', { hasText: '25 godkända.' }).waitFor({ timeout: WAIT });
    expect(await activeId(f)).toBe('approve-done');
    expect(await inView(f, '#approve-done')).toBe(true);
    expect(await text(f, '#cap-text')).toBe('30 av 30 inbjudningsplatser använda');
    expect(await text(f, '#select-fit')).toBe('Markera alla som ryms (0)');
    await expect(f.locator('#select-fit').isDisabled()).resolves.toBe(true);
  });

  test('nothing ticked, and a withdrawal the rules refuse: each said beside the bar', async () => {
    await asUser(STY);
    const f = await openGuests();
    await f.locator('#approve').click();
    expect(await text(f, '#approve-msg')).toBe('Markera minst en gäst först.');
    expect(await activeId(f)).toBe('approve-msg');
    await f.locator('#g-G-0001').check(); // invited: the invitation went, approval can't be withdrawn
    await f.locator('#unapprove').click();
    await f.locator('#approve-msg', { hasText: 'G-0001' }).waitFor({ timeout: WAIT });
    expect(await text(f, '#approve-msg')).toMatch(/^G-0001: Status kan inte ändras från Tackat ja till Föreslagen\./);
    expect(await activeId(f)).toBe('approve-msg');
  });

  test('in English: no places free, the plural right, and the controls in English', async () => {
    await menusReloaded(() => sb().page.getByLabel('Språk').selectOption('en'));
    try {
      const f = await openGuests('Guests');
      expect(await text(f, '#select-fit')).toBe('Select all that fit (0)');
      await f.locator('#g-G-0030').check();
      expect(await text(f, '#approve-count')).toBe('You have selected 1; no places are free.');
      await f.getByRole('button', { name: 'Approve selected' }).click();
      await f.locator('#approve-msg', { hasText: 'You selected 1' }).waitFor({ timeout: WAIT });
      expect(await text(f, '#approve-msg')).toBe('You selected 1; no places are free (the cap is 30). Clear 1, or have an administrator raise the cap in Settings and roles. Nothing was approved.');
      expect(await text(f, '#answers-line')).toBe('4 invited: 3 yes, 1 no, 0 have not answered.');
      await expectAxeClean(f, 'Gäster (English, refused)');
    } finally {
      await menusReloaded(() => sb().page.getByLabel('Språk').selectOption('sv_SE'));
    }
  });
});

describe('keyboard', () => {
  test('every action of the steering group and the project leader within 10 Tab presses or through a skip link', async () => {
    await asUser(STY);
    let f = await openGuests();
    await expectReachable(f, ['#refresh', '#diet-details summary', '#select-fit:not([disabled]), #approve', '#approve', '#unapprove', '#g-G-0006']);
    await asUser(PL);
    f = await openGuests();
    await f.locator('#diet-details summary').click();
    await f.locator('#diet-csv').waitFor({ timeout: WAIT });
    await expectReachable(f, ['#refresh', '#diet-details summary', '#diet-names', '#diet-csv', '#guest-details summary', '#import-details summary', 'button[data-edit="G-0001"]']);
    await f.locator('#import-details summary').click();
    await expectReachable(f, ['#import-text', '#import-preview']);
    // A skip link lands where it says, and the next Tab is that part's first control.
    expect((await tabsFromTop(sb().page, f, ['a[data-skip="forms-h"]']))['a[data-skip="forms-h"]']).not.toBeNull();
    await sb().page.keyboard.press('Enter');
    expect(await activeId(f)).toBe('forms-h');
    await sb().page.keyboard.press('Tab');
    expect(await f.evaluate(() => document.activeElement?.closest('details')?.id)).toBe('guest-details');
  });
});

describe('a confirmation that did not arrive (src/app/confirm.ts)', () => {
  test('listed where the project leader looks — who, when, why, what to do —, resent from there once; disabled with who may for others; axe clean', async () => {
    const e = emu();
    const quota = e.dailyMailQuota;
    e.setDailyMailQuota(e.state.mailQuota.used); // the day's quota is used up when Åke changes his answer to yes
    try { answer('G-0003', true); } finally { e.setDailyMailQuota(quota); }
    await asUser(STY);
    let f = await openGuests();
    await f.locator('#confirm-trouble').waitFor({ timeout: WAIT });
    expect(await text(f, '#confirm-trouble-h')).toBe('En bekräftelse av gästers svar kom inte fram');
    expect(await text(f, '#confirm-G-0003')).toMatch(/^Åke .+ \(G-0003\), \d+ november 2009 kl\. \d\d:\d\d: Bekräftelsen kunde inte mejlas: dagens mejlkvot var slut\. Gästen kan ladda ner kalenderfilen på svarssidan;/);
    const off = f.locator('button[data-resend="G-0003"]');
    await expect(off.isDisabled()).resolves.toBe(true);
    expect(await description(f, 'button[data-resend="G-0003"]')).toBe('Bara projektledaren kan skicka bekräftelsen igen eller markera den som hanterad.');
    await expect(f.locator('button[data-dismiss="G-0003"]').isDisabled()).resolves.toBe(true);
    await expectAxeClean(f, 'Gäster (a failed confirmation, steering group)');
    await asUser(PL);
    f = await openGuests();
    const b = f.locator('button[data-resend="G-0003"]');
    await expect(b.getAttribute('aria-label')).resolves.toMatch(/^Skicka bekräftelsen igen: Åke /);
    await expectAxeClean(f, 'Gäster (a failed confirmation, project leader)');
    const before = e.outbox().length;
    await b.click();
    await f.locator('#status.status-ok', { hasText: /^Bekräftelsen till G-0003 är skickad igen\.$/ }).waitFor({ timeout: WAIT });
    await f.locator('#confirm-trouble').waitFor({ state: 'detached', timeout: WAIT });
    expect(e.outbox().slice(before).map((m) => m.subject)).toEqual([expect.stringMatching(/^Ditt svar: /)]);
    await expectAxeClean(f, 'Gäster (the confirmation resent)');
    // Failed again (a no, then a yes with the quota used up): this time dealt with by hand.
    answer('G-0003', false);
    e.setDailyMailQuota(e.state.mailQuota.used);
    try { answer('G-0003', true); } finally { e.setDailyMailQuota(quota); }
    await f.locator('#refresh').click();
    const d = f.locator('button[data-dismiss="G-0003"]');
    await d.waitFor({ timeout: WAIT });
    await expect(d.getAttribute('aria-label')).resolves.toMatch(/^Markera som hanterad: Åke /);
    await d.click();
    await f.locator('#status.status-ok', { hasText: /^Bekräftelsen till G-0003 är markerad som hanterad\.$/ }).waitFor({ timeout: WAIT });
    await f.locator('#confirm-trouble').waitFor({ state: 'detached', timeout: WAIT });
    answer('G-0003', false); // as he was: the later tests count him as a no
  });
});

describe('Anteckning: the server\'s lines beside the user\'s 500 characters (src/core/note-lines.ts)', () => {
  test('the form shows only the project leader\'s text, keeps the [Påminnelse] line as it is, and saves her full 500 beside it; axe clean', async () => {
    const sheetNote = () => String(emu().sheetValues('Gäster').find((r) => r[0] === 'G-0002')![emu().sheetValues('Gäster')[0].indexOf('Anteckning')]);
    const was = sheetNote();
    const line = '[Påminnelse] omgång 1: misslyckades (Studsade)';
    sealedWrite(emu(), PL, 'guests', 'G-0002', { Anteckning: `${line}\nVIP-gäst` }); // as a failed reminder leaves it
    await asUser(PL);
    const f = await openGuests();
    await f.locator('button[data-edit="G-0002"]').click();
    // Before: the [Påminnelse] line showed in the form, counted toward its 500, and the save was refused as invalid input.
    await expect(f.locator('#f-note').inputValue()).resolves.toBe('VIP-gäst');
    const own = `VIP-gäst ${'å'.repeat(491)}`;
    await f.locator('#f-note').fill(own);
    await f.locator('#guest-form button[type="submit"]').click();
    await f.locator('#status.status-ok', { hasText: /^Gästen G-0002 är sparad\.$/ }).waitFor({ timeout: WAIT });
    expect(sheetNote()).toBe(`${line}\n${own}`);
    await expectAxeClean(f, 'Gäster (a note beside the server\'s line saved)');
    sealedWrite(emu(), PL, 'guests', 'G-0002', { Anteckning: was }); // as it was for the later tests
  });
});

describe('after the event', () => {
  test('once the retention period has passed the dietary list shows nothing, purged or not; the counts stay', async () => {
    server('saveSettings', [{ sheet: 'event', values: { Startdatum: '2009-06-30', Slutdatum: '2009-07-01' } }], PL);
    await asUser(PL);
    const f = await openGuests();
    await f.locator('#diet-details summary').click();
    await f.locator('#diet-withheld').waitFor({ timeout: WAIT });
    expect(await text(f, '#diet-withheld')).toBe('Lagringstiden gick ut 2009-10-01: kostuppgifterna visas inte längre och ska gallras. Antalen i sammanfattningen finns kvar.');
    await expect(f.locator('#diet-csv').count()).resolves.toBe(0);
    await f.locator('#purge').click();
    await f.locator('#purge-yes').click();
    await f.locator('#status.status-ok', { hasText: /^Personuppgifterna är gallrade/ }).waitFor({ timeout: WAIT });
    await f.locator('#diet-withheld').waitFor();
    expect(await text(f, '#answers-line')).toBe('4 inbjudna: 3 ja, 1 nej, 0 har inte svarat.');
    await expectAxeClean(f, 'Gäster (dietary list after the purge)');
  });
});

describe('Återbud', () => {
  test('the project leader records a guest\'s Återbud from the list (only for those invited or coming); the result in the status line; axe clean', async () => {
    await asUser(STY);
    let f = await openGuests();
    await expect(f.locator('#guest-list button[data-cancel]').count()).resolves.toBe(0);
    await asUser(PL);
    f = await openGuests();
    await expect(f.locator('button[data-cancel="G-0003"]').count()).resolves.toBe(0); // Tackat nej: nothing to cancel
    const b = f.locator('button[data-cancel="G-0002"]');
    await expect(b.getAttribute('aria-label')).resolves.toMatch(/^Registrera återbud: /);
    // It asks first, beside the button, with the focus on "Avbryt": cancelling the question changes nothing.
    await b.click();
    expect(await activeId(f)).toBe('cancel-no');
    await expect(f.locator('#cancel-text').textContent()).resolves.toMatch(/^Registrera återbud för .+\? Platserna gästen hade erbjuds direkt till väntelistan per e-post\.$/);
    await expectAxeClean(f, 'Gäster (Återbud asked)');
    await sb().page.keyboard.press('Enter');
    await expect(f.locator('#cancel-text').count()).resolves.toBe(0);
    expect(await f.evaluate(() => document.activeElement?.getAttribute('data-cancel'))).toBe('G-0002');
    await b.click();
    await f.locator('#cancel-yes').click();
    await f.locator('#status.status-ok', { hasText: /^Återbud registrerat för G-0002\.$/ }).waitFor({ timeout: WAIT });
    await f.locator('button[data-cancel="G-0002"]').waitFor({ state: 'detached', timeout: WAIT });
    expect(emu().sheetValues('Gäster').find((r) => r[0] === 'G-0002')?.includes('Återbud')).toBe(true);
    await expectAxeClean(f, 'Gäster (after an Återbud)');
  });
});
