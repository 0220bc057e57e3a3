import { api, saveSession, session } from './api.js';
import { currentCampaign } from './campaigns.js';
import { lang, switchLanguage, t } from './i18n.js';

/** Builds an element: `el('a', { href: '/x', class: 'y' }, 'text', child…)`; `on…` attributes become listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * The links a user's roles lead to. Those about one campaign carry the campaign of this page, or
 * the one the reader chose last; with none they lead to the home page's list of campaigns.
 */
function navLinks(user) {
  const roles = user?.roles ?? [];
  const campaign = currentCampaign();
  const about = (path) => (campaign ? `${path}?campaign=${encodeURIComponent(campaign)}` : '/#campaigns');
  const links = [];
  if (roles.some((r) => r !== 'unit' && r !== 'auditor')) links.push(['/inbox', t('inbox')]);
  if (user) links.push(['/cases', t('cases')]);
  if (roles.includes('secretariat')) links.push([campaign ? about('/dashboard') : '/dashboard', t('dashboard')]);
  if (roles.includes('secretariat')) links.push(['/people', t('people')]);
  if (roles.includes('auditor') || roles.includes('secretariat')) links.push(['/audit', t('audit')]);
  if (roles.includes('unit') || !user) links.push([about('/nominate'), t('nominate')]);
  links.push([about('/notice'), t('notice')]);
  return links;
}

/** Whether a link leads to this page (a link to the home page's list of campaigns does not). */
function isHere(href) {
  const url = new URL(href, location.origin);
  return url.pathname === location.pathname && !url.hash;
}

/**
 * Puts the page's frame around `main`: the header with the brand, the links the user may follow,
 * the language switch and the sign-out. Sets the document's title.
 */
export function renderShell(title) {
  const user = session()?.user;
  document.title = `${title} · ${t('brand')}`;
  const here = location.pathname;
  const header = el(
    'header',
    { class: 'site-header' },
    el('a', { class: 'skip', href: '#main' }, t('skipToContent')),
    el('a', { class: 'brand', href: '/' }, t('brand')),
    el(
      'nav',
      { 'aria-label': lang === 'en' ? 'Main' : '主导航' },
      el('ul', {}, navLinks(user).map(([href, text]) => el('li', {}, el('a', { href, ...(isHere(href) && { 'aria-current': 'page' }) }, text)))),
    ),
    el(
      'div',
      { class: 'account' },
      user &&
        el(
          'a',
          { class: 'who', href: '/account', 'aria-label': `${t('signedInAs', { name: user.username })}${lang === 'en' ? ' — ' : '，'}${t('accountSettings')}`, ...(here === '/account' && { 'aria-current': 'page' }) },
          t('signedInAs', { name: user.username }),
        ),
      user && el('button', { type: 'button', class: 'link', onclick: signOut }, t('signOut')),
      !user && here !== '/signin' && el('a', { href: `/signin?next=${encodeURIComponent(here + location.search)}` }, t('signIn')),
      el('button', { type: 'button', class: 'link', lang: lang === 'en' ? 'zh-CN' : 'en', 'aria-label': t('switchLanguageLabel'), onclick: switchLanguage }, t('switchLanguage')),
    ),
  );
  document.body.prepend(header);
  const main = document.getElementById('main');
  main.prepend(el('h1', {}, title));
  const flashed = takeFlash();
  if (flashed) main.querySelector('h1').after(el('p', { class: 'status ok flash', role: 'status' }, flashed));
  return main;
}

const FLASH_KEY = 'laurel.flash';

/** Leaves a message for the next page this tab shows (e.g. "submitted, case …" before going to the case). */
export function flash(text) {
  sessionStorage.setItem(FLASH_KEY, text);
}

function takeFlash() {
  const text = sessionStorage.getItem(FLASH_KEY);
  sessionStorage.removeItem(FLASH_KEY);
  return text;
}

async function signOut() {
  try {
    await api('POST', '/api/auth/logout', { body: {} });
  } finally {
    saveSession(null);
    location.assign('/signin');
  }
}

