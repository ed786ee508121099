import en from '../i18n/en.json' with { type: 'json' };
import type { Lang } from '../i18n/lang.js';
import zh from '../i18n/zh-CN.json' with { type: 'json' };

/**
 * The words the pure formatters use. They live in the same resource files as the rest of the UI
 * (under "format"), so every visible string has one home, yet the formatters need no i18next
 * instance and can be tested as plain functions.
 */
export type FormatPhrases = typeof zh.format;

// Typed against the Chinese resources: a phrase missing from the English file fails to compile.
const PHRASES: Record<Lang, FormatPhrases> = { 'zh-CN': zh.format, en: en.format };

export function phrases(lang: Lang): FormatPhrases {
  return PHRASES[lang];
}

/** Fills `{{name}}` placeholders, as i18next does (and throws on a missing one: a bug, not data). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`missing value for {{${name}}} in "${template}"`);
    return String(value);
  });
}
