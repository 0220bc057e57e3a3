// The task and case view, for staff and recommending units: the case at a glance, every field of
// the nomination form (personal data as the caller's role allows: the API decides), the sealed
// form previewed from a blob fetched with the caller's token, the timeline, the open tasks and, for
// the task in `?task=` (or the first open task the caller may act on), the decision form of its
// kind. Units may withdraw and resubmit the sealed form when asked; reviewers may report fraud.
import { api, labels } from './api.js';
import { fieldName } from './campaigns.js';
import { define, formatTime, label, t, timeLeft } from './i18n.js';
import { el, renderShell, requireUser, saveBlob, showError, showOk, statusLine, table } from './shell.js';
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
  caseSealedShowPreview: { zh: '在本页预览', en: 'Preview it here' },
  caseSealedHidePreview: { zh: '收起预览', en: 'Hide the preview' },
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
  caseComment: { zh: '告知申报人的意见（选填）', en: 'Comment for the applicant (optional)' },
  caseCommentHint: { zh: '申报人会收到这段文字的邮件，并可在申报进度页面看到。', en: 'The applicant is emailed this text and reads it on their status page.' },
  caseCommentHintCorrection: {
    zh: '申报人会收到这段文字的邮件，并可在申报进度页面看到；决定为“{uphold}”时，它也是取消资格的理由，申报已公示或已通报的，将在公示页面的更正公告中向社会公布。',
    en: 'The applicant is emailed this text and reads it on their status page; with “{uphold}” it is also the reason for the disqualification, published to everyone in the correction on the public notice page when the case was noticed or announced.',
  },
  caseNote: { zh: '内部备注（选填）', en: 'Internal note (optional)' },
  caseNoteHint: { zh: '内部备注，仅工作人员和审计员可见，不告知申报人。', en: 'Internal: read by staff and auditors only, never by the applicant.' },
  // Media awards on the decision form
  caseAwardsCheck: { zh: '媒体表彰核实', en: 'Media awards checked' },
  caseAwardsCheckHint: {
    zh: '请核实本申报所列的媒体表彰是否属实。属实的，分支机构遴选时优先入围；未能证实的，不再享有优先入围资格。不作选择则不记录核实结果。',
    en: 'Check whether the media awards the case lists are real. Real awards give the case priority at the branch shortlist; unproven ones lose it. Leave both unticked to record no check.',
  },
  caseAwardsTrue: { zh: '属实', en: 'Real' },
  caseAwardsFalse: { zh: '未能证实', en: 'Not proven' },
  caseAwardsVerified: { zh: '评审工作组已核实：属实', en: 'Checked by the working group: real' },
  caseAwardsUnproven: { zh: '评审工作组未能证实，不享有优先入围资格', en: 'The working group could not prove them: no shortlist priority' },
  caseAwardsUnchecked: { zh: '评审工作组尚未核实', en: 'Not checked by the working group yet' },
  caseShortlistPriority: { zh: '优先入围', en: 'Shortlist priority' },
  caseShortlistPriorityHint: { zh: '本申报曾获媒体平台表彰与奖励，具有优先入围资格。', en: 'This case holds a media award: it has priority on the shortlist.' },
  caseVotesNeeded: { zh: '本申报需要的票数', en: 'Votes this case needs' },
  caseVotesNeededValue: { zh: '{n} 票（已计入须回避的委员）', en: '{n} (members who must recuse counted)' },
  // Objections and eligibility reviews
  caseObjection: { zh: '异议内容', en: 'The objection' },
  caseObjectionMissing: { zh: '未找到本任务对应的异议记录。', en: 'The objection of this task was not found.' },
  caseObjectionLodged: { zh: '提出时间', en: 'Lodged' },
  caseObjectionReason: { zh: '异议理由', en: 'Grounds' },
  caseObjectionContact: { zh: '异议人联系方式', en: "Objector's contact" },
  caseObjectionNoContact: { zh: '未留联系方式', en: 'None given' },
  caseObjectionRuling: { zh: '处理结果', en: 'Ruling' },
  caseObjectionPending: { zh: '待处理', en: 'Not ruled yet' },
  caseObjectionRuled: { zh: '{ruling}（{at}）', en: '{ruling} ({at})' },
  caseObjections: { zh: '公示异议', en: 'Objections' },
  caseObjectionsCaption: { zh: '收到的异议（{n} 项）', en: 'Objections lodged ({n})' },
  caseEligibility: { zh: '往届表彰名单中的匹配记录', en: 'The matching entry of the earlier honourees' },
  caseEligibilityIntro: {
    zh: '导入往届表彰名单后，系统按类别、姓名和所在单位发现本申报与下列记录相符。请核对是否为同一人（团队）。',
    en: 'An import of earlier honourees matched this case on category, name and own unit with the entry below. Check whether it is the same nominee.',
  },
  caseEligibilityMissing: { zh: '未找到本任务对应的复核记录。', en: 'The review of this task was not found.' },
  caseEligibilityReviews: { zh: '参评资格复核记录', en: 'Eligibility reviews' },
  caseEligibilityCaption: { zh: '与往届表彰名单的比对（{n} 项）', en: 'Checked against earlier honourees ({n})' },
  caseHonoureeYear: { zh: '年度', en: 'Year' },
  caseHonoureeTitle: { zh: '表彰名称', en: 'Honour' },
  caseHonoureeName: { zh: '姓名或团队名称', en: 'Name' },
  caseHonoureeUnit: { zh: '所在单位', en: 'Unit' },
  caseHonoureeGone: { zh: '（该记录已不在名单中）', en: '(the entry is no longer in the registry)' },
  caseThisNominee: { zh: '本申报：{name}，{unit}', en: 'This case: {name}, {unit}' },
  caseRulingCaseClosed: { zh: '申报已结束，无需复核', en: 'The case had ended: nothing to rule' },
  // Earlier decisions
  caseDecisions: { zh: '审核记录', en: 'Decisions so far' },
  caseDecisionsIntro: { zh: '各环节已作出的决定。内部备注仅工作人员和审计员可见。', en: 'The decisions taken so far. Internal notes are read by staff and auditors only.' },
  caseDecisionsNone: { zh: '还没有作出任何决定。', en: 'No decision has been taken yet.' },
  caseDecisionLine: { zh: '{kind}：{decision}', en: '{kind}: {decision}' },
  caseDecisionScore: { zh: '评分 {score}', en: 'score {score}' },
  caseDecisionBy: { zh: '办理人：{name}', en: 'by {name}' },
  caseDecisionComment: { zh: '告知申报人：', en: 'Told the applicant: ' },
  caseDecisionNote: { zh: '内部备注：', en: 'Internal note: ' },
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
    kase.decisions && decisionsSection(kase),
    kase.objections?.length > 0 && objectionsSection(kase),
    kase.eligibilityReviews?.length > 0 && eligibilityReviewsSection(kase),
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
      [t('caseAwardsCheck'), awardsOf(kase).length ? awardsCheckText(kase) : null],
      [t('caseVotesNeeded'), kase.votesNeeded !== undefined ? t('caseVotesNeededValue', { n: kase.votesNeeded }) : null],
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
  const awards = awardsOf(kase);
  return section(
    'form',
    t('caseForm'),
    h3(t('caseFormBasics')),
    fieldList(scalars, BASICS),
    n.nominee && [h3(n.category === 'team' ? t('caseFormTeamLead') : t('caseFormNominee')), fieldList(n.nominee, PERSON)],
    n.team && [h3(t('caseFormTeam')), fieldList(n.team, TEAM)],
    Object.entries(LONG_TEXT).filter(([k]) => n[k]).flatMap(([k, key]) => [h3(t(key)), el('p', { class: 'prose' }, n[k])]),
    h3(t('caseFormAwards')),
    awards.length ? awardsTable(awards) : el('p', { class: 'muted' }, t('caseFormNoAwards')),
    n.unitOpinion && [
      h3(t('caseFormOpinion')),
      el('dl', { class: 'facts' }, el('dt', {}, t('fOpinionText')), el('dd', { class: 'prose' }, n.unitOpinion.text ?? '')),
      fieldList(Object.fromEntries(Object.entries(n.unitOpinion).filter(([k]) => k !== 'text')), OPINION),
    ],
    others.flatMap(([k, v]) => [h3(k), Array.isArray(v) ? el('p', {}, readable(k, v)) : fieldList(v, {})]),
  );
}

