// Asking for a link to set a new password. The answer is the same whether or not the account
// exists (the API answers 202 either way), so the page never tells anyone which usernames exist.
import { api } from './api.js';
import { define, t } from './i18n.js';
import { el, markField, renderShell, showError, showOk, statusLine } from './shell.js';

define({
  forgotTitle: { zh: '忘记密码', en: 'Forgotten password' },
  forgotIntro: {
    zh: '请输入您的用户名。如果该账号存在且登记了电子邮箱，我们会把设置新密码的链接发到该邮箱（链接 2 小时内有效，仅可使用一次）。',
    en: 'Enter your username. If the account exists and has an email address, a link to set a new password is sent there (valid for 2 hours, single use).',
  },
  forgotSend: { zh: '发送重设链接', en: 'Send the link' },
  forgotSent: {
    zh: '如果该账号存在，重设密码的链接已发送到它登记的电子邮箱。请查收邮件；几分钟内没有收到，请检查垃圾邮件或联系秘书处。',
    en: 'If the account exists, a link to reset its password has been sent to its email address. Check your mail; if nothing arrives within a few minutes, look in the spam folder or ask the secretariat.',
  },
  forgotTooMany: { zh: '请求过于频繁，请一分钟后再试。', en: 'Too many requests; try again in a minute.' },
  forgotRequired: { zh: '请输入用户名。', en: 'Enter your username.' },
  backToSignIn: { zh: '返回登录', en: 'Back to sign-in' },
});

const main = renderShell(t('forgotTitle'));
const line = statusLine();
const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
const submit = el('button', { type: 'submit' }, t('forgotSend'));
const form = el(
  'form',
  { class: 'card', novalidate: true },
  el('p', {}, t('forgotIntro')),
  el('label', { for: 'username' }, t('username')),
  username,
  el('p', { class: 'actions' }, submit, el('a', { href: '/signin' }, t('backToSignIn'))),
  line,
);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!markField(username, username.value.trim() ? null : t('forgotRequired'))) {
    username.focus();
    return;
  }
  submit.disabled = true;
  try {
    await api('POST', '/api/auth/password-reset', { body: { username: username.value.trim() }, token: '' });
    showOk(line, t('forgotSent'));
  } catch (err) {
    showError(line, err.status === 429 ? { message: t('forgotTooMany') } : err, form);
  } finally {
    submit.disabled = false;
  }
});
main.append(form);
