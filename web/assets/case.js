// The task and case view, for staff and recommending units: the case at a glance, every field of
// the nomination form (personal data as the caller's role allows: the API decides), the sealed
// form previewed from a blob fetched with the caller's token, the timeline, the open tasks and, for
// the task in `?task=` (or the first open task the caller may act on), the decision form of its
// kind. Units may withdraw and resubmit the sealed form when asked; reviewers may report fraud.
import { api, labels } from './api.js';
import { fieldName } from './campaigns.js';
import { define, formatTime, label, t, timeLeft } from './i18n.js';
import { el, renderShell, requireUser, saveBlob, showError, showOk, statusLine } from './shell.js';
import { SEALED_FORM_ACCEPT, formatSize, progressReporter, sealedFormProblem, upload } from './upload.js';

define({
  caseTitle: { zh: '申报详情', en: 'Case' },
  caseHeading: { zh: '申报详情：{name}', en: 'Case: {name}' },
  caseNoId: { zh: '地址中缺少申报编号。请从待办任务或申报列表打开申报。', en: 'The address names no case. Open a case from the inbox or the case list.' },
  caseBackToInbox: { zh: '返回待办任务', en: 'Back to the inbox' },
  caseBackToCases: { zh: '返回申报列表', en: 'Back to the cases' },
  caseOnThisPage: { zh: '本页内容', en: 'On this page' },
  // Overview
  caseOverview: { zh: '概况', en: 'Overview' },
  caseStatus: { zh: '当前状态', en: 'Status' },
  caseNominee: { zh: '候选人/团队', en: 'Nominee' },
  caseSummary: { zh: '申报摘要', en: 'Case' },
  caseCampaign: { zh: '评选活动', en: 'Campaign' },
  caseSubmittedAt: { zh: '提交时间', en: 'Submitted' },
  caseScore: { zh: '评审委员会评分', en: 'Committee score' },
  caseRank: { zh: '排名', en: 'Rank' },
  caseId: { zh: '申报编号', en: 'Case number' },
  // The nomination form
  caseForm: { zh: '申报表', en: 'Nomination form' },
  caseFormBasics: { zh: '基本信息', en: 'Basics' },
  caseFormNominee: { zh: '候选人信息', en: 'Nominee' },
  caseFormTeamLead: { zh: '团队负责人', en: 'Team leader' },
  caseFormTeam: { zh: '团队信息', en: 'Team' },
  caseFormAwards: { zh: '曾获各级各类媒体平台表彰与奖励', en: 'Awards from the media' },
  caseFormNoAwards: { zh: '未填写', en: 'None given' },
  caseFormOpinion: { zh: '所在单位意见', en: "The unit's opinion" },
  fChannel: { zh: '申报渠道', en: 'Channel' },
  fCategory: { zh: '申报类别', en: 'Category' },
  fField: { zh: '所属业务领域', en: 'Field' },
  fRecommendingUnit: { zh: '推荐单位', en: 'Recommending unit' },
  fNomineeUnit: { zh: '所在单位', en: 'Nominee’s own unit' },
  fAwardLevel: { zh: '表彰级别', en: 'Level' },
  fApplicantEmail: { zh: '联系邮箱', en: 'Email' },
  fPhone: { zh: '联系电话', en: 'Phone' },
  fLanguage: { zh: '通知语言', en: 'Language of the emails' },
  fName: { zh: '姓名', en: 'Name' },
  fGender: { zh: '性别', en: 'Gender' },
  fAge: { zh: '年龄', en: 'Age' },
  fEthnicity: { zh: '民族', en: 'Ethnicity' },
  fPoliticalAffiliation: { zh: '政治面貌', en: 'Political affiliation' },
  fPost: { zh: '职务/岗位', en: 'Post' },
  fTitle: { zh: '职称', en: 'Professional title' },
  fTeamName: { zh: '团队名称', en: 'Team name' },
  fFoundedOn: { zh: '成立时间', en: 'Founded on' },
  fContactName: { zh: '联系人', en: 'Contact' },
  fContactPhone: { zh: '联系人电话', en: "Contact's phone" },
  fMemberCount: { zh: '团队人数', en: 'Members' },
  fDuties: { zh: '主要工作职责', en: 'Main duties' },
  fStory: { zh: '主要事迹', en: 'Story' },
  fAwardTitle: { zh: '表彰或奖励名称', en: 'Award' },
  fAwardIssuer: { zh: '颁发单位', en: 'Issued by' },
  fAwardYear: { zh: '年份', en: 'Year' },
  fOpinionText: { zh: '单位意见', en: 'Opinion' },
  fSealedOn: { zh: '盖章日期', en: 'Sealed on' },
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  langZh: { zh: '中文', en: 'Chinese' },
  langEn: { zh: '英文', en: 'English' },
  // The sealed form
  caseSealed: { zh: '盖章报名表', en: 'Sealed form' },
  caseSealedNone: { zh: '本申报没有盖章报名表。', en: 'This case has no sealed form.' },
  caseSealedType: { zh: '文件类型', en: 'Type' },
  caseSealedSize: { zh: '文件大小', en: 'Size' },
  caseSealedUploaded: { zh: '上传时间', en: 'Uploaded' },
  caseSealedLoading: { zh: '正在加载预览……', en: 'Loading the preview…' },
  caseSealedPreviewImage: { zh: '盖章报名表预览（图片）', en: 'Preview of the sealed form (image)' },
  caseSealedPreviewPdf: { zh: '盖章报名表预览（PDF）', en: 'Preview of the sealed form (PDF)' },
  caseSealedDownload: { zh: '下载盖章报名表', en: 'Download the sealed form' },
  // Timeline and tasks
  caseTimeline: { zh: '办理进度', en: 'Timeline' },
  caseTimelineEmpty: { zh: '暂无记录。', en: 'Nothing recorded yet.' },
  caseOpenTasks: { zh: '未完成的任务', en: 'Open tasks' },
  caseNoOpenTasks: { zh: '当前没有未完成的任务。', en: 'No task is open.' },
  colKind: { zh: '任务类型', en: 'Kind' },
  colDue: { zh: '截止时间', en: 'Due' },
  colClaimedBy: { zh: '认领人', en: 'Claimed by' },
  colActions: { zh: '操作', en: 'Actions' },
  caseHandle: { zh: '办理', en: 'Handle' },
  caseCurrentTask: { zh: '当前任务', en: 'This task' },
  claimedByMe: { zh: '我', en: 'Me' },
  notClaimed: { zh: '未认领', en: 'Not claimed' },
  // Decision
  caseDecide: { zh: '作出决定：{kind}', en: 'Decide: {kind}' },
  caseTaskNotYours: { zh: '您不能办理此任务：它不在您的待办任务中（可能需要回避、您已投票，或不属于您的工作组）。', en: 'You cannot act on this task: it is not in your inbox (recusal, a vote already cast, or another group’s task).' },
  caseRecuse: { zh: '评审人员须回避本单位推荐的申报，您不能办理此任务。', en: 'Reviewers may not decide cases recommended by their own unit: you cannot act on this task.' },
  caseAlreadyScored: { zh: '您已对该申报评过分，评审委员会其他委员评分后此任务才会完成。', en: 'You have already scored this case; the task closes once the other members have voted.' },
  caseTaskClosed: { zh: '地址中的任务已办结或不属于本申报。', en: 'The task in the address is closed or belongs to another case.' },
  caseClaim: { zh: '认领', en: 'Claim' },
  caseRelease: { zh: '释放', en: 'Release' },
  caseClaimed: { zh: '已认领此任务。', en: 'You claimed this task.' },
  caseReleased: { zh: '已释放此任务。', en: 'You released this task.' },
  caseDecision: { zh: '决定', en: 'Decision' },
  caseCriteria: { zh: '推荐条件（评审依据）', en: 'Criteria to judge against' },
  caseScoreLabel: { zh: '评分（0–100）', en: 'Score (0–100)' },
  caseScoreHint: { zh: '选择“{approve}”时必填。', en: 'Required with “{approve}”.' },
  caseComment: { zh: '意见（选填）', en: 'Comment (optional)' },
  caseSubmitDecision: { zh: '提交决定', en: 'Submit the decision' },
  caseReload: { zh: '重新加载此申报', en: 'Reload the case' },
  caseCheckFields: { zh: '请检查标出的项目。', en: 'Check the fields marked.' },
  caseChooseDecision: { zh: '请选择一项决定。', en: 'Choose a decision.' },
  caseScoreMissing: { zh: '请填写 0 到 100 之间的评分。', en: 'Give a score from 0 to 100.' },
  caseScoreRange: { zh: '评分须在 0 到 100 之间。', en: 'The score must be between 0 and 100.' },
  caseDecided: { zh: '决定已提交：{decision}。申报当前状态：{status}。', en: 'Decision recorded: {decision}. The case is now: {status}.' },
  // Units
  caseResubmit: { zh: '重新提交盖章报名表', en: 'Resubmit the sealed form' },
  caseResubmitIntro: { zh: '公章审核要求重新提交加盖单位公章的报名表。', en: 'The seal check asks for the sealed form again.' },
  caseResubmitReason: { zh: '原因：{note}', en: 'Reason: {note}' },
  caseResubmitFile: { zh: '盖章报名表文件', en: 'Sealed form file' },
  caseResubmitHint: { zh: 'PDF、JPEG 或 PNG，不超过 10 MB。', en: 'PDF, JPEG or PNG, at most 10 MB.' },
  caseResubmitButton: { zh: '上传并重新提交', en: 'Upload and resubmit' },
  caseResubmitted: { zh: '已重新提交盖章报名表，申报回到公章审核。', en: 'The sealed form was resubmitted; the case is back at the seal check.' },
  caseWithdraw: { zh: '撤回申报', en: 'Withdraw the nomination' },
  caseWithdrawIntro: { zh: '撤回后本申报不再参加评选，且不能恢复；单位推荐名额将退回。', en: 'A withdrawn nomination leaves the campaign for good; the unit gets its quota slot back.' },
  caseWithdrawReason: { zh: '撤回原因（选填）', en: 'Reason (optional)' },
  caseWithdrawConfirm: { zh: '我确认撤回此申报', en: 'I confirm the withdrawal' },
  caseWithdrawConfirmMissing: { zh: '请先勾选确认。', en: 'Tick the confirmation first.' },
  caseWithdrawButton: { zh: '撤回申报', en: 'Withdraw' },
  caseWithdrawn: { zh: '申报已撤回。', en: 'The nomination was withdrawn.' },
  // Fraud
  caseFraud: { zh: '举报弄虚作假', en: 'Report fraud' },
  caseFraudIntro: { zh: '举报将由秘书处调查；查实后，已完成的评审步骤将被撤销，申报被取消资格。', en: 'The secretariat investigates; if it is upheld, the steps taken are undone and the case is disqualified.' },
  caseFraudReason: { zh: '举报理由', en: 'Reason' },
  caseFraudEvidence: { zh: '证据或线索（选填）', en: 'Evidence or leads (optional)' },
  caseFraudReasonMissing: { zh: '请填写举报理由。', en: 'Give the reason.' },
  caseFraudButton: { zh: '提交举报', en: 'Submit the report' },
  caseFraudFiled: { zh: '举报已提交，秘书处将进行调查。', en: 'The report was filed; the secretariat will investigate.' },
});

