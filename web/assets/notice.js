// The public notice (公示) of a campaign, for anyone: the winners' list (no personal data), when the
// notice period ends, the corrections published since, and the form to object to an entry; once the
// period is over, that it is, and the way to the announcement of the result.
import { api, labels } from './api.js';
import { fieldName, forgetCampaign, phaseName } from './campaigns.js';
import { define, formatTime, label, lang, t, timeLeft } from './i18n.js';
import { el, markField, renderShell, showError, showOk, statusLine } from './shell.js';

define({
  noticeTitle: { zh: '公示名单', en: 'Public notice' },
  noticeIntro: {
    zh: '以下候选人（团队）经评审委员会评选拟当选，现予公示。公示期内，任何单位和个人对公示对象有异议的，均可通过本页提出，秘书处将逐一核查。',
    en: 'The review committee has selected the nominees below; they are publicly noticed. During the notice period anyone may object to an entry on this page, and the secretariat looks into every objection.',
  },
  chooseNotice: { zh: '请选择要查看公示的评选活动：', en: 'Choose the campaign whose notice to read:' },
  noNotices: { zh: '目前没有公示中的评选活动。', en: 'No campaign is on public notice at present.' },
  toHome: { zh: '返回首页', en: 'Back to the home page' },
  campaignName: { zh: '评选活动：{title}', en: 'Campaign: {title}' },
  campaignId: { zh: '评选活动编号：{id}', en: 'Campaign: {id}' },
  periodEnds: { zh: '公示截止时间：{at}（北京时间，{left}）', en: 'The notice period ends {at} ({left})' },
  periodNotStarted: { zh: '本活动尚未开始公示，评选结果产生后将在此公布。', en: 'The notice has not started; the result will be published here.' },
  caption: { zh: '公示名单（共 {count} 项）', en: 'Noticed nominees ({count})' },
  empty: { zh: '目前没有公示中的候选人。', en: 'No nominee is publicly noticed at present.' },
  colNo: { zh: '序号', en: 'No.' },
  colName: { zh: '候选人（团队）', en: 'Nominee' },
  colCategory: { zh: '类别', en: 'Category' },
  colUnit: { zh: '所在单位', en: 'Unit' },
  colField: { zh: '所属业务领域', en: 'Business field' },
  colObject: { zh: '异议', en: 'Objection' },
  objectTo: { zh: '对“{name}”提出异议', en: 'Object to “{name}”' },
  object: { zh: '提出异议', en: 'Object' },
  caseNo: { zh: '编号 {id}', en: 'Case {id}' },

  corrections: { zh: '更正公告', en: 'Corrections' },
  'correction.notice-withdrawn': { zh: '撤销公示', en: 'Withdrawn from the notice' },
  'correction.announcement-revoked': { zh: '撤销通报', en: 'Announcement revoked' },
  correctionReason: { zh: '原因：{reason}', en: 'Reason: {reason}' },

  objectionHeading: { zh: '提出异议', en: 'Lodge an objection' },
  objectionIntro: {
    zh: '请选择异议对象，写明异议的事实和依据。联系方式可不填；填写后便于秘书处向您核实情况，不会公开。',
    en: 'Choose the entry and state the facts and grounds of your objection. The contact is optional; it lets the secretariat ask you more and is never published.',
  },
  objectionTarget: { zh: '异议对象', en: 'Entry objected to' },
  chooseEntry: { zh: '请选择公示对象', en: 'Choose an entry' },
  objectionReason: { zh: '异议理由', en: 'Grounds of the objection' },
  reasonHint: { zh: '不超过 2000 字。', en: 'At most 2,000 characters.' },
  contact: { zh: '联系方式（选填）', en: 'Contact (optional)' },
  contactHint: { zh: '电话或电子邮箱，不超过 200 字。', en: 'Phone or email, at most 200 characters.' },
  submitObjection: { zh: '提交异议', en: 'Submit the objection' },
  sending: { zh: '正在提交……', en: 'Submitting…' },
  accepted: { zh: '异议已受理，秘书处将进行核查。受理编号：{id}。', en: 'Objection received; the secretariat will look into it. Reference: {id}.' },
  notInPeriod: { zh: '该候选人当前不在公示期内，异议未受理。', en: 'This entry is not in its notice period; the objection was not accepted.' },
  tooMany: { zh: '提交过于频繁，请一分钟后再试。', en: 'Too many objections from this address; try again in a minute.' },
  notListed: { zh: '公示名单中没有这项申报，请刷新页面后重新选择。', en: 'This entry is not on the notice; reload the page and choose again.' },
  errChoose: { zh: '请选择异议对象。', en: 'Choose the entry you object to.' },
  errRequired: { zh: '请填写异议理由。', en: 'State the grounds of the objection.' },
  errMax: { zh: '不能超过 {max} 字。', en: 'At most {max} characters.' },
  objectionsClosed: { zh: '公示期已结束，不再受理异议。', en: 'The notice period is over: objections are no longer received.' },
  noticeEndedIntro: {
    zh: '以下候选人（团队）经评审委员会评选拟当选，已向社会公示。公示期已结束，不再受理异议；评选结果由主办方择期通报。',
    en: 'The review committee selected the nominees below and they were publicly noticed. The notice period is over and objections are no longer received; the organisers announce the result on a date they choose.',
  },
  periodEndedStrong: { zh: '公示期已于 {at}（北京时间）结束。', en: 'The notice period ended on {at}.' },
  announcementLink: { zh: '查看评选结果通报', en: 'Read the announcement of the result' },
  noObjections: { zh: '公示名单为空，暂不受理异议。', en: 'Nothing is noticed, so no objection can be lodged.' },
});

