// The app's words in English and Chinese (zh-CN): chosen from the browser's languages,
// switchable, and remembered.
import { en } from './en';
import { zhCN } from './zh-CN';

export type Key = keyof typeof en;
export type Language = 'en' | 'zh-CN';
const dictionaries: Record<Language, typeof en> = { en, 'zh-CN': zhCN };

function preferred(): Language {
  // (globalThis: the unit tests run the words outside a browser.)
  const saved = globalThis.localStorage?.getItem('loanchain.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return (globalThis.navigator?.languages ?? []).some((l) => l.toLowerCase().startsWith('zh'))
    ? 'zh-CN'
    : 'en';
}

let language: Language = preferred();

export const currentLanguage = () => language;

export function setLanguage(next: Language) {
  language = next;
  globalThis.localStorage?.setItem('loanchain.language', next);
  if (globalThis.document) document.documentElement.lang = next;
}

/** The text of `key` in the current language, with `{name}` replaced from `values`. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