const INBOX_LIMIT = 500;

const user = requireUser();
const main = renderShell(t('caseTitle'));
const heading = main.querySelector('h1');
heading.tabIndex = -1;
const params = new URLSearchParams(location.search);
const caseId = params.get('id');
const pageLine = statusLine();
pageLine.tabIndex = -1;
const content = el('div');
main.append(pageLine, content);

const isUnit = user.roles.includes('unit');
let vocab;
let decides = false; // whether the caller's roles take tasks of any kind, as the vocabulary says once loaded
let campaigns = [];
/** The case's campaign (its fields name the case's field, its criteria head the decision form). */
let kaseCampaign;
let preview = null; // { sha256, blob, url }: the sealed form fetched once per version

/** Loads the case and draws the page; called again after each action. */
async function render() {
  const kase = await api('GET', `/api/nominations/${encodeURIComponent(caseId)}`);
  kaseCampaign = campaigns.find((c) => c.id === kase.campaignId);
  const actionable = await actionableTaskIds(kase);
  const requested = params.get('task');
  const requestedTask = requested && kase.openTasks.find((task) => task.id === requested);
  // The task asked for, else the first one the caller may act on, else one of their role's they may
  // not act on (recusal, a vote cast): its section then says why.
  const task = decides ? (requestedTask ?? kase.openTasks.find((x) => actionable.has(x.id)) ?? kase.openTasks.find(roleCovers)) : undefined;
  const name = kase.nomineeName || kase.nomination?.team?.name || kase.caseId;
  heading.textContent = t('caseHeading', { name });
  document.title = `${heading.textContent} · ${t('brand')}`;

  const sections = [
    overview(kase),
    requested && !requestedTask && decides && el('p', { class: 'status error' }, t('caseTaskClosed')),
    task && decisionSection(kase, task, actionable.has(task.id)),
    nominationSection(kase),
    sealedSection(kase),
    timelineSection(kase),
    openTasksSection(kase, task, actionable),
    isUnit && kase.status === 'resubmission-requested' && resubmitSection(kase),
    isUnit && vocab.statusRules[kase.status]?.withdraw && withdrawSection(kase),
    decides && vocab.statusRules[kase.status]?.reportFraud && fraudSection(kase),
  ].filter(Boolean);
  const jumps = sections.filter((s) => s.id && s.dataset.jump).map((s) => el('li', {}, el('a', { href: `#${s.id}` }, s.dataset.jump)));
  content.replaceChildren(
    el(
      'nav',
      { class: 'jump', 'aria-label': t('caseOnThisPage') },
      el('ul', { class: 'actions' }, el('li', {}, el('a', { href: decides ? '/inbox' : '/cases' }, decides ? t('caseBackToInbox') : t('caseBackToCases'))), jumps),
    ),
    ...sections,
  );
  void showSealedForm(kase);
}

