import { api, saveSession } from './api.js';
import { define, t } from './i18n.js';
import { el, renderShell, showError, statusLine } from './shell.js';

define({
  forgotPassword: { zh: '忘记密码？', en: 'Forgot your password?' },
  signInIntro: { zh: '评审工作人员与推荐单位请用分配的账号登录。个人自荐无需登录，请使用邮件中的链接查看进度。', en: 'Staff and recommending units sign in with their accounts. Self-nominated applicants need no account: follow the link in your email.' },
});

/** Where a user goes after signing in, unless they came from a page that asked them to. */
function homeOf(user) {
  if (user.roles.includes('secretariat')) return '/dashboard';
  if (user.roles.includes('auditor')) return '/audit';
  if (user.roles.includes('unit')) return '/cases';
  return '/inbox';
}

const main = renderShell(t('signIn'));
const line = statusLine();
const form = el(
  'form',
  { class: 'card', novalidate: true },
  el('p', {}, t('signInIntro')),
  el('label', { for: 'username' }, t('username')),
  el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true }),
  el('label', { for: 'password' }, t('password')),
  el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  el('p', { class: 'actions' }, el('button', { type: 'submit' }, t('signIn')), el('a', { href: '/forgot-password' }, t('forgotPassword'))),
  line,
);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(new FormData(form));
  try {
    const { token, user } = await api('POST', '/api/auth/login', { body: data, token: '' });
    saveSession({ token, user });
    const next = new URLSearchParams(location.search).get('next');
    location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(user));
  } catch (err) {
    showError(line, err, form);
  }
});
main.append(form);
