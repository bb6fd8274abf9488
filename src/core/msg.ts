/** A user-facing message in both UI languages. Swedish first. */
export interface Msg {
  readonly sv: string;
  readonly en: string;
}

export type Lang = 'sv' | 'en';

export const msg = (sv: string, en: string): Msg => ({ sv, en });

/** Picks the language: English for English locales, Swedish otherwise. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return typeof locale === 'string' && /^en(?:[-_]|$)/i.test(locale.trim()) ? 'en' : 'sv';
}

export const text = (m: Msg, lang: Lang): string => m[lang];

/** A failure may name the input field it is about (the key the page sent), so the page can show it there. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Msg; field?: string };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: Msg, field?: string): Result<T> => (field === undefined ? { ok: false, error } : { ok: false, error, field });

/** An expected, user-facing failure (bad input, refused by a rule, no role); `field` names the input it is about. */
export class UserError extends Error {
  readonly userMessage: Msg;
  readonly field: string | undefined;
  constructor(m: Msg, field?: string) {
    super(m.sv);
    this.name = 'UserError';
    this.userMessage = m;
    this.field = field;
  }
}