/** The open tasks of this case the caller may act on, as their inbox says (recusal and votes included). */
async function actionableTaskIds(kase) {
  const ids = new Set();
  if (!decides || !kase.openTasks.length) return ids;
  const groups = new Map(kase.openTasks.map((task) => [`${task.kind}|${task.field}`, task]));
  await Promise.all(
    [...groups.values()].map(async ({ kind, field }) => {
      const q = new URLSearchParams({ campaignId: kase.campaignId, kind, field });
      const tasks = await api('GET', `/api/inbox?${q}`).then((r) => r.tasks, () => null);
      for (const task of tasks ?? []) if (task.caseId === kase.caseId) ids.add(task.id);
      // A very full inbox is cut off (or did not answer): then judge this case's tasks of that kind by
      // role, and let the system refuse in words what it must.
      if (!tasks || tasks.length >= INBOX_LIMIT) {
        for (const task of kase.openTasks) {
          if (task.kind !== kind) continue;
          if (roleCovers(task)) ids.add(task.id);
        }
      }
    }),
  );
  return ids;
}

/** Whether the caller's role takes tasks of this kind (and field); whether they may act on it is the inbox's answer. */
function roleCovers(task) {
  const rule = vocab.taskKinds[task.kind];
  return user.roles.includes(rule.role) && (!rule.byField || Boolean(user.fields?.includes(task.field)));
}

