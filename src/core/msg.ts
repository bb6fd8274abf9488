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

export type Result<T> = { ok: true; value: T } | { ok: false; error: Msg };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: Msg): Result<T> => ({ ok: false, error });

/** An expected, user-facing failure (bad input, refused by a rule, no role). */
export class UserError extends Error {
  readonly userMessage: Msg;
  constructor(m: Msg) {
    super(m.sv);
    this.name = 'UserError';
    this.userMessage = m;
  }
}