const campaignId = new URLSearchParams(location.search).get('campaign');
const main = renderShell(t('noticeTitle'));
const line = statusLine();

function periodLine(endsAt) {
  if (!endsAt) return t('periodNotStarted');
  if (new Date(endsAt).getTime() > Date.now()) return t('periodEnds', { at: formatTime(endsAt), left: timeLeft(endsAt) });
  return t('periodEndedStrong', { at: formatTime(endsAt) });
}

function entriesTable(entries, vocab, campaign, onObject) {
  if (!entries.length) return el('p', {}, t('empty'));
  const columns = [t('colNo'), t('colName'), t('colUnit'), t('colField'), t('colCategory'), onObject && t('colObject')].filter(Boolean);
  // On a phone each row stacks into a card (app.css `table.stack`); the roles keep it a table for screen readers.
  const cell = (i, ...content) => el('td', { role: 'cell', 'data-label': columns[i] }, ...content);
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'stack notice', role: 'table', 'aria-labelledby': 'notice-caption' },
      el('caption', { id: 'notice-caption' }, t('caption', { count: entries.length })),
      el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, columns.map((h) => el('th', { scope: 'col', role: 'columnheader' }, h)))),
      el(
        'tbody',
        { role: 'rowgroup' },
        entries.map((e, i) =>
          el(
            'tr',
            { role: 'row' },
            cell(0, String(i + 1)),
            el('th', { scope: 'row', role: 'rowheader' }, e.name, el('span', { class: 'case-id' }, t('caseNo', { id: e.caseId }))),
            cell(2, e.unit),
            cell(3, fieldName(e.field, campaign, vocab)),
            cell(4, label(vocab.categories[e.category], e.category)),
            onObject && cell(5, el('button', { type: 'button', class: 'secondary', 'aria-label': t('objectTo', { name: e.name }), onclick: () => onObject(e.caseId) }, t('object'))),
          ),
        ),
      ),
    ),
  );
}

function correctionsSection(corrections) {
  if (!corrections?.length) return null;
  return el(
    'section',
    { 'aria-labelledby': 'corrections-heading' },
    el('h2', { id: 'corrections-heading' }, t('corrections')),
    el(
      'ul',
      { class: 'corrections' },
      corrections.map((c) =>
        el(
          'li',
          {},
          el('time', { datetime: c.publishedAt }, formatTime(c.publishedAt)),
          ' · ',
          el('strong', {}, t(`correction.${c.kind}`) === `correction.${c.kind}` ? c.kind : t(`correction.${c.kind}`)),
          ' · ',
          c.name,
          c.unit && (lang === 'en' ? ` (${c.unit})` : `（${c.unit}）`),
          c.reason && el('p', { class: 'prose muted' }, t('correctionReason', { reason: c.reason })),
        ),
      ),
    ),
  );
}