/** Why the caller may not act on `task`, in the words the system uses when it refuses. */
function whyNotYours(kase, task) {
  if (user.unit && user.unit === kase.recommendingUnit && !isUnit) return t('caseRecuse');
  if (task.kind === 'committee-review' && user.roles.includes('committee')) return t('caseAlreadyScored');
  return t('caseTaskNotYours');
}

function section(id, title, ...children) {
  return el('section', { id, 'aria-labelledby': `${id}-heading`, dataset: { jump: title } }, el('h2', { id: `${id}-heading` }, title), ...children);
}

function facts(rows) {
  return el(
    'dl',
    { class: 'facts' },
    rows.filter(([, value]) => value !== undefined && value !== null && value !== '').flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]),
  );
}

const statusLabel = (status) => label(vocab.statuses[status], status);
const kindLabel = (kind) => label(vocab.taskKinds[kind], kind);
const decisionLabel = (decision) => label(vocab.decisions[decision], decision);
const claimedByText = (task) => (!task.claimedBy ? t('notClaimed') : task.claimedBy === user.id ? t('claimedByMe') : (task.claimedByName ?? task.claimedBy));
const dueText = (task) => {
  const overdue = task.overdue ?? Date.parse(task.dueAt) < Date.now();
  return el(
    'span',
    {},
    el('time', { datetime: task.dueAt }, formatTime(task.dueAt)),
    ' ',
    overdue ? el('strong', { class: 'overdue' }, timeLeft(task.dueAt)) : el('span', { class: 'muted' }, timeLeft(task.dueAt)),
  );
};

function overview(kase) {
  const campaign = campaigns.find((c) => c.id === kase.campaignId);
  return section(
    'overview',
    t('caseOverview'),
    facts([
      [t('caseStatus'), el('span', { class: 'badge' }, statusLabel(kase.status))],
      [t('caseNominee'), kase.nomineeName],
      [t('fRecommendingUnit'), kase.recommendingUnit],
      [t('fNomineeUnit'), kase.nomineeUnit],
      [t('fField'), fieldName(kase.field, kaseCampaign, vocab)],
      [t('fChannel'), label(vocab.channels[kase.channel], kase.channel)],
      [t('fCategory'), label(vocab.categories[kase.category], kase.category)],
      [t('caseCampaign'), campaign?.title ?? kase.campaignId],
      [t('caseSubmittedAt'), kase.submittedAt && formatTime(kase.submittedAt)],
      [t('caseScore'), kase.score],
      [t('caseRank'), kase.rank],
      [t('caseId'), el('code', {}, kase.caseId)],
    ]),
  );
}

// ---------------------------------------------------------------- the nomination form

