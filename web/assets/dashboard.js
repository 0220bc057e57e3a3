// The campaign dashboard: counts by status and field, deadlines with the time left and their
// extension, the committee round's close (the winners previewed before the confirmation, ties at the
// cut-off shown; cases still in review counted, and closed anyway only when the secretariat says
// so), open objections and incidents, the announcement scheduled for a chosen minute (择期通报) or
// cancelled, the outbox backlog when emails wait, the winners' CSV and the public notice. The
// secretariat runs it; auditors may read it (without the forms and buttons).
import { api, labels } from './api.js';
import { beijingParts, durationInWords, fieldName, forgetCampaign, fromBeijing } from './campaigns.js';
import { define, formatTime, label, lang, t, timeLeft } from './i18n.js';
import { el, markGroup, renderShell, requireUser, saveBlob, setChildren, showError, showOk, showRefusal, statusLine, table } from './shell.js';

define({
  dashNotForYou: { zh: '活动总览供秘书处使用。', en: 'The dashboard is for the secretariat.' },
  dashPickHeading: { zh: '选择评选活动', en: 'Choose a campaign' },
  dashCampaign: { zh: '评选活动', en: 'Campaign' },
  dashCampaignOption: { zh: '{title}（{code}）', en: '{title} ({code})' },
  dashOpen: { zh: '打开总览', en: 'Open dashboard' },
  dashNoCampaigns: { zh: '还没有评选活动。', en: 'There is no campaign yet.' },
  dashNewCampaign: { zh: '新建评选活动', en: 'New campaign' },
  dashSettingsLink: { zh: '活动设置', en: 'Campaign settings' },
  dashChartCases: { zh: '{n} 件', en: '{n}' },
  dashChartAsTable: { zh: '以表格查看', en: 'Show as a table' },
  dashSettings: { zh: '评选规则', en: 'Rules' },
  dashQuorum: { zh: '法定票数', en: 'Votes a case needs' },
  dashQuorumValue: { zh: '{n} 票（评审委员会共 {members} 人，其中在任 {active} 人）', en: '{n} (the committee has {members} members, {active} active)' },
  dashNoticePeriod: { zh: '公示期', en: 'Public notice' },
  dashWinnerCap: { zh: '当选名额', en: 'Winners' },
  dashWinnerCapValue: { zh: '约 {n} 名', en: 'about {n}' },
  dashSelfNomination: { zh: '个人自荐', en: 'Self-nominations' },
  dashSelfYes: { zh: '接受', en: 'Accepted' },
  dashSelfNo: { zh: '不接受（只接受推荐单位申报）', en: 'Not accepted (units only)' },
  dashEditSettings: { zh: '修改活动设置', en: 'Change the settings' },
  dashQuotas: { zh: '推荐名额使用情况', en: 'Quotas used' },
  dashQuotasCaption: { zh: '各推荐单位的名额（{n} 个单位）', en: 'Quotas of the recommending units ({n})' },
  dashNoQuotas: { zh: '还没有单位推荐。', en: 'No unit has nominated yet.' },
  dashColKindName: { zh: '单位类型', en: 'Unit kind' },
  dashColUsed: { zh: '已推荐', en: 'Used' },
  dashColLimit: { zh: '名额', en: 'Quota' },
  dashColRemaining: { zh: '剩余', en: 'Left' },
  dashNoLimit: { zh: '—（该类型不在本活动中）', en: '— (kind not in this campaign)' },
  dashCommittee: { zh: '评审委员会', en: 'Review committee' },
  dashCommitteeCaption: { zh: '委员（{n} 人）', en: 'Members ({n})' },
  dashNoCommittee: { zh: '本活动还没有评审委员会委员。', en: 'This campaign has no committee member yet.' },
  dashColMember: { zh: '姓名', en: 'Name' },
  dashColMemberUnit: { zh: '所在单位', en: 'Unit' },
  dashColActive: { zh: '状态', en: 'Status' },
  dashActive: { zh: '在任', en: 'Active' },
  dashInactive: { zh: '已停用', en: 'Disabled' },
  dashUndecidable: { zh: '无法表决的申报', en: 'Cases no member may vote on' },
  dashUndecidableIntro: {
    zh: '以下申报正等待评审委员会投票，但没有委员可以投票：委员都来自其推荐单位（须回避），或已停用。请在活动设置中为评审委员会增加委员（或更换委员），申报随即可以继续。',
    en: 'These cases wait for committee votes that no member may cast: every member is from the recommending unit (and recuses) or is disabled. Add a member to the campaign’s committee (or change it) on the settings page, and the cases go on.',
  },
  dashUndecidableCaption: { zh: '无法表决的申报（{n} 件）', en: 'Cases no member may vote on ({n})' },
  dashAddMember: { zh: '前往活动设置，增加评审委员会委员', en: 'Add a committee member on the settings page' },
  dashViewCase: { zh: '查看申报', en: 'View the case' },
  dashViewCaseOf: { zh: '查看{name}的申报', en: 'View the case of {name}' },
  dashLead: { zh: '评选活动：{title}（{code}）', en: 'Campaign: {title} ({code})' },
  dashSwitch: { zh: '切换活动', en: 'Other campaign' },
  dashRefresh: { zh: '刷新数据', en: 'Refresh' },
  dashRefreshed: { zh: '数据已更新。', en: 'Updated.' },
  dashCounts: { zh: '申报数量', en: 'Cases' },
  dashTotal: { zh: '共 {n} 件申报。', en: '{n} cases in all.' },
  dashByStatus: { zh: '按状态统计', en: 'By status' },
  dashByField: { zh: '按业务领域统计', en: 'By field' },
  dashColStatus: { zh: '状态', en: 'Status' },
  dashColField: { zh: '业务领域', en: 'Field' },
  dashColCount: { zh: '数量', en: 'Count' },
  dashDeadlines: { zh: '截止时间', en: 'Deadlines' },
  dashDeadlinesCaption: { zh: '各项截止时间（北京时间）', en: 'Deadlines (Beijing time)' },
  dashColWhat: { zh: '事项', en: 'What' },
  dashColWhen: { zh: '时间', en: 'When' },
  dashColLeft: { zh: '剩余时间', en: 'Time left' },
  dashSubmission: { zh: '申报截止', en: 'Submissions close' },
  dashReview: { zh: '评审截止', en: 'Reviews close' },
  dashNoticeEnd: { zh: '公示结束', en: 'Public notice ends' },
  dashNoticeNotStarted: { zh: '评选结束后开始公示', en: 'Starts when the round closes' },
  dashExtend: { zh: '调整截止时间', en: 'Move the deadlines' },
  dashExtendIntro: { zh: '保存后，进行中的申报和待办任务立即按新的时间执行。', en: 'Running cases and open tasks follow the new dates at once.' },
  dashNewSubmission: { zh: '新的申报截止时间（北京时间）', en: 'New submission deadline (Beijing time)' },
  dashNewReview: { zh: '新的评审截止时间（北京时间）', en: 'New review deadline (Beijing time)' },
  dashSaveDeadlines: { zh: '保存截止时间', en: 'Save deadlines' },
  dashNothingChanged: { zh: '请先修改至少一个截止时间。', en: 'Change at least one deadline first.' },
  dashDeadlinesSaved: { zh: '截止时间已更新，进行中的申报已同步。', en: 'Deadlines saved; running cases follow them.' },
  dashRound: { zh: '评审委员会评选', en: 'Committee round' },
  dashRoundOpen: { zh: '评选尚未结束：{n} 件申报等待评选，当选名额 {cap} 个。', en: 'The round is open: {n} cases await selection for {cap} places.' },
  dashRoundClosed: { zh: '评选已于 {at} 结束。', en: 'The round closed on {at}.' },
  dashCloseRound: { zh: '结束评选', en: 'Close the round' },
  dashPreviewHeading: { zh: '预览：现在结束评选的结果', en: 'Preview: the outcome if the round closes now' },
  dashPreviewIntro: {
    zh: '按评审委员会评分从高到低排序；同分者名次相同，与最后一名当选者同分的申报全部当选（名额为约数）；提交时间和申报编号不影响排名。将有 {n} 件当选（名额 {cap} 个）。确认后结果不可撤回。',
    en: 'Ranked by the committee’s score, highest first; equal scores share a rank, and every case tied with the last winner is a winner (the number of places is a target); submission time and case number never decide. {n} would be selected ({cap} places). Closing cannot be undone.',
  },
  dashTiedAtCutOff: {
    zh: '评分 {score} 的申报在名额线处并列（{tied} 件），按规则全部当选：共 {n} 件当选，多于名额 {cap} 个。',
    en: 'Cases scoring {score} are tied at the cut-off ({tied}): all of them are winners, {n} in all, more than the {cap} places.',
  },
  dashTied: { zh: '{rank}（并列）', en: '{rank} (tied)' },
  dashInReview: { zh: '还有 {n} 件申报尚未完成评审，现在结束评选它们将不能入选：', en: '{n} case(s) are still in review; closing now leaves them out of the round:' },
  dashInReviewList: { zh: '尚未完成评审的申报（按环节）', en: 'Cases still in review, by stage' },
  dashInReviewLine: { zh: '{status}：{n} 件', en: '{status}: {n}' },
  dashInReviewHint: { zh: '系统会拒绝结束评选，除非您确认仍然结束（强制结束会记入审计日志）。', en: 'The close is refused unless you confirm closing anyway (a forced close is written to the audit log).' },
  dashReviewOpenHeading: { zh: '仍有申报在评审中', en: 'Cases are still in review' },
  dashReviewOpenCases: { zh: '尚未完成评审的申报：', en: 'Cases not through review yet:' },
  dashForceConfirm: { zh: '我已知晓：以上申报将不能入选本轮评选。', en: 'I understand: the cases above cannot be selected in this round.' },
  dashForceConfirmMissing: { zh: '请先勾选确认。', en: 'Tick the confirmation first.' },
  dashForceClose: { zh: '仍然结束评选', en: 'Close the round anyway' },
  dashPreviewWinners: { zh: '将当选（{n} 件）', en: 'Would be selected ({n})' },
  dashPreviewRest: { zh: '未当选（{n} 件，按名次作为候补）', en: 'Not selected ({n}, in reserve order)' },
  dashRoundWinners: { zh: '当选名单（{n} 件）', en: 'Selected ({n})' },
  dashRoundRest: { zh: '未当选（{n} 件）', en: 'Not selected ({n})' },
  dashPoolEmpty: { zh: '目前没有等待评选的申报，结束评选将不产生当选者。', en: 'No case awaits selection: closing now selects no one.' },
  dashConfirmClose: { zh: '确认结束评选', en: 'Confirm: close the round' },
  dashCancel: { zh: '取消', en: 'Cancel' },
  dashClosing: { zh: '正在结束评选……', en: 'Closing the round…' },
  dashClosed: { zh: '评选已结束：{n} 件当选，已进入公示。', en: 'The round is closed: {n} selected and on public notice.' },
  dashClosedDiffers: {
    zh: '评选已结束：{n} 件当选。预览之后又有申报通过评审，结果与预览不同，请以下方名单为准。',
    en: 'The round is closed: {n} selected. Cases were approved after the preview, so the outcome differs from it: the list below is the result.',
  },
  dashColRank: { zh: '名次', en: 'Rank' },
  dashColName: { zh: '姓名或团队名称', en: 'Name' },
  dashColUnit: { zh: '推荐单位', en: 'Unit' },
  dashColCategory: { zh: '类别', en: 'Category' },
  dashColScore: { zh: '评分', en: 'Score' },
  dashColAwards: { zh: '媒体表彰', en: 'Media awards' },
  dashObjections: { zh: '待处理异议', en: 'Open objections' },
  dashObjectionsCaption: { zh: '公示期间收到、尚未处理的异议（{n} 件）', en: 'Objections not yet ruled on ({n})' },
  dashNoObjections: { zh: '没有待处理的异议。', en: 'No open objections.' },
  dashColNominee: { zh: '候选人', en: 'Nominee' },
  dashColReason: { zh: '理由', en: 'Reason' },
  dashColLodged: { zh: '提出时间', en: 'Lodged' },
  dashColDue: { zh: '处理期限', en: 'Due' },
  dashColKind: { zh: '类型', en: 'Kind' },
  dashColAction: { zh: '操作', en: 'Action' },
  dashDueLeft: { zh: '{at}（{left}）', en: '{at} ({left})' },
  dashHandle: { zh: '处理', en: 'Review' },
  dashHandleObjection: { zh: '处理：对{name}的异议', en: 'Review the objection to {name}' },
  dashHandleIncident: { zh: '处理：{name}的{kind}', en: 'Review the {kind} of {name}' },
  dashView: { zh: '查看', en: 'View' },
  dashViewObjection: { zh: '查看：对{name}的异议', en: 'View the objection to {name}' },
  dashViewIncident: { zh: '查看：{name}的{kind}', en: 'View the {kind} of {name}' },
  dashIncidents: { zh: '待处理事件', en: 'Open incidents' },
  dashIncidentsCaption: { zh: '举报调查与撤销补偿异常（{n} 件）', en: 'Fraud investigations and compensation incidents ({n})' },
  dashNoIncidents: { zh: '没有待处理的事件。', en: 'No open incidents.' },
  dashExportHeading: { zh: '当选名单与公示', en: 'Winners and public notice' },
  dashExportIntro: { zh: '导出公示中和已通报的当选者（不含电话、年龄、邮箱）。', en: 'Export the winners on notice or announced (no phone, age or email).' },
  dashExportWinners: { zh: '导出当选名单（CSV）', en: 'Export winners (CSV)' },
  dashExported: { zh: '当选名单已导出。', en: 'Winners list exported.' },
  dashNoticeLink: { zh: '查看公示名单', en: 'Open the public notice' },
  // The announcement (择期通报)
  dashAnnouncement: { zh: '通报', en: 'Announcement' },
  dashAnnouncementIntro: {
    zh: '公示期满后，由秘书处择期通报评选结果：到所选时间，所有公示期满、等待通报的申报正式通报，并通知申报人和推荐单位。',
    en: 'After the public notice the secretariat chooses when the result is announced: at that time every case whose notice ended is announced, and its applicant and unit are told.',
  },
  dashAnnounceNotYet: { zh: '评审委员会评选结束并公示期满后，才能安排通报。', en: 'The announcement can be scheduled once the committee round has closed and the notice period has ended.' },
  dashNoticeEndsAt: { zh: '公示期满时间', en: 'Notice period ends' },
  dashNoticeEndsAtValue: { zh: '{at}（北京时间）', en: '{at}' },
  dashWaiting: { zh: '等待通报的申报', en: 'Cases waiting for the announcement' },
  dashWaitingValue: { zh: '{n} 件', en: '{n}' },
  dashAnnouncedAt: { zh: '评选结果已于 {at}（北京时间）通报。', en: 'The result was announced on {at}.' },
  dashScheduledAt: { zh: '已安排于 {at}（北京时间）通报。', en: 'The announcement is scheduled for {at}.' },
  dashScheduledWaiting: { zh: '届时公示期满、等待通报的申报（目前 {n} 件）将正式通报。', en: 'Then the cases whose notice ended (now {n}) are announced.' },
  dashCancelAnnouncement: { zh: '取消这次通报', en: 'Cancel this announcement' },
  dashAnnouncementCancelled: { zh: '已取消安排的通报，可以重新选择时间。', en: 'The announcement was cancelled; choose another time.' },
  dashScheduleHeading: { zh: '安排通报', en: 'Schedule the announcement' },
  dashAnnounceAt: { zh: '通报时间（北京时间）', en: 'Announcement time (Beijing time)' },
  dashAnnounceAtHint: { zh: '不得早于公示期满时间 {at}（北京时间）。', en: 'Not before the notice period ends, {at}.' },
  dashAnnounceDate: { zh: '日期', en: 'Date' },
  dashAnnounceTime: { zh: '时刻（时:分）', en: 'Time (hh:mm)' },
  dashSchedule: { zh: '安排通报', en: 'Schedule the announcement' },
  dashAnnounceMissing: { zh: '请选择通报的日期和时刻。', en: 'Choose the date and the time.' },
  dashAnnouncePast: { zh: '所选时间已经过去，请选择将来的时间。', en: 'That time has passed; choose a time to come.' },
  dashAnnounceTooEarly: { zh: '公示期至 {at}（北京时间）结束，通报时间不得早于此时。', en: 'The notice period ends {at}: the announcement cannot come before.' },
  dashScheduled: { zh: '已安排于 {at}（北京时间）通报；目前有 {n} 件申报等待通报。', en: 'Scheduled for {at}; {n} case(s) wait for it now.' },
  dashAnnouncementLink: { zh: '查看通报页面', en: 'Open the announcement page' },
  dashColAnnouncement: { zh: '通报', en: 'Announcement' },
  dashAnnouncementNone: { zh: '尚未安排', en: 'Not scheduled' },
  // The outbox
  dashOutbox: { zh: '邮件发送积压', en: 'Emails waiting to be sent' },
  dashOutboxQueued: { zh: '待发送的邮件 {n} 封，其中 {failing} 封发送失败、正在自动重试。', en: '{n} email(s) wait to be sent; {failing} of them failed and are being retried.' },
  dashOutboxFailed: { zh: '{n} 封被邮件服务器拒收，不再重试。', en: '{n} email(s) were refused by the mail server for good and are not retried.' },
  dashOutboxOldest: { zh: '等待最久的一封于 {at}（北京时间）进入队列。', en: 'The longest-waiting one was queued on {at}.' },
  dashOutboxLastError: { zh: '最近一次错误：', en: 'Last error: ' },
});

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The statuses of a case the committee round has not had its say on yet (as the close counts them). */
const IN_REVIEW = ['seal-check', 'resubmission-requested', 'field-review', 'branch-shortlist', 'committee-review'];