/** The media awards the nomination claims. */
function awardsOf(kase) {
  const awards = kase.nomination?.mediaAwards;
  return Array.isArray(awards) ? awards : [];
}

/** The awards with their level (named by the vocabulary), as the form and the decision form show them. */
function awardsTable(awards, captionShown = false) {
  const headers = ['fAwardTitle', 'fAwardIssuer', 'fAwardYear', 'fAwardLevel'].map((k) => t(k));
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'stack' },
      el('caption', { class: captionShown ? undefined : 'visually-hidden' }, t('caseFormAwards')),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        awards.map((a) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, a.title ?? ''),
            el('td', { 'data-label': headers[1] }, a.issuer ?? ''),
            el('td', { 'data-label': headers[2] }, a.year ?? ''),
            el('td', { 'data-label': headers[3] }, a.level ? el('strong', { class: 'badge' }, label(vocab.awardLevels?.[a.level], a.level)) : '—'),
          ),
        ),
      ),
    ),
  );
}

/** The working group's check of the awards, in words. */
function awardsCheckText(kase) {
  if (kase.awardsVerified === true) return t('caseAwardsVerified');
  if (kase.awardsVerified === false) return t('caseAwardsUnproven');
  return t('caseAwardsUnchecked');
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

/** The sealed form, fetched with the caller's token when first needed (each fetch is audited: once per version). */
async function sealedForm(kase) {
  const meta = kase.sealedForm;
  if (preview?.sha256 !== meta.sha256) {
    const blob = await api('GET', `/api/nominations/${encodeURIComponent(kase.caseId)}/sealed-form`);
    if (preview) URL.revokeObjectURL(preview.url);
    preview = { sha256: meta.sha256, blob, url: URL.createObjectURL(blob) };
  }
  return preview;
}

/**
 * The sealed form's download, and its preview: an image at once; a PDF when asked for, because the
 * browser's PDF viewer takes the keyboard focus once it has loaded and scrolls the page to itself —
 * away from a decision being written.
 */
async function showSealedForm(kase) {
  const meta = kase.sealedForm;
  const holder = document.getElementById('sealed-preview');
  if (!meta || !holder) return;
  // Only the three types the API stores are shown, each by an element that runs no script of ours.
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[meta.mediaType];
  const line = statusLine();
  const download = el(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          saveBlob((await sealedForm(kase)).blob, `sealed-form-${kase.caseId}.${extension ?? 'bin'}`);
        } catch (err) {
          showError(line, err);
        }
      },
    },
    t('caseSealedDownload'),
  );
  if (meta.mediaType === 'application/pdf') {
    const frame = el('div', { id: 'sealed-frame' });
    const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': 'sealed-frame' }, t('caseSealedShowPreview'));
    toggle.addEventListener('click', async () => {
      if (toggle.getAttribute('aria-expanded') === 'true') {
        frame.replaceChildren();
        toggle.setAttribute('aria-expanded', 'false');
        toggle.textContent = t('caseSealedShowPreview');
        return;
      }
      toggle.disabled = true;
      try {
        const { url } = await sealedForm(kase);
        frame.replaceChildren(el('iframe', { class: 'preview', src: url, title: t('caseSealedPreviewPdf') }));
        toggle.setAttribute('aria-expanded', 'true');
        toggle.textContent = t('caseSealedHidePreview');
      } catch (err) {
        showError(line, err);
      } finally {
        toggle.disabled = false;
      }
    });
    holder.replaceChildren(el('p', { class: 'actions' }, download, toggle), line, frame);
    return;
  }
  let shown;
  try {
    const { url } = await sealedForm(kase);
    shown = extension ? el('img', { class: 'preview', src: url, alt: t('caseSealedPreviewImage') }) : null;
  } catch (err) {
    holder.replaceChildren(line);
    showError(line, err);
    return;
  }
  holder.replaceChildren(el('p', {}, download), line, shown);
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