/** The signed-in user, or a trip to the sign-in page that comes back here. */
export function requireUser() {
  const user = session()?.user;
  if (!user) {
    location.assign(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new Error('not signed in');
  }
  return user;
}

/** A status line for errors and confirmations that screen readers announce. */
export function statusLine() {
  return el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

/** Marks `input` invalid with `message` beside it, or clears the mark when `message` is null; answers whether it is valid. */
export function markField(input, message) {
  const errorId = `${input.id || input.name.replace(/\W/g, '-')}-error`;
  document.getElementById(errorId)?.remove();
  const hintId = input.dataset.hint || '';
  if (!message) {
    input.removeAttribute('aria-invalid');
    if (hintId) input.setAttribute('aria-describedby', hintId);
    else input.removeAttribute('aria-describedby');
    return true;
  }
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  input.after(el('span', { class: 'field-error', id: errorId }, message));
  return false;
}

/**
 * Shows an API refusal: its message in `line`, and each field detail beside the input whose
 * `name` matches the detail's path (without the part prefix), marked invalid.
 */
export function showError(line, err, form) {
  line.textContent = err.message;
  line.classList.add('error');
  line.classList.remove('ok');
  if (!form) return;
  for (const input of form.querySelectorAll('[aria-invalid]')) markField(input, null);
  for (const detail of err.details ?? []) {
    const input = form.querySelector(`[name="${CSS.escape(detail.path.replace(/^nomination\./, ''))}"]`);
    if (input) markField(input, detail.message);
  }
}

/**
 * A table with its caption and column headers; the cell at `rowHeader` heads its row. Each cell
 * names its column (`data-label`), which a `stack` table shows when it becomes cards on a phone.
 */
export function table(caption, headers, rows, rowHeader = 0, tableClass) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: tableClass },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => (i === rowHeader ? el('th', { scope: 'row' }, c) : el('td', { 'data-label': headers[i] }, c)))))),
    ),
  );
}

export function showOk(line, text) {
  line.textContent = text;
  line.classList.add('ok');
  line.classList.remove('error');
}

/** Saves a blob the API answered (a CSV export, a sealed form) under `name`. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A group of checkboxes under its legend, each `[value, text]`, those in `checked` ticked. The
 * fieldset carries `data-group` = `name`, where a refusal of `name` (or `name.<i>`) is shown.
 */
export function checkboxGroup(name, legend, options, checked = [], { hint, idPrefix = name } = {}) {
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  return el(
    'fieldset',
    { class: 'checks', id: `${idPrefix}-group`, dataset: { group: name }, 'aria-describedby': hintId },
    el('legend', {}, legend),
    hint && el('p', { class: 'hint', id: hintId }, hint),
    options.map(([value, text]) => {
      const id = `${idPrefix}-${String(value).replace(/\W/g, '-')}`;
      return el('div', { class: 'choice' }, el('input', { type: 'checkbox', id, name, value, checked: checked.includes(value) }), el('label', { for: id }, text));
    }),
  );
}

/** The values ticked in a checkbox group of `form`. */
export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]:checked`)].map((input) => input.value);
}

/** Marks a fieldset (a group of checkboxes, a row of inputs) with `message` under its legend, or clears it. */
export function markGroup(fieldset, message) {
  const errorId = `${fieldset.id}-error`;
  document.getElementById(errorId)?.remove();
  const described = (fieldset.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== errorId);
  if (message) {
    fieldset.querySelector(':scope > legend').after(el('p', { class: 'field-error', id: errorId }, message));
    described.push(errorId);
  }
  if (described.length) fieldset.setAttribute('aria-describedby', described.join(' '));
  else fieldset.removeAttribute('aria-describedby');
  fieldset.classList.toggle('invalid', Boolean(message));
}

/**
 * Shows an API refusal on `form`: its message in `line`; each detail beside the input named by its
 * path, or else by the nearest shorter path (`fields.1.code`, then `fields.1`, then `fields`) that
 * names an input or a group (`data-group`). Details that fit nowhere are listed under the message.
 * Answers the first element marked, to move the focus to.
 */
export function showRefusal(line, err, form) {
  showError(line, err);
  for (const input of form.querySelectorAll('[aria-invalid]')) markField(input, null);
  for (const group of form.querySelectorAll('fieldset.invalid')) markGroup(group, null);
  const unplaced = [];
  let first = null;
  const messages = new Map();
  for (const detail of err.details ?? []) {
    const target = targetOf(form, detail.path);
    if (!target) {
      unplaced.push(detail);
      continue;
    }
    messages.set(target, [...(messages.get(target) ?? []), detail.message]);
  }
  for (const [target, said] of messages) {
    const message = [...new Set(said)].join(lang === 'en' ? '; ' : '；');
    if (target.tagName === 'FIELDSET') markGroup(target, message);
    else markField(target, message);
    first ??= target;
  }
  if (unplaced.length) line.append(el('ul', {}, unplaced.map((d) => el('li', {}, d.path && !/^\(body\)$/.test(d.path) ? `${d.path}${lang === 'en' ? ': ' : '：'}${d.message}` : d.message))));
  return first;
}

function targetOf(form, path) {
  const parts = path.split('.');
  while (parts.length) {
    const name = CSS.escape(parts.join('.'));
    const found = form.querySelector(`[name="${name}"]:not([type=checkbox]):not([type=radio])`) ?? form.querySelector(`[data-group="${name}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

/** Replaces `node`'s children, leaving out the `false`, null and undefined of conditional ones (`runs && el(…)`). */
export function setChildren(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== false && child !== null && child !== undefined));
}
