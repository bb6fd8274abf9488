/**
 * Accessible form helpers for the sidebars: every field has a <label>, a hint
 * and an error line wired with aria-describedby; errors set aria-invalid and
 * move focus to the first bad field; a busy submit button says so.
 */
import { h } from './dom';
import { Refusal } from './rpc';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<T extends Control = Control> {
  readonly wrap: HTMLElement;
  readonly control: T;
  readonly error: HTMLElement;
}

let seq = 0;

/** A labelled control with an optional hint and an (empty) error line. */
export function field<T extends Control>(label: string, control: T, hint?: string): Field<T> {
  const id = control.id || `f${++seq}`;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-err` });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' '));
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl, error);
  return { wrap, control, error };
}

export function select(id: string, options: readonly (readonly [string, string])[], attrs: Record<string, string | boolean> = {}): HTMLSelectElement {
  const s = h('select', { id, ...attrs });
  for (const [value, text] of options) s.append(h('option', { value }, text));
  return s;
}

export function setError(f: Field, message: string): void {
  f.control.setAttribute('aria-invalid', 'true');
  f.error.textContent = message;
}

export function clearError(f: Field): void {
  f.control.removeAttribute('aria-invalid');
  f.error.textContent = '';
}

/** Shows the errors (field → message); focuses the first; true when there were none. */
export function showErrors(fields: readonly Field[], errors: Map<Field, string>): boolean {
  for (const f of fields) clearError(f);
  let first: Field | null = null;
  for (const [f, m] of errors) {
    setError(f, m);
    first ??= f;
  }
  first?.control.focus();
  return first === null;
}

/** Disables the button and shows `busyText` while `run` is pending. */
export async function busy<T>(button: HTMLButtonElement, busyText: string, region: HTMLElement, run: () => Promise<T>): Promise<T> {
  const label = button.textContent ?? '';
  button.disabled = true;
  button.textContent = busyText;
  region.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } finally {
    button.disabled = false;
    button.textContent = label;
    region.setAttribute('aria-busy', 'false');
  }
}

type Operable = Control | HTMLButtonElement;

/**
 * What the user's role doesn't allow stays in view but disabled, described by `who` (the line that says
 * who may); with the role the controls are enabled and `who` is hidden. The server refuses it anyway:
 * this only says so before the user fills in a form that would fail.
 */
export function allowOnly(may: boolean, controls: readonly Operable[], who: HTMLElement): void {
  who.hidden = may;
  for (const c of controls) {
    c.disabled = !may;
    const ids = (c.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== who.id);
    if (!may) ids.unshift(who.id);
    if (ids.length) c.setAttribute('aria-describedby', ids.join(' '));
    else c.removeAttribute('aria-describedby');
  }
}

/** A message line beside an action's button, where a refusal of that action appears (`showRefusal`). */
export function actionMessage(id: string): HTMLElement {
  return h('p', { class: 'field-error action-error', id, role: 'alert', tabindex: '-1' });
}

/**
 * Shows a failure where the user is looking: at the field the server named (marked invalid, described
 * by the message, scrolled to and focused), else in `near`, the message line beside the button that
 * sent it (scrolled to and focused). Earlier errors of these fields are cleared.
 */
export function showRefusal(e: unknown, fields: ReadonlyMap<string, Field>, near: HTMLElement): void {
  const message = e instanceof Error ? e.message : String(e);
  for (const f of fields.values()) clearError(f);
  const f = e instanceof Refusal && e.field !== undefined ? fields.get(e.field) : undefined;
  if (f) {
    near.textContent = '';
    setError(f, message);
    f.control.scrollIntoView({ block: 'center' });
    f.control.focus();
    return;
  }
  near.textContent = message;
  near.scrollIntoView({ block: 'nearest' });
  near.focus();
}
