/**
 * Inställningar och roller: the administrators' part (roles, limits, the
 * log's anchor address, the privacy notice) and the project leader's part
 * (the event's details), one labelled field per key. Only changed keys are
 * sent; the server validates, checks the role and logs every change. A
 * refusal that names a key is shown at that field, anything else at the
 * section's button.
 */
import type { SettingsView, SettingValue } from '../../app/settings';
import { inLang } from '../../core/i18n';
import { settingsPageMsg } from '../../core/messages/settings-page';
import { sidebarMsg } from '../../core/messages/sidebar';
import { $, announce, h, loading, only, pageLang, skipLinks } from '../dom';
import { busy, field, showErrors, type Field } from '../form';
import { call } from '../rpc';
import { reviewBanner } from './review-banner';

type Sheet = 'settings' | 'event';

interface SectionUi {
  readonly sheet: Sheet;
  readonly fields: ReadonlyMap<string, Field>;
  /** The values as loaded, to send only what changed. */
  readonly loaded: ReadonlyMap<string, string>;
  readonly button: HTMLButtonElement;
  /** A refusal that names no key, next to the button. */
  readonly error: HTMLElement;
  /** Other outcomes next to the button (saved, nothing to save). */
  readonly note: HTMLElement;
}

const lang = pageLang();
const t = inLang(settingsPageMsg, lang);

/** Which group of Inställningar a key belongs to, in the order shown. */
const SETTINGS_GROUPS: readonly (readonly ['roles' | 'limits' | 'privacy', readonly string[]])[] = [
  ['roles', ['Administratörer', 'Styrgrupp', 'Projektledare', 'Ekonomi']],
  ['limits', ['Max antal inbjudna', 'Totalbudget', 'Varningsgräns (%)']],
  ['privacy', ['Registrator', 'Personuppgiftsansvarig', 'Dataskyddsombud', 'Ändamål', 'Rättslig grund', 'Lagringstid (månader)']],
];
const status = $('#status');
const who = $('#who');
const reviewBox = $('#review');
const areas: Record<Sheet, HTMLElement> = { settings: $('#settings'), event: $('#event') };
const headings: Record<Sheet, string> = { settings: t.settingsTitle, event: t.eventTitle };
const sections: Partial<Record<Sheet, SectionUi>> = {};
// The sections' headings exist before the first load: the regions are labelled by them.
for (const s of ['settings', 'event'] as const) areas[s].replaceChildren(h('h2', { id: `${s}-h`, tabindex: -1 }, headings[s]));

// --- Fields ----------------------------------------------------------------------------

const LONG = new Set(['Ändamål', 'Rättslig grund']);
const ADDRESSES = new Set(['Administratörer', 'Styrgrupp', 'Projektledare', 'Ekonomi', 'Registrator', 'Svarsadress']);
const WHOLE = new Set(['Max antal inbjudna', 'Varningsgräns (%)', 'Lagringstid (månader)']);
const DATES = new Set(['Startdatum', 'Slutdatum', 'Sista svarsdag']);

function controlFor(key: string, id: string, value: string, editable: boolean): HTMLInputElement | HTMLTextAreaElement {
  const base = { id, name: key, autocomplete: 'off', disabled: !editable };
  const c = LONG.has(key)
    ? h('textarea', { ...base, rows: 3, maxlength: 1000 })
    : h('input', {
      ...base, type: DATES.has(key) ? 'date' : 'text', maxlength: 1000, spellcheck: ADDRESSES.has(key) ? 'false' : undefined,
      inputmode: ADDRESSES.has(key) ? 'email' : WHOLE.has(key) ? 'numeric' : key === 'Totalbudget' ? 'decimal' : undefined,
    });
  c.value = value;
  return c;
}

/** Inställningar in its groups (roles first); keys the groups don't know go last. */
function grouped(values: readonly SettingValue[], make: (v: SettingValue) => HTMLElement): HTMLElement[] {
  const known = new Set(SETTINGS_GROUPS.flatMap(([, keys]) => keys));
  const parts = SETTINGS_GROUPS.map(([g, keys]) => [t.groups[g], keys.flatMap((k) => values.filter((v) => v.key === k))] as const);
  const rest = values.filter((v) => !known.has(v.key));
  return [...parts, [t.groups.other, rest] as const]
    .filter(([, vs]) => vs.length > 0)
    .map(([legend, vs]) => h('fieldset', {}, h('legend', {}, legend), ...vs.map(make)));
}

