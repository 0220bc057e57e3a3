// The applicant's status page, reached from the link in every status email (`/status?case=<id>#token=…`):
// where the case stands, its timeline, what happens next, a new sealed form when one is asked for,
// withdrawal with a reason, and a fresh private link should the old one have leaked.
import { api, applicantToken, labels, session } from './api.js';
import { fieldName } from './campaigns.js';
import { define, formatTime, label, t } from './i18n.js';
import { el, renderShell, saveBlob, showError, showOk, statusLine } from './shell.js';
import { SEALED_FORM_ACCEPT, formatSize, progressReporter, sealedFormProblem, upload } from './upload.js';

define({
  statusTitle: { zh: '申报进度', en: 'Nomination status' },
  findIntro: {
    zh: '请输入确认邮件中的申报编号和访问令牌；也可以直接把邮件中的专属链接粘贴到“访问令牌”一栏。',
    en: 'Enter the case number and the access token from your confirmation email, or paste the private link from the email into the token box.',
  },
  tokenIntro: {
    zh: '查看本申报需要访问令牌。请使用确认邮件中的专属链接打开本页，或把邮件中的访问令牌（或整个链接）粘贴到下面。',
    en: 'This case needs its access token. Open this page from the private link in your confirmation email, or paste the token (or the whole link) below.',
  },
  caseIdLabel: { zh: '申报编号', en: 'Case number' },
  tokenLabel: { zh: '访问令牌', en: 'Access token' },
  tokenHint: { zh: '粘贴确认邮件中的整个专属链接，或链接里以 la_ 开头的部分。', en: 'Paste the whole private link from your confirmation email, or its part starting with la_.' },
  open: { zh: '查看进度', en: 'Show the status' },
  cannotOpen: {
    zh: '无法打开该申报：访问令牌无效或已被更换，或申报编号有误。请使用最新邮件中的专属链接。',
    en: 'This case cannot be opened: the token is wrong or was replaced, or the case number is wrong. Use the link in your latest email.',
  },
  errRequired: { zh: '此项为必填项。', en: 'This item is required.' },

  summary: { zh: '申报概况', en: 'Summary' },
  nomineeLabel: { zh: '候选人（团队）', en: 'Nominee' },
  categoryLabel: { zh: '推举类别', en: 'Category' },
  fieldLabel: { zh: '所属业务领域', en: 'Business field' },
  channelLabel: { zh: '申报渠道', en: 'Channel' },
  unitLabel: { zh: '推荐单位', en: 'Recommending unit' },
  nomineeUnitLabel: { zh: '所在单位', en: 'Nominee’s own unit' },
  submittedAt: { zh: '提交时间', en: 'Submitted' },
  currentStatus: { zh: '当前状态', en: 'Status' },
  refresh: { zh: '刷新进度', en: 'Refresh' },
  refreshed: { zh: '已更新（{at}）。', en: 'Updated ({at}).' },
  whatNext: { zh: '接下来会怎样', en: 'What happens next' },
  timeline: { zh: '进度记录', en: 'Timeline' },
  readNotice: { zh: '查看公示名单', en: 'Read the public notice' },
  readAnnouncement: { zh: '查看评选结果通报', en: 'Read the announcement of the result' },
  submittedEntry: { zh: '提交申报', en: 'Submitted' },
  stepDue: { zh: '本环节办理期限：{at}。', en: 'This step is due by {at}.' },

  'next.seal-check': {
    zh: '秘书处正在审核报名表上的单位公章和填报内容。审核通过后进入业务领域审核；如需重新提交盖章报名表，我们会发邮件通知您。',
    en: 'The secretariat is checking the unit seal on the form and what was filled in. Then the working group of the field reviews the case; if the sealed form must be sent again, you will be emailed.',
  },
  'next.resubmission-requested': {
    zh: '秘书处请您重新上传加盖单位公章的报名表扫描件（见下方）。请在申报截止前上传；截止时仍未上传的申报将过期。',
    en: 'The secretariat asks for a new scan of the form with the unit seal (below). Upload it before the submission deadline, or the nomination expires.',
  },
  'next.field-review': {
    zh: '公章审核已通过。评审工作组正在按所属业务领域审核申报材料，通过后交由该领域的分支机构遴选。',
    en: 'The seal check passed. The review working group of the business field is checking the materials; then the field’s branch shortlists.',
  },
  'next.branch-shortlist': {
    zh: '业务领域审核已通过。所属业务领域的分支机构正在对照推荐条件遴选入围候选人，曾获媒体平台表彰与奖励的候选人优先。',
    en: 'The field review passed. The field’s branch is choosing its shortlist against the criteria; nominees with media awards get priority.',
  },
  'next.committee-review': {
    zh: '已入围。评审委员会正在评审打分，评审结束后按得分确定获选名单。',
    en: 'Shortlisted. The review committee is scoring the case; the winners are chosen by score when the round closes.',
  },
  'next.awaiting-selection': {
    zh: '评审委员会已通过本申报，正在等待本轮评选结果（获选名额有限，按得分排序确定）。',
    en: 'The committee approved the case; it now waits for the round’s result (places are limited and go by score).',
  },
  'next.public-notice': {
    zh: '恭喜，已当选！名单正在公示，公示期内任何人都可以提出异议；公示期满且异议处理完毕后正式通报。',
    en: 'Congratulations: selected! The list is publicly noticed; anyone may object during the notice period. After it ends and any objection is ruled, the result is announced.',
  },
  'next.notice-ended': {
    zh: '公示期已满，没有成立的异议。评选结果将由主办方择期正式通报，届时会发邮件通知您。',
    en: 'The public notice is over and no objection was upheld. The organisers announce the result on a date they choose; you will be emailed then.',
  },
  'next.announced': { zh: '已正式通报。祝贺您！后续事迹宣讲安排将另行通知。', en: 'Announced. Congratulations! The story tours will be arranged later.' },
  'next.rejected': { zh: '很遗憾，本申报未通过审核，评选到此结束。如有说明，见下方进度记录。', en: 'The case was not approved and ends here; any reason given is in the timeline below.' },
  'next.not-selected': { zh: '本申报通过了评审，但未进入本轮获选名单，评选到此结束。感谢参与！', en: 'The case was approved but not among this round’s winners, and ends here. Thank you for taking part.' },
  'next.expired': { zh: '申报截止时仍未收到所需的盖章报名表，本申报已过期。', en: 'The sealed form asked for had not arrived by the submission deadline; the case expired.' },
  'next.withdrawn': { zh: '本申报已撤回，评选到此结束。', en: 'The case was withdrawn and ends here.' },
  'next.disqualified': { zh: '经核查，本申报已被取消参与资格。原因见下方进度记录。', en: 'The case was disqualified after an investigation; the reason is in the timeline below.' },

  sealedFormSection: { zh: '盖章报名表', en: 'Sealed form' },
  sealedFormFacts: { zh: '已提交：{type}，{size}，上传于 {at}。', en: 'On file: {type}, {size}, uploaded {at}.' },
  downloadForm: { zh: '下载已提交的报名表', en: 'Download the form on file' },
  resubmitSection: { zh: '重新上传盖章报名表', en: 'Upload the sealed form again' },
  resubmitReason: { zh: '秘书处意见：{note}', en: 'The secretariat’s note: {note}' },
  newSealedForm: { zh: '新的盖章报名表扫描件', en: 'New scan of the sealed form' },
  sealedFormHint: { zh: 'PDF、JPEG 或 PNG 格式，不超过 10 MB；须清晰可见单位公章。', en: 'PDF, JPEG or PNG, at most 10 MB; the unit seal must be legible.' },
  uploadButton: { zh: '上传报名表', en: 'Upload the form' },
  uploaded: { zh: '报名表已重新提交，秘书处将再次审核单位公章。', en: 'The form was sent again; the secretariat checks the seal once more.' },

  withdrawSection: { zh: '撤回申报', en: 'Withdraw the nomination' },
  withdrawIntro: {
    zh: '公示结束并正式通报前，可以撤回本申报。撤回后评选即终止，不能恢复；单位推荐所占名额将退还给推荐单位。',
    en: 'Until the announcement, the nomination may be withdrawn. Withdrawal ends the case for good; a unit’s place is given back.',
  },
  withdrawStart: { zh: '撤回申报…', en: 'Withdraw…' },
  withdrawReason: { zh: '撤回原因', en: 'Reason for withdrawing' },
  withdrawConfirmText: { zh: '确定要撤回本申报吗？此操作不能撤销。', en: 'Withdraw this nomination? This cannot be undone.' },
  withdrawConfirm: { zh: '确认撤回', en: 'Withdraw for good' },
  cancel: { zh: '取消', en: 'Cancel' },
  withdrawn: { zh: '申报已撤回。', en: 'The nomination was withdrawn.' },

  linkSection: { zh: '专属查看链接', en: 'Private link' },
  linkIntro: {
    zh: '专属链接无需登录即可查看和撤回本申报，请勿转发。如担心链接已泄露，可以更换：旧链接和旧令牌立即失效。',
    en: 'The private link opens and can withdraw this case without an account: do not share it. If it may have leaked, replace it: the old link and token stop working at once.',
  },
  replaceLink: { zh: '更换专属链接', en: 'Replace the private link' },
  newLink: { zh: '新的专属链接', en: 'New private link' },
  newLinkHint: { zh: '请立即保存（例如加入书签）。新链接不会再发送邮件，之后的状态邮件仍含旧链接，请以此链接为准。', en: 'Save it now (e.g. bookmark it). It is not emailed; later status emails carry the old link, so keep this one.' },
  linkReplaced: { zh: '专属链接已更换，旧链接已失效。', en: 'The private link was replaced; the old one no longer works.' },
});