/** What the task is about, read before deciding: its objection, the registry entry it matched, or the awards to weigh. */
function taskSubject(kase, task) {
  if (task.kind === 'objection-review') return objectionPanel(kase, task);
  if (task.kind === 'eligibility-review') return eligibilityPanel(kase, task);
  const awards = awardsOf(kase);
  if (!awards.length || !['field-review', 'branch-shortlist', 'committee-review'].includes(task.kind)) return null;
  return el(
    'div',
    { class: 'card awards' },
    task.shortlistPriority && el('p', {}, el('strong', { class: 'badge priority' }, t('caseShortlistPriority')), ' ', t('caseShortlistPriorityHint')),
    awardsTable(awards, true),
    el('p', { class: 'muted' }, awardsCheckText(kase)),
  );
}

function objectionPanel(kase, task) {
  const objection = (kase.objections ?? []).find((o) => o.taskId === task.id);
  if (!objection) return kase.objections ? el('p', { class: 'status error' }, t('caseObjectionMissing')) : null;
  return el(
    'div',
    { class: 'card subject', role: 'group', 'aria-labelledby': 'objection-heading' },
    el('h3', { id: 'objection-heading' }, t('caseObjection')),
    facts([
      [t('caseObjectionLodged'), el('time', { datetime: objection.lodgedAt }, formatTime(objection.lodgedAt))],
      [t('caseObjectionReason'), el('p', { class: 'prose' }, objection.reason)],
      [t('caseObjectionContact'), objection.contact ?? el('span', { class: 'muted' }, t('caseObjectionNoContact'))],
    ]),
  );
}

