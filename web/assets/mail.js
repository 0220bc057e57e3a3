// The development mailbox (served at /dev/mail outside production): every email the local mail
// catcher received, newest first, with time, recipients and subject; one opened below the list,
// its text as it was sent and its links clickable. Nothing here leaves this machine.
import { api } from './api.js';
import { define, formatTime, t } from './i18n.js';
import { el, renderShell, showError, showOk, statusLine, table } from './shell.js';

define({
  mailTitle: { zh: '开发邮箱', en: 'Caught mail' },
  mailIntro: {
    zh: '开发环境发出的邮件都被本机的邮件捕获服务截下，不会真正寄出。最新的在前；点主题阅读全文，邮件中的链接可以直接点击。',
    en: 'In development every email is caught by the local mail catcher and never really sent. Newest first; open one by its subject, and follow the links in it.',
  },
  mailRefresh: { zh: '刷新', en: 'Refresh' },
  mailRefreshed: { zh: '已刷新，共 {n} 封（{at}）。', en: 'Refreshed: {n} emails ({at}).' },
  mailNone: { zh: '还没有截获的邮件。', en: 'No email caught yet.' },
  mailCaption: { zh: '截获的邮件（{n} 封，最新的在前）', en: 'Caught emails ({n}, newest first)' },
  mailColTime: { zh: '时间（北京时间）', en: 'Time' },
  mailColTo: { zh: '收件人', en: 'To' },
  mailColSubject: { zh: '主题', en: 'Subject' },
  mailColFrom: { zh: '发件人', en: 'From' },
  mailNoSubject: { zh: '（无主题）', en: '(no subject)' },
  mailFrom: { zh: '发件人', en: 'From' },
  mailTo: { zh: '收件人', en: 'To' },
  mailDate: { zh: '时间', en: 'Date' },
  mailOpenLabel: { zh: '阅读邮件：{subject}', en: 'Read the email: {subject}' },
  mailBody: { zh: '正文', en: 'Message' },
});

const main = renderShell(t('mailTitle'));
const line = statusLine();
const listArea = el('div');
const reader = el('div');
main.append(
  el('p', {}, t('mailIntro')),
  el('p', { class: 'actions' }, el('button', { type: 'button', onclick: () => void load(true) }, t('mailRefresh'))),
  line,
  listArea,
  reader,
);

/** A web address in the text, up to a space, a quote, an angle bracket or any character that is not ASCII. */
const URL_IN_TEXT = /https?:\/\/[!#-&(-;=?-~]+/g;
/** Punctuation after an address belongs to the sentence. */
const TRAILING = /[.,;:!?)\]]+$/;

/** The body's text as text nodes, its web addresses as links: nothing in the email is read as HTML. */
function linkified(text) {
  const nodes = [];
  let from = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const href = match[0].replace(TRAILING, '');
    nodes.push(text.slice(from, match.index));
    nodes.push(el('a', { href }, href));
    from = match.index + href.length;
  }
  nodes.push(text.slice(from));
  return nodes;
}

/** Which email the reader has open: kept across a refresh, which puts newer ones above it. */
let shownKey;
const keyOf = (mail) => mail.messageId || `${mail.date} ${mail.subject}`;

function show(mail, index) {
  shownKey = keyOf(mail);
  const subject = mail.subject || t('mailNoSubject');
  reader.replaceChildren(
    el(
      'article',
      { class: 'card', id: 'mail-open', 'aria-labelledby': 'mail-subject', dataset: { index } },
      el('h2', { id: 'mail-subject' }, subject),
      el(
        'dl',
        { class: 'facts' },
        el('dt', {}, t('mailFrom')),
        el('dd', {}, mail.from || '—'),
        el('dt', {}, t('mailTo')),
        el('dd', {}, mail.to.join(', ')),
        el('dt', {}, t('mailDate')),
        el('dd', {}, formatTime(mail.date)),
      ),
      el('h3', {}, t('mailBody')),
      el('div', { class: 'prose' }, linkified(mail.text)),
    ),
  );
}

async function load(announce = false) {
  let messages;
  try {
    ({ messages } = await api('GET', '/dev/mail', { accept: 'application/json', token: '' }));
  } catch (err) {
    showError(line, err);
    return;
  }
  if (!messages.length) {
    listArea.replaceChildren(el('p', { class: 'muted' }, t('mailNone')));
    reader.replaceChildren();
    return;
  }
  const rows = messages.map((m, i) => {
    const subject = m.subject || t('mailNoSubject');
    return [
      // A link to the email below the list: opening it there, and scrolling to it on a phone.
      el('a', { href: '#mail-open', 'aria-label': t('mailOpenLabel', { subject }), onclick: () => show(m, i) }, subject),
      m.to.join(', '),
      formatTime(m.date),
      m.from,
    ];
  });
  listArea.replaceChildren(table(t('mailCaption', { n: messages.length }), [t('mailColSubject'), t('mailColTo'), t('mailColTime'), t('mailColFrom')], rows, 0, 'stack'));
  // The newest is open to begin with; a refresh keeps the one being read when it is still there.
  const open = Math.max(0, messages.findIndex((m) => keyOf(m) === shownKey));
  show(messages[open], open);
  if (announce) showOk(line, t('mailRefreshed', { n: messages.length, at: formatTime(new Date().toISOString()) }));
}

void load();