const params = new URLSearchParams(location.search);
const caseId = params.get('case')?.trim() || null;
const main = renderShell(t('statusTitle'));
const line = statusLine();
const content = el('div', { id: 'case-content' });
main.append(line, content);

/** A labelled text input with an optional hint, as every form here has. */
function field(id, name, text, { hint, required, value, type = 'text', autocomplete } = {}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return [
    el('label', { for: id }, text),
    hint && el('span', { class: 'hint', id: hintId }, hint),
    el('input', { id, name, type, required, value, autocomplete, spellcheck: 'false', 'aria-describedby': hintId }),
  ];
}

/** Marks `input` as missing when empty; answers whether it is filled. */
function requireFilled(input) {
  const errorId = `${input.id}-error`;
  document.getElementById(errorId)?.remove();
  if (input.value.trim()) {
    input.removeAttribute('aria-invalid');
    return true;
  }
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby')?.replace(errorId, '').trim(), errorId].filter(Boolean).join(' '));
  input.after(el('span', { class: 'field-error', id: errorId }, t('errRequired')));
  return false;
}

/** A token typed in, or taken from a pasted link (`…#token=la_…`). */
function tokenFrom(text) {
  const value = text.trim();
  const fromLink = /[#&]token=([^&\s]+)/.exec(value);
  return fromLink ? decodeURIComponent(fromLink[1]) : value;
}

/** The form that opens a case by its number and token (when the link lacked one, or it failed). */
function tokenForm(message) {
  const form = el(
    'form',
    { novalidate: true },
    el('p', {}, message ?? (caseId ? t('tokenIntro') : t('findIntro'))),
    ...field('case-id', 'caseId', t('caseIdLabel'), { required: true, value: caseId ?? undefined, autocomplete: 'off' }),
    ...field('access-token', 'token', t('tokenLabel'), { required: true, hint: t('tokenHint'), autocomplete: 'off' }),
    el('p', {}, el('button', { type: 'submit' }, t('open'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const inputs = [form.elements.caseId, form.elements.token];
    const ok = inputs.map(requireFilled);
    if (ok.includes(false)) {
      inputs[ok.indexOf(false)].focus();
      return;
    }
    const id = form.elements.caseId.value.trim();
    const token = tokenFrom(form.elements.token.value);
    const target = `/status?case=${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;
    if (id === caseId) {
      // Same page: let applicantToken() keep the token as it does for a link, then show the case.
      history.replaceState(null, '', target);
      line.textContent = '';
      line.className = 'status';
      load();
    } else location.assign(target);
  });
  content.replaceChildren(el('section', { 'aria-labelledby': 'open-case-heading' }, el('h2', { id: 'open-case-heading' }, t('open')), form));
  (caseId ? form.elements.token : form.elements.caseId).focus();
}

let vocab;
let campaign = null;

async function load({ announce = false } = {}) {
  const token = applicantToken(caseId) ?? undefined;
  if (!token && !session()) return tokenForm();
  let view;
  try {
    view = await api('GET', `/api/nominations/${encodeURIComponent(caseId)}`, { token });
  } catch (err) {
    if ([401, 404].includes(err.status) && token) return tokenForm(t('cannotOpen'));
    showError(line, err);
    return;
  }
  // The case's campaign names its field; without it (not answering), the national names serve.
  campaign = campaign?.id === view.campaignId ? campaign : await api('GET', `/api/public/campaigns/${encodeURIComponent(view.campaignId)}`, { token: '' }).catch(() => null);
  render(view, token);
  if (announce) showOk(line, t('refreshed', { at: formatTime(new Date().toISOString()) }));
}

/** A note the system writes as a code, in the words meant for the applicant; a reviewer's comment as written. */
const noteText = (note) => label(vocab.notes[note]?.applicant, note);

function render(view, token) {
  const status = view.status;
  const statusName = label(vocab.statuses[status], status);
  const refresh = el('button', { type: 'button', class: 'secondary', onclick: () => load({ announce: true }) }, t('refresh'));

  const summary = el(
    'section',
    { 'aria-labelledby': 'summary-heading' },
    el('h2', { id: 'summary-heading', tabindex: '-1' }, t('summary')),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, t('caseIdLabel')), el('dd', {}, el('code', {}, view.caseId)),
      el('dt', {}, t('nomineeLabel')), el('dd', {}, view.nomineeName ?? ''),
      el('dt', {}, t('categoryLabel')), el('dd', {}, label(vocab.categories[view.category], view.category)),
      el('dt', {}, t('fieldLabel')), el('dd', {}, fieldName(view.field, campaign, vocab)),
      el('dt', {}, t('channelLabel')), el('dd', {}, label(vocab.channels[view.channel], view.channel)),
      el('dt', {}, t('unitLabel')), el('dd', {}, view.recommendingUnit ?? ''),
      view.nomineeUnit && [el('dt', {}, t('nomineeUnitLabel')), el('dd', {}, view.nomineeUnit)],
      el('dt', {}, t('submittedAt')), el('dd', {}, el('time', { datetime: view.submittedAt }, formatTime(view.submittedAt))),
      el('dt', {}, t('currentStatus')), el('dd', {}, el('strong', { class: `badge status-${status}`, id: 'current-status' }, statusName)),
    ),
    el('p', {}, refresh),
  );

  // The due date of the step the case waits in (reviewers' deadlines; not the applicant's own).
  const due = view.openTasks?.find((task) => task.kind === status)?.dueAt;
  const next = el(
    'section',
    { 'aria-labelledby': 'next-heading' },
    el('h2', { id: 'next-heading' }, t('whatNext')),
    el('p', {}, t(`next.${status}`)),
    due && el('p', {}, t('stepDue', { at: formatTime(due) })),
    ['public-notice', 'notice-ended', 'announced'].includes(status) && el('p', {}, el('a', { href: `/notice?campaign=${encodeURIComponent(view.campaignId)}` }, t('readNotice'))),
    ['notice-ended', 'announced'].includes(status) && el('p', {}, el('a', { href: `/announcement?campaign=${encodeURIComponent(view.campaignId)}` }, t('readAnnouncement'))),
  );

  const timeline = el(
    'section',
    { 'aria-labelledby': 'timeline-heading' },
    el('h2', { id: 'timeline-heading' }, t('timeline')),
    el(
      'ol',
      { class: 'timeline' },
      [{ at: view.submittedAt, submitted: true }, ...view.timeline].map((entry) =>
        el(
          'li',
          {},
          el('time', { datetime: entry.at }, formatTime(entry.at)),
          ' · ',
          el('strong', {}, entry.submitted ? t('submittedEntry') : label(vocab.statuses[entry.status], entry.status)),
          entry.note && el('p', { class: 'prose muted' }, noteText(entry.note)),
        ),
      ),
    ),
  );

  const sections = [summary, next];
  if (status === 'resubmission-requested') sections.push(resubmitSection(view, token));
  sections.push(timeline);
  if (view.sealedForm) sections.push(sealedFormSection(view, token));
  if (vocab.statusRules[status]?.withdraw) sections.push(withdrawSection(token));
  if (token && view.channel === 'self') sections.push(linkSection(token));
  content.replaceChildren(...sections);
}

function sealedFormSection(view, token) {
  const f = view.sealedForm;
  const type = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' }[f.mediaType] ?? f.mediaType;
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[f.mediaType] ?? 'bin';
  const button = el('button', { type: 'button', class: 'secondary' }, t('downloadForm'));
  button.addEventListener('click', async () => {
    try {
      const blob = await api('GET', `/api/nominations/${encodeURIComponent(view.caseId)}/sealed-form`, { token });
      saveBlob(blob, `sealed-form-${view.caseId}.${extension}`);
    } catch (err) {
      showError(line, err);
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'sealed-heading' },
    el('h2', { id: 'sealed-heading' }, t('sealedFormSection')),
    el('p', {}, t('sealedFormFacts', { type, size: formatSize(f.size), at: formatTime(f.uploadedAt) })),
    el('p', {}, button),
  );
}

function resubmitSection(view, token) {
  const request = [...view.timeline].reverse().find((e) => e.status === 'resubmission-requested');
  const input = el('input', { type: 'file', id: 'new-sealed-form', name: 'sealedForm', accept: SEALED_FORM_ACCEPT, required: true, 'aria-describedby': 'new-sealed-form-hint' });
  const chosen = el('p', { class: 'hint' });
  const progress = el('progress', { max: 1, value: 0, hidden: true, 'aria-label': t('uploadProgress') });
  const progressText = el('span', { id: 'resubmit-progress-text' });
  const formLine = statusLine();
  const submit = el('button', { type: 'submit' }, t('uploadButton'));
  const form = el(
    'form',
    { novalidate: true },
    el('label', { for: 'new-sealed-form' }, t('newSealedForm')),
    el('span', { class: 'hint', id: 'new-sealed-form-hint' }, t('sealedFormHint')),
    input,
    chosen,
    el('p', { class: 'hint', 'aria-live': 'polite' }, progressText),
    progress,
    el('p', {}, submit),
    formLine,
  );
  const mark = (message) => {
    document.getElementById('new-sealed-form-error')?.remove();
    if (!message) {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'new-sealed-form-hint');
      return true;
    }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'new-sealed-form-hint new-sealed-form-error');
    input.after(el('span', { class: 'field-error', id: 'new-sealed-form-error' }, message));
    return false;
  };
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    chosen.textContent = file ? t('fileChosen', { name: file.name, size: formatSize(file.size) }) : '';
    progress.hidden = true;
    progressText.textContent = '';
    mark(sealedFormProblem(file));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    if (!mark(sealedFormProblem(input.files?.[0]))) {
      input.focus();
      return;
    }
    const body = new FormData();
    body.append('sealedForm', input.files[0]);
    submit.disabled = true;
    try {
      await upload(`/api/nominations/${encodeURIComponent(view.caseId)}/sealed-form`, body, { token, onProgress: progressReporter(progress, progressText) });
      await load();
      showOk(line, t('uploaded'));
      document.getElementById('summary-heading')?.focus();
    } catch (err) {
      progress.hidden = true;
      progressText.textContent = '';
      showError(formLine, err);
      if ([413, 415].includes(err.status) || err.code === 'sealed-form-missing') mark(err.message);
      submit.disabled = false;
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'resubmit-heading', class: 'attention' },
    el('h2', { id: 'resubmit-heading' }, t('resubmitSection')),
    request?.note && el('p', { class: 'prose' }, t('resubmitReason', { note: request.note })),
    form,
  );
}

function withdrawSection(token) {
  const start = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'withdraw-form' }, t('withdrawStart'));
  const reason = el('textarea', { id: 'withdraw-reason', name: 'reason', required: true, maxlength: 2000, rows: 3 });
  const formLine = statusLine();
  const confirm = el('button', { type: 'submit' }, t('withdrawConfirm'));
  const cancel = el('button', { type: 'button', class: 'secondary' }, t('cancel'));
  const form = el(
    'form',
    { id: 'withdraw-form', hidden: true, novalidate: true },
    el('label', { for: 'withdraw-reason' }, t('withdrawReason')),
    reason,
    el('p', { class: 'warning' }, el('strong', {}, t('withdrawConfirmText'))),
    el('p', { class: 'actions' }, confirm, cancel),
    formLine,
  );
  const toggle = (open) => {
    form.hidden = !open;
    start.hidden = open;
    start.setAttribute('aria-expanded', String(open));
    if (open) reason.focus();
    else start.focus();
  };
  start.addEventListener('click', () => toggle(true));
  cancel.addEventListener('click', () => toggle(false));
  reason.addEventListener('input', () => reason.getAttribute('aria-invalid') && requireFilled(reason));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (confirm.disabled) return;
    if (!requireFilled(reason)) {
      reason.focus();
      return;
    }
    confirm.disabled = true;
    try {
      await api('POST', `/api/nominations/${encodeURIComponent(caseId)}/withdraw`, { body: { reason: reason.value.trim() }, token });
      await load();
      showOk(line, t('withdrawn'));
      document.getElementById('summary-heading')?.focus();
    } catch (err) {
      showError(formLine, err);
      confirm.disabled = false;
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'withdraw-heading' },
    el('h2', { id: 'withdraw-heading' }, t('withdrawSection')),
    el('p', {}, t('withdrawIntro')),
    el('p', {}, start),
    form,
  );
}

function linkSection(token) {
  const button = el('button', { type: 'button', class: 'secondary' }, t('replaceLink'));
  const result = el('div');
  const formLine = statusLine();
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { accessToken } = await api('POST', `/api/nominations/${encodeURIComponent(caseId)}/access-token`, { token });
      // Keep the new token for this tab as a link would, so the page goes on working.
      history.replaceState(null, '', `${location.pathname}${location.search}#token=${encodeURIComponent(accessToken)}`);
      applicantToken(caseId);
      const link = `${location.origin}/status?case=${encodeURIComponent(caseId)}#token=${encodeURIComponent(accessToken)}`;
      const input = el('input', { id: 'new-link', type: 'text', readonly: true, value: link, 'aria-describedby': 'new-link-hint', spellcheck: 'false' });
      input.addEventListener('focus', () => input.select());
      result.replaceChildren(el('label', { for: 'new-link' }, t('newLink')), el('span', { class: 'hint', id: 'new-link-hint' }, t('newLinkHint')), input);
      showOk(formLine, t('linkReplaced'));
      input.focus();
    } catch (err) {
      showError(formLine, err);
    } finally {
      button.disabled = false;
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'link-heading' },
    el('h2', { id: 'link-heading' }, t('linkSection')),
    el('p', {}, t('linkIntro')),
    el('p', {}, button),
    result,
    formLine,
  );
}

vocab = await labels();
if (!caseId) tokenForm();
else {
  await load();
  // A link with a new token opened over this page changes only the hash: no reload, so read it here.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).has('token')) load();
  });
}