/** An instant as a `datetime-local` value on Beijing's clock, the clock the campaign's notices use. */
function toBeijingInput(iso) {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

function fromBeijingInput(value) {
  return `${value}:00+08:00`;
}

const user = requireUser();
const main = renderShell(t('dashboard'));
const runs = user.roles.includes('secretariat');
const reads = runs || user.roles.includes('auditor');
const campaignId = new URLSearchParams(location.search).get('campaign');

if (!reads) main.append(el('p', {}, t('dashNotForYou')));
else if (!campaignId) await showPicker();
else await showDashboard(campaignId);

async function showPicker() {
  const line = statusLine();
  const section = el('section', {}, el('h2', {}, t('dashPickHeading')));
  main.append(section);
  let campaigns = [];
  try {
    ({ campaigns } = await api('GET', '/api/campaigns'));
  } catch (err) {
    section.append(line);
    showError(line, err);
    return;
  }
  if (!campaigns.length) {
    section.append(el('p', {}, t('dashNoCampaigns')), runs && el('p', {}, el('a', { class: 'button', href: '/campaign' }, t('dashNewCampaign'))));
    return;
  }
  // A plain GET form: choosing a campaign is following a link to ?campaign=<id>.
  section.append(
    el(
      'form',
      { method: 'get', action: '/dashboard' },
      el('label', { for: 'campaign' }, t('dashCampaign')),
      el('select', { id: 'campaign', name: 'campaign' }, campaigns.map((c) => el('option', { value: c.id }, t('dashCampaignOption', { title: c.title, code: c.code })))),
      el('p', {}, el('button', { type: 'submit' }, t('dashOpen'))),
    ),
  );
}

async function showDashboard(id) {
  const base = `/api/campaigns/${encodeURIComponent(id)}`;
  const pageLine = statusLine();
  let vocab;
  let summary;
  let campaign;
  try {
    [vocab, summary, campaign] = await Promise.all([labels(), api('GET', `${base}/summary`), api('GET', base).catch(() => null)]);
  } catch (err) {
    main.append(pageLine);
    showError(pageLine, err);
    if (err.status === 404) {
      forgetCampaign(id);
      await showPicker();
    }
    return;
  }

  const lead = el('p');
  const countsBox = el('div');
  const settingsBox = el('div');
  const quotasBox = el('div');
  const committeeBox = el('div');
  const undecidableSection = el('section', { id: 'undecidable', class: 'attention', 'aria-labelledby': 'undecidable-heading', hidden: true });
  const deadlinesBox = el('div');
  const roundBox = el('div');
  const previewBox = el('div');
  const roundLine = statusLine();
  const objectionsBox = el('div');
  const incidentsBox = el('div');
  const announcementBox = el('div');
  const announcementLine = statusLine();
  const outboxSection = el('section', { id: 'outbox', class: 'attention', 'aria-labelledby': 'outbox-heading', hidden: true });
  const deadlineForm = runs ? buildDeadlineForm() : null;
  let outbox = null;
  let announcementTimer;

  main.append(
    lead,
    el(
      'p',
      { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', onclick: () => refresh(true) }, t('dashRefresh')),
      runs && el('a', { class: 'button secondary', href: `/campaign?id=${encodeURIComponent(id)}` }, t('dashSettingsLink')),
      el('a', { href: '/dashboard' }, t('dashSwitch')),
    ),
    pageLine,
    undecidableSection,
    outboxSection,
    el('section', { 'aria-labelledby': 'counts-heading' }, el('h2', { id: 'counts-heading' }, t('dashCounts')), countsBox),
    el('section', { 'aria-labelledby': 'deadlines-heading' }, el('h2', { id: 'deadlines-heading' }, t('dashDeadlines')), deadlinesBox, deadlineForm),
    el('section', { 'aria-labelledby': 'settings-heading' }, el('h2', { id: 'settings-heading' }, t('dashSettings')), settingsBox),
    el('section', { 'aria-labelledby': 'quotas-heading' }, el('h2', { id: 'quotas-heading' }, t('dashQuotas')), quotasBox),
    el('section', { 'aria-labelledby': 'committee-heading' }, el('h2', { id: 'committee-heading' }, t('dashCommittee')), committeeBox),
    el('section', { 'aria-labelledby': 'round-heading' }, el('h2', { id: 'round-heading' }, t('dashRound')), roundBox, previewBox, roundLine),
    el('section', { 'aria-labelledby': 'objections-heading' }, el('h2', { id: 'objections-heading' }, t('dashObjections')), objectionsBox),
    el('section', { 'aria-labelledby': 'incidents-heading' }, el('h2', { id: 'incidents-heading' }, t('dashIncidents')), incidentsBox),
    el('section', { id: 'announcement', 'aria-labelledby': 'announcement-heading' }, el('h2', { id: 'announcement-heading' }, t('dashAnnouncement')), announcementBox, announcementLine),
    exportSection(),
  );
  render();
  void loadOutbox();

  /** The outbox backlog; shown only when emails wait or were refused (a failure to read it leaves the section hidden). */
  async function loadOutbox() {
    outbox = await api('GET', '/api/outbox').catch(() => null);
    renderOutbox();
  }

  async function refresh(announce = false) {
    try {
      [summary, campaign] = await Promise.all([api('GET', `${base}/summary`), api('GET', base).catch(() => campaign)]);
      void loadOutbox();
      render();
      if (announce) showOk(pageLine, t('dashRefreshed'));
    } catch (err) {
      showError(pageLine, err);
    }
  }

  function render() {
    const s = summary;
    lead.textContent = t('dashLead', { title: s.campaign.title, code: s.campaign.code });
    countsBox.replaceChildren(
      el('p', {}, t('dashTotal', { n: s.total })),
      el(
        'div',
        { class: 'split' },
        barChart('by-status', t('dashByStatus'), t('dashColStatus'), s.byStatus.map((r) => [label(vocab.statuses[r.status], r.status), r.count])),
        barChart('by-field', t('dashByField'), t('dashColField'), s.byField.map((r) => [fieldLabel(r), r.count])),
      ),
    );
    renderSettings();
    renderQuotas();
    renderCommittee();
    renderUndecidable();
    const d = s.deadlines;
    deadlinesBox.replaceChildren(
      table(t('dashDeadlinesCaption'), [t('dashColWhat'), t('dashColWhen'), t('dashColLeft')], [
        [t('dashSubmission'), formatTime(d.submission), timeLeft(d.submission)],
        [t('dashReview'), formatTime(d.review), timeLeft(d.review)],
        [t('dashNoticeEnd'), d.noticeEnd ? formatTime(d.noticeEnd) : t('dashNoticeNotStarted'), d.noticeEnd ? timeLeft(d.noticeEnd) : ''],
        [
          t('dashColAnnouncement'),
          d.announceAt ? formatTime(d.announceAt) : d.announcedAt ? formatTime(d.announcedAt) : t('dashAnnouncementNone'),
          d.announceAt ? timeLeft(d.announceAt) : d.announcedAt ? label(vocab.statuses.announced, 'announced') : '',
        ],
      ]),
    );
    deadlineForm?.fill(d);
    renderRound();
    renderObjections();
    renderIncidents();
    renderAnnouncement();
  }

  function renderOutbox() {
    const o = outbox;
    const shown = Boolean(o && (o.queued > 0 || o.failed > 0));
    outboxSection.hidden = !shown;
    if (!shown) {
      outboxSection.replaceChildren();
      return;
    }
    setChildren(
      outboxSection,
      el('h2', { id: 'outbox-heading' }, t('dashOutbox')),
      o.queued > 0 && el('p', {}, t('dashOutboxQueued', { n: o.queued, failing: o.failing })),
      o.failed > 0 && el('p', {}, el('strong', { class: 'overdue' }, t('dashOutboxFailed', { n: o.failed }))),
      o.oldestQueuedAt && el('p', {}, t('dashOutboxOldest', { at: formatTime(o.oldestQueuedAt) })),
      o.lastError && el('p', {}, t('dashOutboxLastError'), el('code', { class: 'prose' }, o.lastError)),
    );
  }

  /** 择期通报: when the notice ended, how many cases wait, the scheduled time (cancellable) or the form that schedules it. */
  function renderAnnouncement() {
    const d = summary.deadlines;
    const waiting = summary.byStatus.find((r) => r.status === 'notice-ended')?.count ?? 0;
    const page = el('a', { href: `/announcement?campaign=${encodeURIComponent(id)}` }, t('dashAnnouncementLink'));
    clearTimeout(announcementTimer);
    if (!d.noticeEnd) {
      setChildren(announcementBox, el('p', {}, t('dashAnnouncementIntro')), el('p', { class: 'muted' }, t('dashAnnounceNotYet')));
      return;
    }
    // Once the scheduled time has come, the page shows the outcome without being asked.
    if (d.announceAt) {
      const wait = Date.parse(d.announceAt) - Date.now() + 5_000;
      if (wait < 86_400_000) announcementTimer = setTimeout(() => void refresh(), Math.max(wait, 5_000));
    }
    const cancel =
      runs &&
      d.announceAt &&
      el('button', { type: 'button', class: 'secondary', onclick: (event) => cancelAnnouncement(event.currentTarget) }, t('dashCancelAnnouncement'));
    setChildren(
      announcementBox,
      el('p', {}, t('dashAnnouncementIntro')),
      el(
        'dl',
        { class: 'facts' },
        el('dt', {}, t('dashNoticeEndsAt')), el('dd', {}, el('time', { datetime: d.noticeEnd }, t('dashNoticeEndsAtValue', { at: formatTime(d.noticeEnd) }))),
        el('dt', {}, t('dashWaiting')), el('dd', {}, t('dashWaitingValue', { n: waiting })),
      ),
      d.announcedAt && el('p', {}, el('strong', {}, t('dashAnnouncedAt', { at: formatTime(d.announcedAt) }))),
      d.announceAt && [
        el('p', { id: 'announce-scheduled' }, el('strong', {}, t('dashScheduledAt', { at: formatTime(d.announceAt) })), ' ', t('dashScheduledWaiting', { n: waiting })),
        cancel && el('p', {}, cancel),
      ],
      runs && !d.announceAt && (waiting > 0 || !d.announcedAt) && scheduleForm(d.noticeEnd),
      el('p', {}, page),
    );
  }

  function scheduleForm(noticeEnd) {
    // Proposed: the next whole minute after the notice ends, or after now if that has passed.
    const earliest = Math.max(Date.parse(noticeEnd), Date.now());
    const proposed = beijingParts(new Date(Math.ceil((earliest + 1) / 60_000) * 60_000).toISOString());
    const dateInput = el('input', { id: 'announce-date', name: 'date', type: 'date', required: true, value: proposed.date });
    const timeInput = el('input', { id: 'announce-time', name: 'time', type: 'time', step: '60', required: true, value: proposed.time });
    const group = el(
      'fieldset',
      { id: 'announce-at-group', class: 'row', dataset: { group: 'at' }, 'aria-describedby': 'announce-at-hint' },
      el('legend', {}, t('dashAnnounceAt')),
      el('p', { class: 'hint', id: 'announce-at-hint' }, t('dashAnnounceAtHint', { at: formatTime(noticeEnd) })),
      el(
        'div',
        { class: 'pair' },
        el('div', { class: 'control' }, el('label', { for: 'announce-date' }, t('dashAnnounceDate')), dateInput),
        el('div', { class: 'control' }, el('label', { for: 'announce-time' }, t('dashAnnounceTime')), timeInput),
      ),
    );
    const button = el('button', { type: 'submit' }, t('dashSchedule'));
    const form = el('form', { novalidate: true, 'aria-labelledby': 'schedule-heading' }, el('h3', { id: 'schedule-heading' }, t('dashScheduleHeading')), group, el('p', {}, button));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      markGroup(group, null);
      announcementLine.textContent = '';
      announcementLine.className = 'status';
      if (!dateInput.value || !timeInput.value) {
        markGroup(group, t('dashAnnounceMissing'));
        (dateInput.value ? timeInput : dateInput).focus();
        return;
      }
      const at = fromBeijing(dateInput.value, timeInput.value.slice(0, 5));
      // A minute gone by is a slip of the hand: an announcement cannot be taken back.
      if (Date.parse(at) < Date.now() - 60_000) {
        markGroup(group, t('dashAnnouncePast'));
        timeInput.focus();
        return;
      }
      button.disabled = true;
      try {
        const answer = await api('POST', `${base}/announcement`, { body: { at } });
        await refresh();
        showOk(announcementLine, t('dashScheduled', { at: formatTime(answer.at), n: answer.cases }));
        document.getElementById('announce-scheduled')?.setAttribute('tabindex', '-1');
        document.getElementById('announce-scheduled')?.focus();
      } catch (err) {
        button.disabled = false;
        // The refusal's detail names the notice's end; said here in words and Beijing time.
        const refusal = err.code === 'announcement-before-notice-ends' ? Object.assign(err, { details: [{ path: 'at', message: t('dashAnnounceTooEarly', { at: formatTime(noticeEnd) }) }] }) : err;
        const marked = showRefusal(announcementLine, refusal, form);
        if (err.code === 'announcement-scheduled') await refresh();
        (marked ? timeInput : announcementLine).focus?.();
      }
    });
    announcementLine.tabIndex = -1;
    return form;
  }

  async function cancelAnnouncement(button) {
    button.disabled = true;
    try {
      await api('DELETE', `${base}/announcement`);
      await refresh();
      showOk(announcementLine, t('dashAnnouncementCancelled'));
    } catch (err) {
      showError(announcementLine, err);
      button.disabled = false;
      if (err.status === 409 || err.status === 404) await refresh();
    }
  }

  /** A field's name as the campaign words it (the summary's own name is in Chinese only). */
  function fieldLabel(r) {
    if (campaign) return fieldName(r.field, campaign, vocab);
    return (lang === 'en' ? r.nameEn : r.name) || r.name || label(vocab.fields[r.field], r.field);
  }

  /**
   * Counts as horizontal bars in inline SVG, each with its name and its number written beside it;
   * the same counts in a table under a disclosure, for screen readers and for copying.
   */
  function barChart(id, caption, nameHeader, rows) {
    const figure = el('figure', { class: 'chart', 'aria-labelledby': `${id}-caption` }, el('figcaption', { id: `${id}-caption` }, caption));
    const draw = () => {
      const width = Math.max(280, Math.min(figure.clientWidth || 560, 720));
      const charWidth = (text) => [...text].reduce((sum, ch) => sum + (/[\u2e80-\uffff]/.test(ch) ? 14 : 7.5), 0);
      const labelWidth = Math.min(width * 0.45, Math.max(...rows.map(([name]) => charWidth(name))) + 8);
      const valueWidth = 56;
      const barArea = width - labelWidth - valueWidth;
      const most = Math.max(1, ...rows.map(([, n]) => n));
      const rowHeight = 24;
      const ns = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(ns, 'svg');
      const node = (tag, attrs, text) => {
        const n = document.createElementNS(ns, tag);
        for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
        if (text !== undefined) n.textContent = text;
        return n;
      };
      svg.setAttribute('viewBox', `0 0 ${width} ${rows.length * rowHeight + 4}`);
      svg.setAttribute('width', String(width));
      svg.setAttribute('height', String(rows.length * rowHeight + 4));
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', `${caption}${lang === 'en' ? ': ' : '：'}${rows.map(([name, n]) => `${name} ${t('dashChartCases', { n })}`).join(lang === 'en' ? ', ' : '，')}`);
      rows.forEach(([name, n], i) => {
        const y = i * rowHeight + 2;
        let shown = name;
        while (charWidth(shown) > labelWidth - 8 && shown.length > 1) shown = shown.slice(0, -2) + '…';
        const g = node('g', {});
        g.append(node('title', {}, `${name}: ${n}`));
        g.append(node('text', { x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', class: 'chart-label' }, shown));
        const barWidth = n ? Math.max(2, (n / most) * barArea) : 0;
        g.append(node('rect', { x: labelWidth, y: y + 4, width: barWidth, height: rowHeight - 8, rx: 2, class: n ? 'chart-bar' : 'chart-bar empty' }));
        g.append(node('text', { x: labelWidth + barWidth + 6, y: y + 16, class: 'chart-value' }, t('dashChartCases', { n })));
        svg.append(g);
      });
      return svg;
    };
    const details = el('details', {}, el('summary', {}, t('dashChartAsTable')), table(caption, [nameHeader, t('dashColCount')], rows.map(([name, n]) => [name, String(n)])));
    // Drawn once the figure is on the page, at its real width, so the words stay readable on a phone.
    requestAnimationFrame(() => figure.insertBefore(draw(), figure.querySelector('figcaption').nextSibling));
    figure.append(details);
    return figure;
  }

  function renderSettings() {
    const s = summary.settings;
    const members = summary.committee.length;
    const active = summary.committee.filter((m) => m.active).length;
    setChildren(
      settingsBox,
      el(
        'dl',
        { class: 'facts' },
        el('dt', {}, t('dashQuorum')), el('dd', {}, t('dashQuorumValue', { n: s.committeeQuorum, members, active })),
        el('dt', {}, t('dashNoticePeriod')), el('dd', {}, durationInWords(s.publicNoticePeriod)),
        el('dt', {}, t('dashWinnerCap')), el('dd', {}, t('dashWinnerCapValue', { n: s.winnerCap })),
        el('dt', {}, t('dashSelfNomination')), el('dd', {}, s.selfNomination ? t('dashSelfYes') : t('dashSelfNo')),
      ),
      runs && el('p', {}, el('a', { href: `/campaign?id=${encodeURIComponent(id)}` }, t('dashEditSettings'))),
    );
  }

  function kindName(code) {
    return campaign?.unitKinds?.find((k) => k.code === code)?.name ?? code;
  }

  function renderQuotas() {
    const rows = summary.quotas;
    if (!rows.length) {
      quotasBox.replaceChildren(el('p', {}, t('dashNoQuotas')));
      return;
    }
    quotasBox.replaceChildren(
      table(
        t('dashQuotasCaption', { n: rows.length }),
        [t('dashColUnit'), t('dashColKindName'), t('dashColUsed'), t('dashColLimit'), t('dashColRemaining')],
        rows.map((q) => [q.unit, q.kindName ?? kindName(q.kind), String(q.used), q.limit === null ? t('dashNoLimit') : String(q.limit), q.limit === null ? '—' : String(Math.max(0, q.limit - q.used))]),
        0,
        'stack',
      ),
    );
  }

  function renderCommittee() {
    const rows = summary.committee;
    if (!rows.length) {
      setChildren(committeeBox, el('p', {}, t('dashNoCommittee')), runs && el('p', {}, el('a', { href: `/campaign?id=${encodeURIComponent(id)}#section-committee` }, t('dashAddMember'))));
      return;
    }
    setChildren(
      committeeBox,
      table(
        t('dashCommitteeCaption', { n: rows.length }),
        [t('dashColMember'), t('dashColMemberUnit'), t('dashColActive')],
        rows.map((m) => [m.name, m.unit ?? '—', m.active ? t('dashActive') : el('strong', { class: 'overdue' }, t('dashInactive'))]),
        0,
        'stack',
      ),
    );
  }

  function renderUndecidable() {
    const rows = summary.undecidable;
    undecidableSection.hidden = !rows.length;
    if (!rows.length) {
      undecidableSection.replaceChildren();
      return;
    }
    setChildren(
      undecidableSection,
      el('h2', { id: 'undecidable-heading' }, t('dashUndecidable')),
      el('p', {}, t('dashUndecidableIntro')),
      table(
        t('dashUndecidableCaption', { n: rows.length }),
        [t('dashColNominee'), t('dashColUnit'), t('dashColAction')],
        rows.map((c) => [c.nominee, c.unit, el('a', { href: caseLink(c.caseId), 'aria-label': t('dashViewCaseOf', { name: c.nominee }) }, t('dashViewCase'))]),
        0,
        'stack',
      ),
      runs && el('p', {}, el('a', { class: 'button', href: `/campaign?id=${encodeURIComponent(id)}#section-committee` }, t('dashAddMember'))),
    );
  }

  function buildDeadlineForm() {
    const line = statusLine();
    const initial = {};
    const field = (name, text) => [
      el('label', { for: `dl-${name}` }, text),
      el('input', { id: `dl-${name}`, name, type: 'datetime-local', required: true }),
    ];
    const button = el('button', { type: 'submit' }, t('dashSaveDeadlines'));
    const form = el(
      'form',
      { novalidate: true, 'aria-labelledby': 'extend-heading' },
      el('h3', { id: 'extend-heading' }, t('dashExtend')),
      el('p', { class: 'hint' }, t('dashExtendIntro')),
      ...field('submissionDeadline', t('dashNewSubmission')),
      ...field('reviewDeadline', t('dashNewReview')),
      el('p', {}, button),
      line,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // Only what was changed is sent: a value shown to the minute would otherwise move a deadline by its seconds.
      const body = {};
      for (const name of Object.keys(initial)) {
        const value = form.elements[name].value;
        if (value && value !== initial[name]) body[name] = fromBeijingInput(value);
      }
      if (!Object.keys(body).length) {
        showError(line, { message: t('dashNothingChanged') }, form);
        return;
      }
      button.disabled = true;
      try {
        await api('PATCH', `${base}/deadlines`, { body });
        for (const old of form.querySelectorAll('.field-error')) old.remove();
        for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
        showOk(line, t('dashDeadlinesSaved'));
        await refresh();
      } catch (err) {
        showError(line, err, form);
      } finally {
        button.disabled = false;
      }
    });
    return Object.assign(form, {
      fill(deadlines) {
        const current = { submissionDeadline: toBeijingInput(deadlines.submission), reviewDeadline: toBeijingInput(deadlines.review) };
        for (const [name, value] of Object.entries(current)) {
          const input = form.elements[name];
          // An edit not saved yet survives a refresh.
          if (!input.value || input.value === initial[name]) input.value = value;
          initial[name] = value;
        }
      },
    });
  }

  /** `shared`: the ranks more than one case holds (equal scores share a rank). */
  function rankedTable(caption, rows, shared = new Set()) {
    return table(
      caption,
      [t('dashColRank'), t('dashColName'), t('dashColUnit'), t('dashColField'), t('dashColCategory'), t('dashColScore'), t('dashColAwards')],
      rows.map((r) => [shared.has(r.rank) ? t('dashTied', { rank: r.rank }) : String(r.rank), r.name, r.unit, fieldName(r.field, campaign, vocab), label(vocab.categories[r.category], r.category), r.score === null ? '—' : String(r.score), String(r.mediaAwardCount)]),
      1,
      'stack',
    );
  }

  function renderRound() {
    const s = summary;
    previewBox.replaceChildren();
    if (s.roundClosed) {
      setChildren(roundBox, el('p', {}, t('dashRoundClosed', { at: formatTime(s.roundClosedAt) })));
      if (runs) showOutcome();
      return;
    }
    const waiting = s.byStatus.find((r) => r.status === 'awaiting-selection')?.count ?? 0;
    // Cases the round would pass over: the close is refused while there are any, unless forced.
    const inReview = s.byStatus.filter((r) => IN_REVIEW.includes(r.status) && r.count > 0);
    setChildren(
      roundBox,
      el('p', {}, t('dashRoundOpen', { n: waiting, cap: s.campaign.winnerCap })),
      inReview.length > 0 &&
        el(
          'div',
          { class: 'attention-box', id: 'in-review' },
          el('p', {}, el('strong', {}, t('dashInReview', { n: inReview.reduce((sum, r) => sum + r.count, 0) }))),
          el('ul', { class: 'review-open', 'aria-label': t('dashInReviewList') }, inReview.map((r) => el('li', {}, t('dashInReviewLine', { status: label(vocab.statuses[r.status], r.status), n: r.count })))),
          el('p', { class: 'hint' }, t('dashInReviewHint')),
        ),
      runs && el('p', {}, el('button', { type: 'button', onclick: showPreview }, t('dashCloseRound'))),
    );
  }

  async function showOutcome() {
    try {
      const outcome = await api('GET', `${base}/committee/preview`);
      const shared = sharedRanks(outcome);
      roundBox.append(rankedTable(t('dashRoundWinners', { n: outcome.winners.length }), outcome.winners, shared));
      if (outcome.notSelected.length) roundBox.append(rankedTable(t('dashRoundRest', { n: outcome.notSelected.length }), outcome.notSelected, shared));
    } catch (err) {
      showError(roundLine, err);
    }
  }

  /** The ranks held by more than one case of the round. */
  function sharedRanks(outcome) {
    const seen = new Map();
    for (const r of [...outcome.winners, ...outcome.notSelected]) seen.set(r.rank, (seen.get(r.rank) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([rank]) => rank));
  }

  async function showPreview(event) {
    const opener = event.currentTarget;
    opener.disabled = true;
    roundLine.textContent = t('loading');
    let preview;
    try {
      preview = await api('GET', `${base}/committee/preview`);
    } catch (err) {
      showError(roundLine, err);
      opener.disabled = false;
      return;
    }
    roundLine.textContent = '';
    if (preview.roundClosed) {
      await refresh();
      return;
    }
    const heading = el('h3', { id: 'preview-heading', tabindex: '-1' }, t('dashPreviewHeading'));
    const confirm = el('button', { type: 'button' }, t('dashConfirmClose'));
    const cancel = el('button', { type: 'button', class: 'secondary' }, t('dashCancel'));
    const previewIds = preview.winners.map((w) => w.caseId);
    const shared = sharedRanks(preview);
    cancel.addEventListener('click', () => {
      previewBox.replaceChildren();
      opener.disabled = false;
      opener.focus();
    });
    const reviewOpen = el('div', { id: 'review-open' });
    /** Closes the round; `force` closes it although cases are still in review (they then cannot be selected). */
    async function close(force) {
      confirm.disabled = true;
      cancel.disabled = true;
      roundLine.classList.remove('error', 'ok');
      roundLine.textContent = t('dashClosing');
      try {
        const result = await api('POST', `${base}/committee/close`, { body: force ? { force: true } : {} });
        const same = result.winners.length === previewIds.length && result.winners.every((caseId, i) => caseId === previewIds[i]);
        await refresh();
        showOk(roundLine, t(same ? 'dashClosed' : 'dashClosedDiffers', { n: result.winners.length }));
      } catch (err) {
        confirm.disabled = false;
        cancel.disabled = false;
        if (err.code === 'review-open') {
          roundLine.textContent = '';
          roundLine.className = 'status';
          showReviewOpen(err);
        } else showError(roundLine, err);
      }
    }
    /** The cases still in review, counted by stage as the refusal says, and the explicit way to close anyway. */
    function showReviewOpen(err) {
      const line = statusLine();
      const tick = el('input', { type: 'checkbox', id: 'force-confirm', name: 'forceConfirm' });
      const force = el('button', { type: 'button' }, t('dashForceClose'));
      const choice = el('div', { class: 'choice' }, tick, el('label', { for: 'force-confirm' }, t('dashForceConfirm')));
      // The message goes under the box and its words, not between them.
      const mark = (message) => {
        document.getElementById('force-confirm-error')?.remove();
        if (message) choice.after(el('p', { class: 'field-error', id: 'force-confirm-error' }, message));
        if (message) tick.setAttribute('aria-invalid', 'true');
        else tick.removeAttribute('aria-invalid');
        if (message) tick.setAttribute('aria-describedby', 'force-confirm-error');
        else tick.removeAttribute('aria-describedby');
      };
      force.addEventListener('click', async () => {
        if (!tick.checked) {
          mark(t('dashForceConfirmMissing'));
          tick.focus();
          return;
        }
        mark(null);
        force.disabled = true;
        await close(true);
        force.disabled = false;
      });
      tick.addEventListener('change', () => tick.checked && mark(null));
      const heading = el('h4', { id: 'review-open-heading', tabindex: '-1' }, t('dashReviewOpenHeading'));
      reviewOpen.replaceChildren(
        el(
          'div',
          { class: 'attention-box', role: 'group', 'aria-labelledby': 'review-open-heading' },
          heading,
          el('p', {}, err.message),
          err.details?.length > 0 && [el('p', {}, t('dashReviewOpenCases')), el('ul', { class: 'review-open' }, err.details.map((d) => el('li', {}, d.message)))],
          choice,
          el('p', { class: 'actions' }, force),
          line,
        ),
      );
      heading.focus();
    }
    confirm.addEventListener('click', () => close(false));
    previewBox.replaceChildren(
      el(
        'div',
        { class: 'card', role: 'group', 'aria-labelledby': 'preview-heading' },
        heading,
        el('p', {}, t('dashPreviewIntro', { n: preview.winners.length, cap: preview.winnerCap })),
        typeof preview.tiedAtCutOff === 'number' &&
          el(
            'p',
            { class: 'attention-box' },
            t('dashTiedAtCutOff', { score: preview.tiedAtCutOff, tied: preview.winners.filter((w) => w.score === preview.tiedAtCutOff).length, n: preview.winners.length, cap: preview.winnerCap }),
          ),
        preview.winners.length ? rankedTable(t('dashPreviewWinners', { n: preview.winners.length }), preview.winners, shared) : el('p', { class: 'hint' }, t('dashPoolEmpty')),
        preview.notSelected.length > 0 && rankedTable(t('dashPreviewRest', { n: preview.notSelected.length }), preview.notSelected, shared),
        el('p', { class: 'actions' }, confirm, cancel),
        reviewOpen,
      ),
    );
    heading.focus();
  }

  function caseLink(caseId, taskId) {
    return `/case?id=${encodeURIComponent(caseId)}${taskId ? `&task=${encodeURIComponent(taskId)}` : ''}`;
  }

  function renderObjections() {
    const rows = summary.openObjections;
    if (!rows.length) {
      objectionsBox.replaceChildren(el('p', {}, t('dashNoObjections')));
      return;
    }
    objectionsBox.replaceChildren(
      table(
        t('dashObjectionsCaption', { n: rows.length }),
        [t('dashColNominee'), t('dashColUnit'), t('dashColReason'), t('dashColLodged'), t('dashColAction')],
        rows.map((o) => [
          o.nominee,
          o.unit,
          el('p', { class: 'prose' }, o.reason),
          formatTime(o.lodgedAt),
          el('a', { href: caseLink(o.caseId, o.taskId), 'aria-label': t(runs ? 'dashHandleObjection' : 'dashViewObjection', { name: o.nominee }) }, t(runs ? 'dashHandle' : 'dashView')),
        ]),
        0,
        'stack',
      ),
    );
  }

  function renderIncidents() {
    const rows = summary.openIncidents;
    if (!rows.length) {
      incidentsBox.replaceChildren(el('p', {}, t('dashNoIncidents')));
      return;
    }
    incidentsBox.replaceChildren(
      table(
        t('dashIncidentsCaption', { n: rows.length }),
        [t('dashColNominee'), t('dashColKind'), t('dashColUnit'), t('dashColReason'), t('dashColDue'), t('dashColAction')],
        rows.map((i) => {
          const kind = label(vocab.taskKinds[i.kind], i.kind);
          return [
            i.nominee,
            kind,
            i.unit,
            el('p', { class: 'prose' }, i.reason ?? '—'),
            el('span', { class: new Date(i.dueAt) < new Date() ? 'overdue' : undefined }, t('dashDueLeft', { at: formatTime(i.dueAt), left: timeLeft(i.dueAt) })),
            el('a', { href: caseLink(i.caseId, i.taskId), 'aria-label': t(runs ? 'dashHandleIncident' : 'dashViewIncident', { name: i.nominee, kind }) }, t(runs ? 'dashHandle' : 'dashView')),
          ];
        }),
        0,
        'stack',
      ),
    );
  }

  function exportSection() {
    const line = statusLine();
    const notice = el('a', { class: 'button secondary', href: `/notice?campaign=${encodeURIComponent(id)}` }, t('dashNoticeLink'));
    if (!runs) return el('section', { 'aria-labelledby': 'export-heading' }, el('h2', { id: 'export-heading' }, t('dashExportHeading')), el('p', { class: 'actions' }, notice));
    const button = el('button', { type: 'button' }, t('dashExportWinners'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        saveBlob(await api('GET', `${base}/winners.csv`, { accept: 'text/csv' }), `winners-${id}.csv`);
        showOk(line, t('dashExported'));
      } catch (err) {
        showError(line, err);
      } finally {
        button.disabled = false;
      }
    });
    return el(
      'section',
      { 'aria-labelledby': 'export-heading' },
      el('h2', { id: 'export-heading' }, t('dashExportHeading')),
      el('p', {}, t('dashExportIntro')),
      el('p', { class: 'actions' }, button, notice),
      line,
    );
  }
}