const BASICS = { channel: 'fChannel', category: 'fCategory', field: 'fField', recommendingUnit: 'fRecommendingUnit', nomineeUnit: 'fNomineeUnit', applicantEmail: 'fApplicantEmail', phone: 'fPhone', language: 'fLanguage' };
const PERSON = { name: 'fName', gender: 'fGender', age: 'fAge', ethnicity: 'fEthnicity', politicalAffiliation: 'fPoliticalAffiliation', post: 'fPost', title: 'fTitle' };
const TEAM = { name: 'fTeamName', foundedOn: 'fFoundedOn', contactName: 'fContactName', contactPhone: 'fContactPhone', memberCount: 'fMemberCount' };
const OPINION = { text: 'fOpinionText', sealedOn: 'fSealedOn' };
const LONG_TEXT = { duties: 'fDuties', story: 'fStory' };
const GENDERS = { 男: 'male', 女: 'female', male: 'male', female: 'female' };

function readable(key, value) {
  if (value === null || value === undefined) return '';
  if (key === 'channel') return label(vocab.channels[value], value);
  if (key === 'category') return label(vocab.categories[value], value);
  if (key === 'field') return fieldName(value, kaseCampaign, vocab);
  if (key === 'language') return value === 'en' ? t('langEn') : value === 'zh-CN' ? t('langZh') : value;
  if (key === 'gender') return GENDERS[value] ? t(GENDERS[value]) : value;
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A definition list of `object`'s fields: the known ones in the form's order with their names, then any others by key. */
function fieldList(object, known) {
  const keys = [...Object.keys(known).filter((k) => k in object), ...Object.keys(object).filter((k) => !(k in known))];
  return facts(keys.map((k) => [known[k] ? t(known[k]) : k, readable(k, object[k])]));
}

function nominationSection(kase) {
  const n = kase.nomination ?? {};
  const handled = new Set([...Object.keys(BASICS), 'nominee', 'team', 'duties', 'story', 'mediaAwards', 'unitOpinion']);
  const scalars = Object.fromEntries(Object.entries(n).filter(([k, v]) => BASICS[k] || (!handled.has(k) && (v === null || typeof v !== 'object'))));
  const others = Object.entries(n).filter(([k, v]) => !handled.has(k) && v !== null && typeof v === 'object');
  const h3 = (text) => el('h3', {}, text);
  const awards = Array.isArray(n.mediaAwards) ? n.mediaAwards : [];
  return section(
    'form',
    t('caseForm'),
    h3(t('caseFormBasics')),
    fieldList(scalars, BASICS),
    n.nominee && [h3(n.category === 'team' ? t('caseFormTeamLead') : t('caseFormNominee')), fieldList(n.nominee, PERSON)],
    n.team && [h3(t('caseFormTeam')), fieldList(n.team, TEAM)],
    Object.entries(LONG_TEXT).filter(([k]) => n[k]).flatMap(([k, key]) => [h3(t(key)), el('p', { class: 'prose' }, n[k])]),
    h3(t('caseFormAwards')),
    awards.length
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            {},
            el('caption', { class: 'visually-hidden' }, t('caseFormAwards')),
            el('thead', {}, el('tr', {}, ['fAwardTitle', 'fAwardIssuer', 'fAwardYear', 'fAwardLevel'].map((k) => el('th', { scope: 'col' }, t(k))))),
            el('tbody', {}, awards.map((a) => el('tr', {}, el('th', { scope: 'row' }, a.title ?? ''), el('td', {}, a.issuer ?? ''), el('td', {}, a.year ?? ''), el('td', {}, a.level ? label(vocab.awardLevels?.[a.level], a.level) : '—')))),
          ),
        )
      : el('p', { class: 'muted' }, t('caseFormNoAwards')),
    n.unitOpinion && [
      h3(t('caseFormOpinion')),
      el('dl', { class: 'facts' }, el('dt', {}, t('fOpinionText')), el('dd', { class: 'prose' }, n.unitOpinion.text ?? '')),
      fieldList(Object.fromEntries(Object.entries(n.unitOpinion).filter(([k]) => k !== 'text')), OPINION),
    ],
    others.flatMap(([k, v]) => [h3(k), Array.isArray(v) ? el('p', {}, readable(k, v)) : fieldList(v, {})]),
  );
}

// ---------------------------------------------------------------- the sealed form

function sealedSection(kase) {
  const meta = kase.sealedForm;
  if (!meta) return section('sealed', t('caseSealed'), el('p', {}, t('caseSealedNone')));
  const type = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' }[meta.mediaType] ?? meta.mediaType;
  return section(
    'sealed',
    t('caseSealed'),
    facts([
      [t('caseSealedType'), type],
      [t('caseSealedSize'), formatSize(meta.size)],
      [t('caseSealedUploaded'), formatTime(meta.uploadedAt)],
      ['SHA-256', el('code', {}, meta.sha256)],
    ]),
    el('div', { id: 'sealed-preview', 'aria-live': 'polite' }, el('p', { class: 'muted' }, t('caseSealedLoading'))),
  );
}