function objectionForm(entries) {
  const formLine = statusLine();
  const select = el(
    'select',
    { id: 'objection-case', name: 'caseId', required: true },
    el('option', { value: '' }, t('chooseEntry')),
    entries.map((e) => el('option', { value: e.caseId }, `${e.name} — ${e.unit}`)),
  );
  const reason = el('textarea', { id: 'objection-reason', name: 'reason', required: true, maxlength: 2000, rows: 5, 'aria-describedby': 'objection-reason-hint' });
  reason.dataset.hint = 'objection-reason-hint';
  const contact = el('input', { id: 'objection-contact', name: 'contact', maxlength: 200, autocomplete: 'email', 'aria-describedby': 'objection-contact-hint' });
  contact.dataset.hint = 'objection-contact-hint';
  const submit = el('button', { type: 'submit' }, t('submitObjection'));
  const form = el(
    'form',
    { novalidate: true, 'aria-labelledby': 'objection-heading' },
    el('label', { for: 'objection-case' }, t('objectionTarget')),
    select,
    el('label', { for: 'objection-reason' }, t('objectionReason')),
    el('span', { class: 'hint', id: 'objection-reason-hint' }, t('reasonHint')),
    reason,
    el('label', { for: 'objection-contact' }, t('contact')),
    el('span', { class: 'hint', id: 'objection-contact-hint' }, t('contactHint')),
    contact,
    el('p', {}, submit),
    formLine,
  );

  const checks = {
    caseId: () => markField(select, select.value ? null : t('errChoose')),
    reason: () => markField(reason, !reason.value.trim() ? t('errRequired') : reason.value.trim().length > 2000 ? t('errMax', { max: 2000 }) : null),
    contact: () => markField(contact, contact.value.trim().length > 200 ? t('errMax', { max: 200 }) : null),
  };
  form.addEventListener('focusout', (event) => checks[event.target.name]?.());
  form.addEventListener('input', (event) => event.target.getAttribute('aria-invalid') && checks[event.target.name]?.());
  form.addEventListener('change', (event) => event.target === select && select.getAttribute('aria-invalid') && checks.caseId());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const results = Object.values(checks).map((check) => check());
    if (results.includes(false)) {
      [select, reason, contact][results.indexOf(false)].focus();
      return;
    }
    submit.disabled = true;
    formLine.textContent = t('sending');
    formLine.className = 'status';
    const body = { caseId: select.value, reason: reason.value.trim(), ...(contact.value.trim() && { contact: contact.value.trim() }) };
    try {
      const answer = await api('POST', `/api/public/campaigns/${encodeURIComponent(campaignId)}/objections`, { body });
      form.reset();
      showOk(formLine, t('accepted', { id: answer.objectionId }));
    } catch (err) {
      const words = { 409: t('notInPeriod'), 429: t('tooMany'), 404: t('notListed') }[err.status];
      showError(formLine, words ? { message: words } : err);
      const inputs = { caseId: select, reason, contact };
      let first;
      for (const detail of err.details ?? []) {
        const input = inputs[detail.path];
        if (!input) continue;
        const ok = checks[detail.path]();
        if (ok) markField(input, detail.message);
        first ??= input;
      }
      first?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return { form, select };
}

async function show() {
  main.append(line);
  if (!campaignId) {
    await chooseCampaign();
    return;
  }
  let notice;
  let vocab;
  let campaign;
  try {
    [notice, vocab, campaign] = await Promise.all([
      api('GET', `/api/public/campaigns/${encodeURIComponent(campaignId)}/notice`, { token: '' }),
      labels(),
      api('GET', `/api/public/campaigns/${encodeURIComponent(campaignId)}`, { token: '' }).catch(() => null),
    ]);
  } catch (err) {
    showError(line, err);
    if (err.status === 404) {
      forgetCampaign(campaignId);
      await chooseCampaign();
    }
    return;
  }
  const title = el('p', { class: 'campaign' }, campaign ? t('campaignName', { title: campaign.title }) : t('campaignId', { id: campaignId }));
  const entries = notice.entries ?? [];
  // Once the notice period is over the list no longer invites objections.
  const objectionsOpen = notice.objectionsOpen ?? true;
  const objection = entries.length && objectionsOpen ? objectionForm(entries) : null;
  const objectTo = objection
    ? (caseId) => {
        objection.select.value = caseId;
        objection.select.dispatchEvent(new Event('change', { bubbles: true }));
        document.getElementById('objection-heading').scrollIntoView({ block: 'start' });
        document.getElementById('objection-reason').focus();
      }
    : null;

  // The time left, kept current while the page is open (not announced: it would interrupt every minute).
  const period = el('strong', {}, periodLine(notice.endsAt));
  if (notice.endsAt) setInterval(() => (period.textContent = periodLine(notice.endsAt)), 30_000);
  // Over: said plainly at the top, with the way to the announcement.
  const ended = notice.endsAt !== null && !objectionsOpen;
  const announcement = el('a', { href: `/announcement?campaign=${encodeURIComponent(campaignId)}` }, t('announcementLink'));
  main.append(
    ...[
      title,
      el('p', {}, ended ? t('noticeEndedIntro') : t('noticeIntro')),
      el('p', { class: 'period' }, period),
      ended && el('p', { class: 'actions' }, el('a', { class: 'button', href: announcement.getAttribute('href') }, t('announcementLink'))),
      entriesTable(entries, vocab, campaign, objectTo),
    ].filter(Boolean),
  );
  const corrections = correctionsSection(notice.corrections);
  if (corrections) main.append(corrections);
  main.append(
    el(
      'section',
      { 'aria-labelledby': 'objection-heading' },
      el('h2', { id: 'objection-heading' }, t('objectionHeading')),
      objection ? [el('p', {}, t('objectionIntro')), objection.form] : el('p', {}, objectionsOpen ? t('noObjections') : [t('objectionsClosed'), ' ', announcement]),
    ),
  );
}

/** The campaigns with a notice to read, when the link names none. */
async function chooseCampaign() {
  try {
    const [{ campaigns }, vocab] = await Promise.all([api('GET', '/api/public/campaigns', { token: '' }), labels()]);
    const noticed = campaigns.filter((c) => ['notice', 'notice-ended', 'announced'].includes(c.phase));
    if (!noticed.length) {
      main.append(el('p', {}, t('noNotices'), ' ', el('a', { href: '/' }, t('toHome'))));
      return;
    }
    main.append(
      el('p', {}, t('chooseNotice')),
      el('ul', {}, noticed.map((c) => el('li', {}, el('a', { href: `/notice?campaign=${encodeURIComponent(c.id)}` }, c.title), ' · ', phaseName(c.phase, vocab)))),
    );
  } catch (err) {
    showError(line, err);
  }
}

await show();