function honoureeFacts(h) {
  if (!h) return el('p', { class: 'muted' }, t('caseHonoureeGone'));
  return facts([
    [t('caseHonoureeYear'), String(h.year)],
    [t('caseHonoureeTitle'), h.title],
    [t('fCategory'), label(vocab.categories[h.category], h.category)],
    [t('caseHonoureeName'), h.name],
    [t('caseHonoureeUnit'), h.unit],
  ]);
}

function eligibilityPanel(kase, task) {
  const review = (kase.eligibilityReviews ?? []).find((r) => r.taskId === task.id);
  if (!review) return kase.eligibilityReviews ? el('p', { class: 'status error' }, t('caseEligibilityMissing')) : null;
  return el(
    'div',
    { class: 'card subject', role: 'group', 'aria-labelledby': 'eligibility-heading' },
    el('h3', { id: 'eligibility-heading' }, t('caseEligibility')),
    el('p', {}, t('caseEligibilityIntro')),
    honoureeFacts(review.honouree),
    el('p', { class: 'muted' }, t('caseThisNominee', { name: kase.nomineeName || kase.nomination?.team?.name || '', unit: kase.nomineeUnit ?? '' })),
  );
}

/** A ruling in the vocabulary's words (uphold, dismiss, eligible, ineligible), with when it was made. */
function rulingText(ruling, ruledAt) {
  if (!ruling) return el('span', { class: 'muted' }, t('caseObjectionPending'));
  const words = ruling === 'case-closed' ? t('caseRulingCaseClosed') : decisionLabel(ruling);
  return ruledAt ? t('caseObjectionRuled', { ruling: words, at: formatTime(ruledAt) }) : words;
}

function objectionsSection(kase) {
  const headers = [t('caseObjectionLodged'), t('caseObjectionReason'), t('caseObjectionContact'), t('caseObjectionRuling')];
  return section(
    'objections',
    t('caseObjections'),
    table(
      t('caseObjectionsCaption', { n: kase.objections.length }),
      headers,
      kase.objections.map((o) => [
        el('time', { datetime: o.lodgedAt }, formatTime(o.lodgedAt)),
        el('p', { class: 'prose' }, o.reason),
        o.contact ?? el('span', { class: 'muted' }, t('caseObjectionNoContact')),
        rulingText(o.ruling, o.ruledAt),
      ]),
      0,
      'stack',
    ),
  );
}

function eligibilityReviewsSection(kase) {
  const headers = [t('caseHonoureeYear'), t('caseHonoureeTitle'), t('caseHonoureeName'), t('caseHonoureeUnit'), t('caseObjectionRuling')];
  return section(
    'eligibility',
    t('caseEligibilityReviews'),
    table(
      t('caseEligibilityCaption', { n: kase.eligibilityReviews.length }),
      headers,
      kase.eligibilityReviews.map((r) => [
        r.honouree ? String(r.honouree.year) : '—',
        r.honouree?.title ?? t('caseHonoureeGone'),
        r.honouree?.name ?? '—',
        r.honouree?.unit ?? '—',
        rulingText(r.ruling, r.ruledAt),
      ]),
      0,
      'stack',
    ),
  );
}