/** Fetches the sealed form with the caller's token (each fetch is audited: once per version) and shows it. */
async function showSealedForm(kase) {
  const meta = kase.sealedForm;
  const holder = document.getElementById('sealed-preview');
  if (!meta || !holder) return;
  try {
    if (preview?.sha256 !== meta.sha256) {
      const blob = await api('GET', `/api/nominations/${encodeURIComponent(kase.caseId)}/sealed-form`);
      if (preview) URL.revokeObjectURL(preview.url);
      preview = { sha256: meta.sha256, blob, url: URL.createObjectURL(blob) };
    }
  } catch (err) {
    const line = statusLine();
    holder.replaceChildren(line);
    showError(line, err);
    return;
  }
  // Only the three types the API stores are shown, each by an element that runs no script of ours.
  const type = preview.blob.type || meta.mediaType;
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[type];
  const shown =
    type === 'image/jpeg' || type === 'image/png'
      ? el('img', { class: 'preview', src: preview.url, alt: t('caseSealedPreviewImage') })
      : type === 'application/pdf'
        ? el('iframe', { class: 'preview', src: preview.url, title: t('caseSealedPreviewPdf') })
        : null;
  holder.replaceChildren(
    el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => saveBlob(preview.blob, `sealed-form-${kase.caseId}.${extension ?? 'bin'}`) }, t('caseSealedDownload'))),
    shown,
  );
}

// ---------------------------------------------------------------- timeline and tasks

/** A note the system writes as a code, in the staff's words; a reviewer's comment as written. */
const noteText = (note) => label(vocab.notes[note], note);

function timelineSection(kase) {
  const entries = kase.timeline ?? [];
  return section(
    'timeline',
    t('caseTimeline'),
    entries.length
      ? el(
          'ol',
          { class: 'timeline' },
          entries.map((e) =>
            el(
              'li',
              {},
              el('time', { datetime: e.at }, formatTime(e.at)),
              e.status && [' · ', el('strong', {}, statusLabel(e.status))],
              e.note && el('p', { class: 'prose' }, noteText(e.note)),
            ),
          ),
        )
      : el('p', {}, t('caseTimelineEmpty')),
  );
}

