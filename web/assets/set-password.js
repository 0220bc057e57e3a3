// Setting a password from a one-time link (`/set-password#token=…`, from an invitation or a reset
// email). The token leaves the address bar as soon as it is read — kept for this tab only, so a
// reload still works — and the rule is said before the password is typed. The link is checked as the
// page opens: whose account it is and until when it works, or at once that it no longer does.
import { api } from './api.js';
import { define, formatTime, t } from './i18n.js';
import { el, flash, markField, renderShell, setChildren, showError, showOk, statusLine } from './shell.js';

define({
  setTitle: { zh: '设置密码', en: 'Set your password' },
  setIntro: { zh: '请为您的账号设置登录密码。用户名见邀请邮件或重设密码邮件。', en: 'Choose the password of your account. Your username is in the invitation or reset email.' },
  setRule: { zh: '密码至少 10 个字符，且不能是常见密码（如 1234567890、password123），也不能与用户名、邮箱或姓名相近。', en: 'At least 10 characters, and not a common password (such as 1234567890 or password123) nor one like your username, email or name.' },
  newPassword: { zh: '新密码', en: 'New password' },
  confirmPassword: { zh: '再次输入新密码', en: 'New password again' },
  savePassword: { zh: '设置密码', en: 'Set the password' },
  saving: { zh: '正在保存……', en: 'Saving…' },
  errTooShort: { zh: '密码至少需要 10 个字符。', en: 'The password needs at least 10 characters.' },
  errMismatch: { zh: '两次输入的密码不一致。', en: 'The two passwords differ.' },
  noToken: {
    zh: '链接不完整：缺少设置密码所需的凭证。请直接点击邮件中的链接，或复制完整链接（包括 # 之后的部分）到浏览器地址栏。',
    en: 'The link is incomplete: it lacks the token that sets the password. Open the link in the email, or copy the whole link (with the part after #) into the address bar.',
  },
  invalidLink: {
    zh: '此链接已失效：它可能已经使用过、已过期（邀请链接 72 小时内有效），或已被更新的链接取代。请使用最新邮件中的链接，或重新获取链接。',
    en: 'This link no longer works: it was used already, has expired (an invitation lasts 72 hours), or a newer link replaced it. Use the link in the latest email, or ask for a new one.',
  },
  askNewLink: { zh: '重新获取设置密码的链接', en: 'Ask for a new link' },
  passwordSet: { zh: '密码已设置，请用用户名和新密码登录。', en: 'Your password is set: sign in with your username and the new password.' },
  checkingLink: { zh: '正在核对链接……', en: 'Checking the link…' },
  linkFor: { zh: '账号：{username}（{name}）', en: 'Account: {username} ({name})' },
  linkForBare: { zh: '账号：{username}', en: 'Account: {username}' },
  linkInvitation: { zh: '欢迎加入！设置密码后即可登录。', en: 'Welcome! Set your password, then sign in.' },
  linkReset: { zh: '您申请了重设密码。设置新密码后，旧密码即失效。', en: 'You asked to reset your password. Once the new one is set, the old one stops working.' },
  linkExpires: { zh: '此链接有效期至 {at}（北京时间），只能使用一次。', en: 'This link works once, until {at}.' },
});

const TOKEN_KEY = 'laurel.password-link';
const MIN_LENGTH = 10;

/** The token of the link: read from the address (then removed from it and from the history), or kept from before a reload. */
function linkToken() {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const main = renderShell(t('setTitle'));
const token = linkToken();
const line = statusLine();

function linkProblem(message) {
  showError(line, { message });
  line.append(' ', el('a', { href: '/forgot-password' }, t('askNewLink')));
}

if (!token) {
  main.append(line);
  linkProblem(t('noToken'));
} else {
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, 'aria-describedby': 'password-rule' });
  password.dataset.hint = 'password-rule';
  const confirm = el('input', { id: 'confirm', name: 'confirm', type: 'password', autocomplete: 'new-password', required: true });
  const submit = el('button', { type: 'submit' }, t('savePassword'));
  const about = el('div', { 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'card', novalidate: true },
    about,
    el('p', {}, t('setIntro')),
    el('label', { for: 'password' }, t('newPassword')),
    el('span', { class: 'hint', id: 'password-rule' }, t('setRule')),
    password,
    el('label', { for: 'confirm' }, t('confirmPassword')),
    confirm,
    el('p', {}, submit),
    line,
  );
  // The form appears once the link is checked: a spent link is said at once, before anything is typed.
  const checking = el('p', { class: 'status', role: 'status' }, t('checkingLink'));
  main.append(checking);
  if (await checkLink()) {
    checking.replaceWith(form);
    password.focus();
  }

  /**
   * Whose link this is and until when it works; false when it no longer works (said in `line`).
   * Should the check itself not answer (an older API), the form is shown and the link judged on submit.
   */
  async function checkLink() {
    let link;
    try {
      link = await api('POST', '/api/auth/password-link', { body: { token }, token: '' });
    } catch (err) {
      if (err.code !== 'invalid-link') return true;
      sessionStorage.removeItem(TOKEN_KEY);
      checking.replaceWith(line);
      linkProblem(err.message || t('invalidLink'));
      return false;
    }
    if (link?.username) {
      setChildren(
        about,
        el('p', {}, el('strong', {}, link.displayName ? t('linkFor', { username: link.username, name: link.displayName }) : t('linkForBare', { username: link.username }))),
        (link.purpose === 'invitation' || link.purpose === 'reset') && el('p', {}, t(link.purpose === 'invitation' ? 'linkInvitation' : 'linkReset')),
        link.expiresAt && el('p', { class: 'hint' }, t('linkExpires', { at: formatTime(link.expiresAt) })),
      );
    }
    return true;
  }

  const checks = {
    password: () => markField(password, [...password.value].length < MIN_LENGTH ? t('errTooShort') : null),
    confirm: () => markField(confirm, confirm.value !== password.value ? t('errMismatch') : null),
  };
  form.addEventListener('input', (event) => {
    if (event.target.getAttribute('aria-invalid')) checks[event.target.name]?.();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const bad = [checks.password(), checks.confirm()].indexOf(false);
    if (bad >= 0) {
      [password, confirm][bad].focus();
      return;
    }
    submit.disabled = true;
    showOk(line, t('saving'));
    line.classList.remove('ok');
    try {
      await api('POST', '/api/auth/set-password', { body: { token, password: password.value }, token: '' });
      sessionStorage.removeItem(TOKEN_KEY);
      flash(t('passwordSet'));
      location.assign('/signin');
    } catch (err) {
      submit.disabled = false;
      if (err.code === 'weak-password') {
        showError(line, err);
        markField(password, err.details.find((d) => d.path === 'password')?.message ?? err.message);
        password.focus();
      } else if (err.code === 'invalid-link' || err.details?.some((d) => d.path === 'token')) {
        form.replaceWith(line);
        linkProblem(err.code === 'invalid-link' ? err.message : t('invalidLink'));
      } else {
        showError(line, err, form);
      }
    }
  });
}
