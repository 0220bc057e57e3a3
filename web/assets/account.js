// The signed-in account as it sees itself: its name, roles, fields and unit, and for reviewers the
// hourly email digest of new tasks, which they may turn off and on again.
import { api, labels } from './api.js';
import { define, label, lang, t } from './i18n.js';
import { el, renderShell, requireUser, showError, showOk, statusLine } from './shell.js';

define({
  accountIntro: { zh: '您的账号信息。姓名、邮箱、角色和单位由秘书处维护，如需更改请联系秘书处。', en: 'Your account. The secretariat keeps your name, email, roles and unit: ask them for a change.' },
  accountUsername: { zh: '用户名', en: 'Username' },
  accountName: { zh: '姓名', en: 'Name' },
  accountRoles: { zh: '角色', en: 'Roles' },
  accountFields: { zh: '业务领域', en: 'Fields' },
  accountUnit: { zh: '所在单位', en: 'Unit' },
  accountMail: { zh: '邮件提醒', en: 'Email reminders' },
  accountMailIntro: {
    zh: '有新任务分配给您（或您所在的评审组）时，系统每小时最多发送一封汇总邮件，列出新任务和最早的截止时间。',
    en: 'When tasks arrive for you (or your review group), at most one email an hour lists them and the soonest due.',
  },
  accountMailToggle: { zh: '有新任务时发邮件提醒我', en: 'Email me when tasks arrive' },
  accountMailOn: { zh: '邮件提醒已开启。', en: 'Email reminders are on.' },
  accountMailOff: { zh: '邮件提醒已关闭，新任务请在“待办任务”中查看。', en: 'Email reminders are off: look for new tasks in the inbox.' },
});

requireUser();
const main = renderShell(t('accountSettings'));
const line = statusLine();
main.append(line);

try {
  const [{ user }, vocab] = await Promise.all([api('GET', '/api/auth/me'), labels()]);
  const sep = lang === 'en' ? ', ' : '、';
  const rows = [
    [t('accountUsername'), user.username],
    [t('accountName'), user.displayName],
    [t('accountRoles'), user.roles.map((r) => label(vocab.roles[r], r)).join(sep)],
    [t('accountFields'), (user.fields ?? []).map((f) => label(vocab.fields[f], f)).join(sep)],
    [t('accountUnit'), user.unit],
  ].filter(([, value]) => value);
  main.append(
    el('p', {}, t('accountIntro')),
    el('dl', { class: 'facts' }, rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
  );
  // The digest goes to those who take tasks, as the vocabulary says which roles do.
  const takesTasks = Object.values(vocab.taskKinds).some((kind) => user.roles.includes(kind.role));
  if (takesTasks && typeof user.notifyByEmail === 'boolean') main.append(mailSection(user.notifyByEmail));
} catch (err) {
  showError(line, err);
}

function mailSection(initial) {
  const sectionLine = statusLine();
  const toggle = el('input', { type: 'checkbox', id: 'notify-by-email', name: 'notifyByEmail', checked: initial, 'aria-describedby': 'notify-by-email-hint' });
  toggle.addEventListener('change', async () => {
    const wanted = toggle.checked;
    toggle.disabled = true;
    try {
      const { user } = await api('PATCH', '/api/auth/me', { body: { notifyByEmail: wanted } });
      toggle.checked = user.notifyByEmail;
      showOk(sectionLine, t(user.notifyByEmail ? 'accountMailOn' : 'accountMailOff'));
    } catch (err) {
      toggle.checked = !wanted;
      showError(sectionLine, err);
    } finally {
      toggle.disabled = false;
      toggle.focus();
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'mail-heading' },
    el('h2', { id: 'mail-heading' }, t('accountMail')),
    el('p', { class: 'hint', id: 'notify-by-email-hint' }, t('accountMailIntro')),
    el('div', { class: 'choice' }, toggle, el('label', { for: 'notify-by-email' }, t('accountMailToggle'))),
    sectionLine,
  );
}