function openTasksSection(kase, current, actionable) {
  const tasks = kase.openTasks ?? [];
  if (!tasks.length) return section('tasks', t('caseOpenTasks'), el('p', {}, t('caseNoOpenTasks')));
  return section(
    'tasks',
    t('caseOpenTasks'),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'stack' },
        el('caption', { class: 'visually-hidden' }, t('caseOpenTasks')),
        el('thead', {}, el('tr', {}, ['colKind', 'fField', 'colDue', 'colClaimedBy', 'colActions'].map((k) => el('th', { scope: 'col' }, t(k))))),
        el(
          'tbody',
          {},
          tasks.map((task) =>
            el(
              'tr',
              { class: task.overdue ? 'overdue' : undefined },
              el('th', { scope: 'row' }, kindLabel(task.kind)),
              el('td', { 'data-label': t('fField') }, fieldName(task.field, kaseCampaign, vocab)),
              el('td', { 'data-label': t('colDue') }, dueText(task)),
              el('td', { 'data-label': t('colClaimedBy') }, claimedByText(task)),
              el(
                'td',
                {},
                task === current
                  ? el('a', { href: '#decide' }, t('caseCurrentTask'))
                  : actionable.has(task.id) && el('a', { href: `/case?id=${encodeURIComponent(kase.caseId)}&task=${encodeURIComponent(task.id)}` }, t('caseHandle')),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------- the decision

/** After an action: the message at the top, where the keyboard goes too, and the page drawn afresh. */
async function done(text) {
  try {
    await render();
    if (text) showOk(pageLine, text);
    else pageLine.textContent = '';
  } catch (err) {
    showError(pageLine, err);
  }
  (pageLine.textContent ? pageLine : heading).focus();
}

/** The campaign's criteria, beside every decision form; open where the decision judges the nominee's merit. */
function criteriaList(kase, task) {
  const criteria = kase.criteria ?? kaseCampaign?.criteria ?? [];
  if (!criteria.length) return null;
  const judgesMerit = ['field-review', 'branch-shortlist', 'committee-review'].includes(task.kind);
  return el('details', { class: 'criteria', open: judgesMerit }, el('summary', {}, t('caseCriteria')), el('ol', {}, criteria.map((c) => el('li', {}, c))));
}

function decisionSection(kase, task, mayAct) {
  const title = t('caseDecide', { kind: kindLabel(task.kind) });
  const info = facts([
    [t('colDue'), dueText(task)],
    [t('colClaimedBy'), claimedByText(task)],
    [t('caseSummary'), task.summary],
  ]);
  if (!mayAct) return section('decide', title, info, el('p', { class: 'status error' }, whyNotYours(kase, task)));

  const line = statusLine();
  const claimButton =
    !task.claimedBy || task.claimedBy === user.id
      ? el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: async () => {
              const verb = task.claimedBy ? 'release' : 'claim';
              try {
                await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/${verb}`);
                await done(t(verb === 'claim' ? 'caseClaimed' : 'caseReleased'));
              } catch (err) {
                showError(line, err);
              }
            },
          },
          task.claimedBy ? t('caseRelease') : t('caseClaim'),
        )
      : null;

  const kind = vocab.taskKinds[task.kind];
  const decisions = kind?.decisions ?? [];
  const scored = task.kind === 'committee-review';
  const group = el(
    'fieldset',
    { id: 'decision-group' },
    el('legend', {}, t('caseDecision')),
    decisions.map((d) =>
      el('div', { class: 'choice' }, el('input', { type: 'radio', name: 'decision', id: `decision-${d}`, value: d }), el('label', { for: `decision-${d}` }, decisionLabel(d))),
    ),
  );
  const scoreInput = el('input', { id: 'score', name: 'score', type: 'number', min: '0', max: '100', step: 'any', inputmode: 'decimal', 'aria-describedby': 'score-hint' });
  const scoreWrap = el(
    'div',
    { hidden: true },
    el('label', { for: 'score' }, t('caseScoreLabel')),
    el('span', { class: 'hint', id: 'score-hint' }, t('caseScoreHint', { approve: decisionLabel('approve') })),
    scoreInput,
  );
  const form = el(
    'form',
    { id: 'decision-form', novalidate: true },
    group,
    scored && scoreWrap,
    el('label', { for: 'comment' }, t('caseComment')),
    el('textarea', { id: 'comment', name: 'comment', maxlength: '2000' }),
    el('p', {}, el('button', { type: 'submit' }, t('caseSubmitDecision'))),
    line,
  );
  const needsScore = () => scored && form.elements.decision.value === 'approve';
  group.addEventListener('change', () => {
    scoreWrap.hidden = !needsScore();
    scoreInput.required = needsScore();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const decision = form.elements.decision.value;
    const body = { decision };
    const details = [];
    if (!decision) details.push({ path: 'decision', message: t('caseChooseDecision') });
    if (needsScore()) {
      const raw = scoreInput.value.trim();
      const score = Number(raw);
      if (raw === '' || scoreInput.validity.badInput) details.push({ path: 'score', message: t('caseScoreMissing') });
      else if (!(score >= 0 && score <= 100)) details.push({ path: 'score', message: t('caseScoreRange') });
      else body.score = score;
    }
    const comment = form.elements.comment.value.trim();
    if (comment) body.comment = comment;
    if (details.length) {
      showError(line, { message: t('caseCheckFields'), details: details.filter((d) => d.path !== 'decision') }, form);
      if (!decision) markGroup(group, t('caseChooseDecision'));
      (decision ? scoreInput : form.querySelector('[name="decision"]')).focus();
      return;
    }
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const reply = await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { body });
      // The decided task is closed now: the page moves on to the next one the caller may act on, if any.
      params.delete('task');
      history.replaceState(null, '', `${location.pathname}?${params}`);
      await done(t('caseDecided', { decision: decisionLabel(decision), status: statusLabel(reply.caseStatus) }));
    } catch (err) {
      submit.disabled = false;
      showError(line, err, form);
      // The case moved on under this page (decided by someone else, claimed, closed): offer it afresh.
      if (err.status === 409) line.append(' ', el('button', { type: 'button', class: 'link', onclick: () => done('') }, t('caseReload')));
      line.focus();
    }
  });
  line.tabIndex = -1;

  return section('decide', title, info, criteriaList(kase, task), claimButton && el('p', {}, claimButton), form);
}

/** Marks a radio group invalid, with its message under the legend. */
function markGroup(group, message) {
  group.querySelector('legend').after(el('span', { class: 'field-error', id: 'decision-error' }, message));
  group.setAttribute('aria-describedby', 'decision-error');
  for (const radio of group.querySelectorAll('input')) radio.setAttribute('aria-invalid', 'true');
}

// ---------------------------------------------------------------- units

function resubmitSection(kase) {
  const line = statusLine();
  const input = el('input', { type: 'file', id: 'resubmit-file', name: 'sealedForm', accept: SEALED_FORM_ACCEPT, required: true, 'aria-describedby': 'resubmit-hint' });
  const progress = el('progress', { hidden: true, 'aria-label': t('uploadProgress') });
  const progressText = el('span', { 'aria-live': 'polite' });
  const reason = [...(kase.timeline ?? [])].reverse().find((e) => e.status === 'resubmission-requested')?.note;
  const form = el(
    'form',
    { novalidate: true },
    el('label', { for: 'resubmit-file' }, t('caseResubmitFile')),
    el('span', { class: 'hint', id: 'resubmit-hint' }, t('caseResubmitHint')),
    input,
    el('p', {}, progress, ' ', progressText),
    el('p', {}, el('button', { type: 'submit' }, t('caseResubmitButton'))),
    line,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files[0];
    const problem = sealedFormProblem(file);
    if (problem) {
      showError(line, { message: problem, details: [{ path: 'sealedForm', message: problem }] }, form);
      input.focus();
      return;
    }
    const data = new FormData();
    data.append('sealedForm', file);
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      await upload(`/api/nominations/${encodeURIComponent(kase.caseId)}/sealed-form`, data, { onProgress: progressReporter(progress, progressText) });
      await done(t('caseResubmitted'));
    } catch (err) {
      submit.disabled = false;
      progress.hidden = true;
      progressText.textContent = '';
      showError(line, err, form);
    }
  });
  return section('resubmit', t('caseResubmit'), el('p', {}, t('caseResubmitIntro')), reason && el('p', { class: 'prose' }, t('caseResubmitReason', { note: reason })), form);
}

function withdrawSection(kase) {
  const line = statusLine();
  const confirm = el('input', { type: 'checkbox', id: 'withdraw-confirm', name: 'confirm', required: true });
  const form = el(
    'form',
    { novalidate: true },
    el('label', { for: 'withdraw-reason' }, t('caseWithdrawReason')),
    el('textarea', { id: 'withdraw-reason', name: 'reason', maxlength: '2000' }),
    el('div', { class: 'choice' }, confirm, el('label', { for: 'withdraw-confirm' }, t('caseWithdrawConfirm'))),
    el('p', {}, el('button', { type: 'submit', class: 'secondary' }, t('caseWithdrawButton'))),
    line,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!confirm.checked) {
      showError(line, { message: t('caseWithdrawConfirmMissing'), details: [] }, form);
      confirm.setAttribute('aria-invalid', 'true');
      confirm.focus();
      return;
    }
    const reason = form.elements.reason.value.trim();
    try {
      await api('POST', `/api/nominations/${encodeURIComponent(kase.caseId)}/withdraw`, { body: reason ? { reason } : {} });
      await done(t('caseWithdrawn'));
    } catch (err) {
      showError(line, err, form);
    }
  });
  return section('withdraw', t('caseWithdraw'), el('p', {}, t('caseWithdrawIntro')), form);
}

// ---------------------------------------------------------------- fraud

function fraudSection(kase) {
  const line = statusLine();
  const form = el(
    'form',
    { novalidate: true },
    el('label', { for: 'fraud-reason' }, t('caseFraudReason')),
    el('textarea', { id: 'fraud-reason', name: 'reason', maxlength: '2000', required: true }),
    el('label', { for: 'fraud-evidence' }, t('caseFraudEvidence')),
    el('textarea', { id: 'fraud-evidence', name: 'evidence', maxlength: '10000' }),
    el('p', {}, el('button', { type: 'submit', class: 'secondary' }, t('caseFraudButton'))),
    line,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = form.elements.reason.value.trim();
    const evidence = form.elements.evidence.value.trim();
    if (!reason) {
      showError(line, { message: t('caseFraudReasonMissing'), details: [{ path: 'reason', message: t('caseFraudReasonMissing') }] }, form);
      form.elements.reason.focus();
      return;
    }
    try {
      await api('POST', `/api/nominations/${encodeURIComponent(kase.caseId)}/fraud-reports`, { body: { reason, ...(evidence && { evidence }) } });
      await done(t('caseFraudFiled'));
    } catch (err) {
      showError(line, err, form);
    }
  });
  return section('fraud', t('caseFraud'), el('p', {}, t('caseFraudIntro')), form);
}

// Drawn last: every helper above is defined by now.
const backLink = () => el('p', {}, el('a', { href: decides ? '/inbox' : '/cases' }, decides ? t('caseBackToInbox') : t('caseBackToCases')));
try {
  [vocab, { campaigns }] = await Promise.all([labels(), caseId ? api('GET', '/api/campaigns').catch(() => ({ campaigns: [] })) : { campaigns: [] }]);
  decides = Object.values(vocab.taskKinds).some((kind) => user.roles.includes(kind.role));
  if (caseId) await render();
  else {
    showError(pageLine, { message: t('caseNoId') });
    content.append(backLink());
  }
} catch (err) {
  showError(pageLine, err);
  content.replaceChildren(backLink());
}