/** The decisions taken on the case so far (staff): what was decided, what the applicant was told, the internal note. */
function decisionsSection(kase) {
  const decisions = kase.decisions;
  if (!decisions.length) return section('decisions', t('caseDecisions'), el('p', { class: 'muted' }, t('caseDecisionsNone')));
  return section(
    'decisions',
    t('caseDecisions'),
    el('p', { class: 'hint' }, t('caseDecisionsIntro')),
    el(
      'ol',
      { class: 'timeline decisions' },
      decisions.map((d) => {
        const by = d.decidedBy && d.decidedBy === d.claimedBy ? d.claimedByName : d.decidedBy === user.id ? t('claimedByMe') : null;
        return el(
          'li',
          {},
          d.decidedAt && [el('time', { datetime: d.decidedAt }, formatTime(d.decidedAt)), ' · '],
          el('strong', {}, t('caseDecisionLine', { kind: kindLabel(d.kind), decision: decisionLabel(d.decision) })),
          typeof d.score === 'number' && [' · ', t('caseDecisionScore', { score: d.score })],
          by && [' · ', t('caseDecisionBy', { name: by })],
          d.comment && el('p', { class: 'prose' }, el('span', { class: 'muted' }, t('caseDecisionComment')), d.comment),
          d.note && el('p', { class: 'prose note' }, el('span', { class: 'muted' }, t('caseDecisionNote')), d.note),
        );
      }),
    ),
  );
}

function decisionSection(kase, task, mayAct) {
  const title = t('caseDecide', { kind: kindLabel(task.kind) });
  const info = facts([
    [t('colDue'), dueText(task)],
    [t('colClaimedBy'), claimedByText(task)],
    [t('caseSummary'), task.summary],
    [t('caseVotesNeeded'), task.kind === 'committee-review' && kase.votesNeeded !== undefined ? t('caseVotesNeededValue', { n: kase.votesNeeded }) : null],
  ]);
  const subject = taskSubject(kase, task);
  if (!mayAct) return section('decide', title, info, subject, el('p', { class: 'status error' }, whyNotYours(kase, task)));

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
  // The working group's check of the media awards: on the field review only, and only when there are awards to check.
  const checksAwards = task.kind === 'field-review' && awardsOf(kase).length > 0;
  const awardsGroup =
    checksAwards &&
    el(
      'fieldset',
      { id: 'awards-verified-group', dataset: { group: 'awardsVerified' }, 'aria-describedby': 'awards-verified-hint' },
      el('legend', {}, t('caseAwardsCheck')),
      el('p', { class: 'hint', id: 'awards-verified-hint' }, t('caseAwardsCheckHint')),
      [
        ['true', t('caseAwardsTrue')],
        ['false', t('caseAwardsFalse')],
      ].map(([value, text]) =>
        el('div', { class: 'choice' }, el('input', { type: 'radio', name: 'awardsVerified', id: `awards-verified-${value}`, value }), el('label', { for: `awards-verified-${value}` }, text)),
      ),
    );
  // A ruling that disqualifies (fraud or an objection upheld, a nominee found ineligible) publishes its comment as the correction's reason.
  const disqualifying = decisions.find((d) => (d === 'uphold' && ['objection-review', 'fraud-investigation'].includes(task.kind)) || (d === 'ineligible' && task.kind === 'eligibility-review'));
  const form = el(
    'form',
    { id: 'decision-form', novalidate: true },
    group,
    awardsGroup,
    scored && scoreWrap,
    el('label', { for: 'comment' }, t('caseComment')),
    el('span', { class: 'hint', id: 'comment-hint' }, disqualifying ? t('caseCommentHintCorrection', { uphold: decisionLabel(disqualifying) }) : t('caseCommentHint')),
    el('textarea', { id: 'comment', name: 'comment', maxlength: '2000', 'aria-describedby': 'comment-hint', dataset: { hint: 'comment-hint' } }),
    el('label', { for: 'note' }, t('caseNote')),
    el('span', { class: 'hint', id: 'note-hint' }, t('caseNoteHint')),
    el('textarea', { id: 'note', name: 'note', maxlength: '2000', class: 'internal', 'aria-describedby': 'note-hint', dataset: { hint: 'note-hint' } }),
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
    const note = form.elements.note.value.trim();
    if (note) body.note = note;
    const checked = checksAwards ? form.querySelector('input[name="awardsVerified"]:checked') : null;
    if (checked) body.awardsVerified = checked.value === 'true';
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

  // What the decision weighs (the task's subject, the criteria) beside the form where the screen is wide, above it on a phone.
  const criteria = criteriaList(kase, task);
  const decide = el('div', { class: 'decide-main' }, claimButton && el('p', {}, claimButton), form);
  if (!subject && !criteria) return section('decide', title, info, decide);
  return section('decide', title, info, el('div', { class: 'decide-grid' }, el('div', { class: 'decide-aside' }, subject, criteria), decide));
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
