/**
 * Small DOM helpers that never use innerHTML with data: text goes in as text
 * nodes, so guest and user data can't become markup.
 */
import { langFromLocale, type Lang } from '../core/msg';

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const $ = <T extends HTMLElement = HTMLElement>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`missing element ${sel}`);
  return el;
};

/** Shows a status message to screen readers and sighted users. */
export function announce(region: HTMLElement, text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  region.className = `status status-${kind}`;
  region.textContent = text;
}

/** The nodes that exist (for optional parts of a view). */
export const only = (...xs: (Node | null)[]): Node[] => xs.filter((x): x is Node => x !== null);

/** The page's language from its lang attribute (set by the server from the user's locale), read the way the server reads a locale. */
export const pageLang = (): Lang => langFromLocale(document.documentElement.lang);

/**
 * Runs a server load with the regions marked aria-busy. With `texts.busy` the
 * status region says so and ends with `texts.done` (or empty); without it the
 * status is left alone (it may hold the message of the action that led here).
 * A failure goes to `onError` (default: the status region, as an error).
 */
export async function loading(
  regions: readonly HTMLElement[],
  status: HTMLElement,
  texts: { readonly busy?: string; readonly done?: string },
  work: () => Promise<void>,
  onError: (e: unknown) => void = (e) => announce(status, (e as Error).message, 'error'),
): Promise<void> {
  for (const r of regions) r.setAttribute('aria-busy', 'true');
  if (texts.busy !== undefined) announce(status, texts.busy);
  try {
    await work();
    if (texts.busy !== undefined) announce(status, texts.done ?? '', texts.done ? 'ok' : 'info');
  } catch (e) {
    onError(e);
  } finally {
    for (const r of regions) r.setAttribute('aria-busy', 'false');
  }
}

/**
 * In-page links that move focus to a section's heading. The sidebar's <base target="_top"> would send
 * a plain #link to the top window, so the click is handled here.
 */
export function skipLinks(label: string, links: readonly (readonly [target: string, text: string])[]): HTMLElement {
  return h('nav', { id: 'skip', 'aria-label': label },
    h('ul', { class: 'skip' }, ...links.map(([target, text]) => {
      const a = h('a', { href: `#${target}`, 'data-skip': target }, text);
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        const el = document.getElementById(target);
        if (!el) return;
        el.scrollIntoView({ block: 'start' });
        el.focus();
      });
      return h('li', {}, a);
    })));
}