function renderSection(sheet: Sheet, values: readonly SettingValue[], editable: boolean, may: string): SectionUi {
  const fields = new Map<string, Field>();
  const make = (v: SettingValue): HTMLElement => {
    const label = t.label(v.key);
    const hint = t.hint(v.key, v.description);
    const f = field(label, controlFor(v.key, `${sheet}-${fields.size}`, v.value, editable), hint);
    fields.set(v.key, f);
    return f.wrap;
  };
  const body = sheet === 'settings' ? grouped(values, make) : values.map(make);
  const button = h('button', { type: 'submit', id: `${sheet}-save`, disabled: !editable, 'aria-describedby': `${sheet}-may ${sheet}-form-err` },
    sheet === 'settings' ? t.saveSettings : t.saveEvent);
  const error = h('p', { class: 'field-error', id: `${sheet}-form-err` });
  const note = h('p', { class: 'form-note', id: `${sheet}-note` });
  const form = h('form', { id: `${sheet}-form`, novalidate: true }, ...body, h('div', { class: 'row' }, button), error, note);
  const ui: SectionUi = { sheet, fields, loaded: new Map(values.map((v) => [v.key, v.value])), button, error, note };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void save(ui);
  });
  areas[sheet].replaceChildren(h('h2', { id: `${sheet}-h`, tabindex: -1 }, headings[sheet]), h('p', { class: 'muted', id: `${sheet}-may` }, may), form);
  return ui;
}

// --- Saving ------------------------------------------------------------------------------

const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The server's refusal split by the keys it names ("Styrgrupp: … Ekonomi: …
 * Inget sparades."): key → its part. Empty when it names none.
 */
function splitByKey(message: string, keys: readonly string[]): Map<string, string> {
  const at: [number, string][] = [];
  for (const k of keys) {
    const r = new RegExp(`(^|[.!?]\\s+)${escaped(k)}:\\s`).exec(message);
    if (r) at.push([r.index + r[1].length, k]);
  }
  at.sort((a, b) => a[0] - b[0]);
  return new Map(at.map(([pos, k], i) => [k, message.slice(pos, at[i + 1]?.[0] ?? message.length).trim()]));
}

function changedValues(ui: SectionUi): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, f] of ui.fields) if (f.control.value !== ui.loaded.get(k)) out[k] = f.control.value;
  return out;
}

/** The refusal where the user is looking: at the fields it names (focus on the first), else at the button. */
function refuse(ui: SectionUi, message: string): void {
  const byKey = splitByKey(message, [...ui.fields.keys()]);
  if (byKey.size === 0) {
    ui.error.textContent = message;
    announce(status, message, 'error');
    ui.button.focus();
    return;
  }
  showErrors([...ui.fields.values()], new Map([...byKey].map(([k, text]) => [ui.fields.get(k)!, text])));
  announce(status, t.notSaved, 'error');
}

async function save(ui: SectionUi): Promise<void> {
  const values = changedValues(ui);
  showErrors([...ui.fields.values()], new Map());
  ui.error.textContent = '';
  ui.note.textContent = '';
  if (Object.keys(values).length === 0) {
    ui.note.textContent = t.nothingChanged;
    announce(status, t.nothingChanged);
    return;
  }
  announce(status, t.saving);
  const outcome = await busy(ui.button, t.saving, areas[ui.sheet], () => call('saveSettings', { sheet: ui.sheet, values })
    .then((r) => ({ ok: true as const, message: r.message }), (e: unknown) => ({ ok: false as const, message: (e as Error).message })));
  if (!outcome.ok) {
    refuse(ui, outcome.message);
    return;
  }
  // The message first: a failing reload replaces it with its own.
  announce(status, outcome.message, 'ok');
  await loading(Object.values(areas), status, {}, reload);
  const now = sections[ui.sheet];
  if (now) now.note.textContent = outcome.message;
  now?.button.focus();
}

// --- Loading ------------------------------------------------------------------------------

function render(v: SettingsView): void {
  const roles = [...v.roles, ...(v.admin ? [t.admin] : []), ...(v.user && v.user === v.owner ? [t.owner] : [])];
  who.textContent = t.user(v.user, roles.join(', '));
  reviewBox.replaceChildren(...only(reviewBanner(lang, status, v.review, { id: 'review-box', intro: t.reviewIntro })));
  const value = (k: string) => v.settings.find((s) => s.key === k)?.value ?? '';
  // The owner is named once, as the owner.
  const admins = value('Administratörer').split(/[,;\s]+/).filter((a) => a && a.toLowerCase() !== v.owner.toLowerCase()).join(', ');
  const event = v.admin || v.roles.includes('projektledare');
  sections.settings = renderSection('settings', v.settings, v.admin, v.admin ? t.mayAdmin(v.owner) : t.mayNotAdmin(v.owner, admins));
  sections.event = renderSection('event', v.event, event, event ? t.mayEvent : t.mayNotEvent(value('Projektledare')));
}

async function reload(): Promise<void> {
  render(await call('getSettings'));
}

// Each section and its save button, past the forms' two dozen fields (issue 9: every action within 10 Tab presses or a skip link).
$('#skip-nav').replaceWith(skipLinks(sidebarMsg.skipTo()[lang], [
  ['settings-h', t.settingsTitle], ['settings-save', t.saveSettings], ['event-h', t.eventTitle], ['event-save', t.saveEvent],
]));
void loading(Object.values(areas), status, { busy: t.loading, done: t.loaded }, reload);
