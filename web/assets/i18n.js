// The pages speak Chinese unless the reader switches to English; the choice is kept in this browser.
const STORAGE_KEY = 'laurel.lang';

export const lang = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';

const strings = {
  brand: { zh: '最美后勤人 · 评选平台', en: 'Laurel · Award nominations' },
  switchLanguage: { zh: 'English', en: '中文' },
  switchLanguageLabel: { zh: 'Switch to English', en: '切换到中文' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  inbox: { zh: '待办任务', en: 'Inbox' },
  cases: { zh: '申报列表', en: 'Cases' },
  dashboard: { zh: '活动总览', en: 'Dashboard' },
  audit: { zh: '审计', en: 'Audit' },
  people: { zh: '人员与单位', en: 'People and units' },
  nominate: { zh: '我要申报', en: 'Nominate' },
  notice: { zh: '公示名单', en: 'Public notice' },
  loading: { zh: '加载中……', en: 'Loading…' },
  nothing: { zh: '暂无内容', en: 'Nothing here' },
  networkError: { zh: '无法连接服务器，请检查网络后重试。', en: 'Cannot reach the server; check the connection and try again.' },
  signedInAs: { zh: '当前用户：{name}', en: 'Signed in as {name}' },
  accountSettings: { zh: '账号设置', en: 'Account settings' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
};

/** Registers a page's own strings beside the shared ones. */
export function define(more) {
  Object.assign(strings, more);
}

/** The text for `key` in the reader's language, `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const entry = strings[key];
  const text = entry ? entry[lang] ?? entry.zh : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** A `{ zh, en }` label from the domain's vocabularies, in the reader's language. */
export function label(entry, fallback = '') {
  return entry ? (entry[lang] ?? entry.zh) : fallback;
}

export function switchLanguage() {
  localStorage.setItem(STORAGE_KEY, lang === 'en' ? 'zh' : 'en');
  location.reload();
}

/** A time as people in China read it: Beijing time, with the reader's conventions. */
export function formatTime(iso) {
  if (!iso) return '';
  const text = new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return lang === 'en' ? `${text} (Beijing)` : text;
}

/** How long until `iso`, or how long ago, in words. */
export function timeLeft(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = lang === 'en'
    ? [days && `${days} d`, hours && `${hours} h`, !days && `${minutes} min`].filter(Boolean).join(' ')
    : [days && `${days} 天`, hours && `${hours} 小时`, !days && `${minutes} 分钟`].filter(Boolean).join(' ');
  if (lang === 'en') return ms >= 0 ? `${span} left` : `${span} overdue`;
  return ms >= 0 ? `剩余 ${span}` : `已超期 ${span}`;
}
