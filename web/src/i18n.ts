// The app's words in English and Chinese (zh-CN): chosen from the browser's languages,
// switchable, and remembered.
const en = {
  title: 'Loanchain',
  language: '中文',
  connecting: 'Connecting to {url}…',
  connected: 'Connected to {chain}',
  disconnected: 'Not connected to {url}: is the node running?',
  lookupTitle: 'Look up a borrower',
  lookupIntro:
    'Anyone may see when a borrower borrowed, and how the details of each loan can be had. The amount, the lender and the outcome stay sealed.',
  kind: 'Who',
  kindPerson: 'A person (resident ID number)',
  kindEnterprise: 'A company (unified social credit code)',
  number: 'Number',
  lookUp: 'Look up',
  privacy: 'The number never leaves this browser: only its Argon2id hash is sent to the node.',
  hashing: 'Computing the ID hash on this device…',
  hashed: 'ID hash {hash}',
  noLoans: 'No loan on record for this borrower.',
  loans: '{count} loan(s) on record',
  time: 'When',
  event: 'What',
  details: 'Details',
  borrowed: 'borrowed',
  encrypted: 'sealed: only the parties can read them',
  paid: 'for sale: {price} LOAN',
  public: 'published by the lender',
  WrongLength: 'The number has {found} characters; it must have 18.',
  BadCharacter: 'Character {position} ("{found}") is not allowed there.',
  CheckMismatch:
    'The last character is "{found}", but the number requires "{expected}": please check it for a typo.',
  failed: 'The node did not answer: {message}',
};

const zh: typeof en = {
  title: 'Loanchain 借贷链',
  language: 'English',
  connecting: '正在连接 {url}…',
  connected: '已连接 {chain}',
  disconnected: '无法连接 {url}：节点是否在运行？',
  lookupTitle: '查询借款人',
  lookupIntro:
    '任何人都可以看到借款人何时借款，以及每笔借款的详情如何获取。金额、出借人和履约结果始终保密。',
  kind: '类型',
  kindPerson: '个人（居民身份证号码）',
  kindEnterprise: '企业（统一社会信用代码）',
  number: '号码',
  lookUp: '查询',
  privacy: '号码不会离开本浏览器：发送给节点的只是它的 Argon2id 哈希值。',
  hashing: '正在本机计算身份哈希…',
  hashed: '身份哈希 {hash}',
  noLoans: '该借款人没有借款记录。',
  loans: '共 {count} 笔借款记录',
  time: '时间',
  event: '事项',
  details: '详情',
  borrowed: '借款',
  encrypted: '已加密：仅当事双方可读',
  paid: '可付费查看：{price} LOAN',
  public: '出借人已公开',
  WrongLength: '号码为 {found} 位，应为 18 位。',
  BadCharacter: '第 {position} 位（“{found}”）在此处不允许出现。',
  CheckMismatch: '最后一位是“{found}”，但按号码应为“{expected}”：请检查是否输入有误。',
  failed: '节点未响应：{message}',
};

export type Key = keyof typeof en;
export type Language = 'en' | 'zh-CN';
const dictionaries: Record<Language, typeof en> = { en, 'zh-CN': zh };

function preferred(): Language {
  const saved = localStorage.getItem('loanchain.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

let language: Language = preferred();

export const currentLanguage = () => language;

export function setLanguage(next: Language) {
  language = next;
  localStorage.setItem('loanchain.language', next);
  document.documentElement.lang = next;
}

/** The text of `key` in the current language, with `{name}` replaced from `values`. */
export function t(key: Key, values: Record<string, string | number> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
