/**
 * The administration sidebars' browser tests (test/browser/admin-*.test.ts): one sandbox per file,
 * opened as the project leader, and the steps those tests share. Two files so jest runs them side
 * by side.
 */
import type { Frame } from 'playwright-core';
import { toA1 } from '../../src/sandbox/emulator/values';
import { menuClick, openSandbox, sidebarFrame, type Session } from './browser';
import { tabsFromTop } from './keyboard';

export const PL = 'projektledare@example.org'; // the file's owner, so an administrator
export const EKO = 'ekonomi@example.org';
export const STY = 'styrgrupp@example.org';
export const NOONE = 'okand@example.org';
export const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

let session: Session | undefined;
/** The file's sandbox (opened by useSandbox's beforeAll). */
export const sb = (): Session => {
  if (!session) throw new Error('useSandbox() opens the sandbox in beforeAll');
  return session;
};

/** One sandbox for the calling test file, seeded (roles, example costs and guests), as the project leader. */
export function useSandbox(): void {
  beforeAll(async () => {
    session = await openSandbox({ user: PL });
  });
  afterAll(async () => {
    await session?.close();
    session = undefined;
  });
}

export const emu = () => sb().sandbox.emulator;

export async function asUser(email: string): Promise<void> {
  await sb().page.getByLabel('Användare').selectOption(email);
}

/** Opens a sidebar from the menu (titled `title`) and waits for `ready` in its new document. */
export async function open(item: string, ready: string, title = item): Promise<Frame> {
  await menuClick(sb().page, 'Summit Planner', item);
  await sb().page.locator('#sidebar-title', { hasText: title }).waitFor();
  const f = await sidebarFrame(sb().page);
  await f.locator(ready).first().waitFor({ state: 'attached', timeout: 15_000 });
  return f;
}

export const openSettings = () => open('Inställningar och roller', '#settings-form');
export const openReview = () => open('Granska ändringar', '#content[aria-busy="false"] > *');

/** A sheet's cell as the emulator holds it, found by header and by a value in another column. */
export function cellOf(sheet: string, header: string, match: (row: unknown[]) => boolean): { a1: string; value: unknown } {
  const values = emu().sheetValues(sheet);
  const col = values[0].indexOf(header);
  const row = values.findIndex((r, i) => i > 0 && match(r));
  if (col < 0 || row < 0) throw new Error(`no ${header} on ${sheet}`);
  return { a1: `${sheet}!${toA1(row + 1, col + 1)}`, value: values[row][col] };
}

/** A person writes through the Sheets API: no onEdit runs, the add-on finds the change later. */
export function apiWrite(a1: string, value: unknown, user: string): void {
  const r = emu().apiUpdate(a1, [[value]], { user });
  expect(r.rejected).toBeUndefined();
}

/** Tabs forward from the top of the frame until `target` has focus (keyboard reachability); false if never. */
export async function tabTo(f: Frame, target: string, max = 60): Promise<boolean> {
  return (await tabsFromTop(sb().page, f, [target], max))[target] !== null;
}

/** Which of `targets` Tab reaches from the top of the frame within `max` presses (one walk for all: support/keyboard.ts). */
export async function tabToAll(f: Frame, targets: readonly string[], max = 60): Promise<Record<string, boolean>> {
  const presses = await tabsFromTop(sb().page, f, targets, max);
  return Object.fromEntries(targets.map((t) => [t, presses[t] !== null]));
}

export const workshop = (r: unknown[]) => r.includes('Lokalhyra workshoppar (exempel)');
