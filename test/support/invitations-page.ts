/**
 * Browser-test helpers for the "Inbjudningar" sidebar (test/browser/invitations*.test.ts): where
 * the focus is, an element's text and accessible description, keyboard reachability from the top
 * of the sidebar, and a server call as a given user the way a sidebar makes it.
 */
import type { Frame } from 'playwright-core';
import type { Session } from './browser';
import { tabsFromTop } from './keyboard';

export const activeId = (f: Frame): Promise<string> => f.evaluate(() => document.activeElement?.id ?? '');

/** The element's text, white space collapsed. */
export const text = async (f: Frame, sel: string): Promise<string> => ((await f.locator(sel).textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The texts an element's aria-describedby points at. */
export const description = (f: Frame, sel: string): Promise<string> => f.locator(sel).evaluate((el) =>
  (el.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim());

/** Every target reachable in at most 10 Tab presses from the top of the sidebar (one walk for all: support/keyboard.ts). */
export async function expectReachable(s: Session, f: Frame, targets: readonly string[]): Promise<void> {
  const presses = await tabsFromTop(s.page, f, targets);
  for (const t of targets) expect([t, presses[t]]).toEqual([t, expect.any(Number)]);
}

/** A server call as `user`, the way a sidebar makes it (the sandbox's google.script.run); throws the refusal. */
export async function rpc<T = unknown>(s: Session, fn: string, args: unknown[], user: string): Promise<T> {
  const res = await fetch(`${s.sandbox.url}api/rpc`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn, args, user, locale: 'sv_SE' }),
  });
  const r = (await res.json()) as { ok: boolean; result?: { ok: boolean; data?: T; message?: string }; error?: { message: string } };
  if (!r.ok || !r.result?.ok) throw new Error(`${fn}: ${r.error?.message ?? r.result?.message}`);
  return r.result.data as T;
}
