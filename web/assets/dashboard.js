// The campaign dashboard: counts by status and field, deadlines with the time left and their
// extension, the committee round's close (the winners previewed before the confirmation), open
// objections and incidents, the winners' CSV and the public notice. The secretariat runs it;
// auditors may read it (without the forms and buttons).
import { api, labels } from './api.js';
import { define, formatTime, label, t, timeLeft } from './i18n.js';
import { el, renderShell, requireUser, saveBlob, showError, showOk, statusLine, table } from './shell.js';

define({
  dashNotForYou: { zh: '活动总览供秘书处使用。', en: 'The dashboard is for the secretariat.' },
  dashPickHeading: { zh: '选择评选活动', en: 'Choose a campaign' },
  dashCampaign: { zh: '评选活动', en: 'Campaign' },
  dashCampaignOption: { zh: '{title}（{code}）', en: '{title} ({code})' },
  dashOpen: { zh: '打开总览', en: 'Open dashboard' },
  dashNoCampaigns: { zh: '还没有评选活动。', en: 'There is no campaign yet.' },
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
    zh: '按评分从高到低排序，同分时媒体表彰多者优先，再按提交时间先后。将有 {n} 件当选（名额 {cap} 个）。确认后结果不可撤回。',
    en: 'Ranked by score, highest first; ties go to more media awards, then earlier submission. {n} would be selected ({cap} places). Closing cannot be undone.',
  },
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
});

const BEIJING_OFFSET_MS = 8 * 3_600_000;

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
    section.append(el('p', {}, t('dashNoCampaigns')));
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
  try {
    [vocab, summary] = await Promise.all([labels(), api('GET', `${base}/summary`)]);
  } catch (err) {
    main.append(pageLine);
    showError(pageLine, err);
    if (err.status === 404) await showPicker();
    return;
  }

  const lead = el('p');
  const countsBox = el('div');
  const deadlinesBox = el('div');
  const roundBox = el('div');
  const previewBox = el('div');
  const roundLine = statusLine();
  const objectionsBox = el('div');
  const incidentsBox = el('div');
  const deadlineForm = runs ? buildDeadlineForm() : null;

  main.append(
    lead,
    el('p', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: () => refresh(true) }, t('dashRefresh')), el('a', { href: '/dashboard' }, t('dashSwitch'))),
    pageLine,
    el('section', { 'aria-labelledby': 'counts-heading' }, el('h2', { id: 'counts-heading' }, t('dashCounts')), countsBox),
    el('section', { 'aria-labelledby': 'deadlines-heading' }, el('h2', { id: 'deadlines-heading' }, t('dashDeadlines')), deadlinesBox, deadlineForm),
    el('section', { 'aria-labelledby': 'round-heading' }, el('h2', { id: 'round-heading' }, t('dashRound')), roundBox, previewBox, roundLine),
    el('section', { 'aria-labelledby': 'objections-heading' }, el('h2', { id: 'objections-heading' }, t('dashObjections')), objectionsBox),
    el('section', { 'aria-labelledby': 'incidents-heading' }, el('h2', { id: 'incidents-heading' }, t('dashIncidents')), incidentsBox),
    exportSection(),
  );
  render();

  async function refresh(announce = false) {
    try {
      summary = await api('GET', `${base}/summary`);
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
        table(t('dashByStatus'), [t('dashColStatus'), t('dashColCount')], s.byStatus.map((r) => [label(vocab.statuses[r.status], r.status), String(r.count)])),
        table(t('dashByField'), [t('dashColField'), t('dashColCount')], s.byField.map((r) => [label(vocab.fields[r.field], r.field), String(r.count)])),
      ),
    );
    const d = s.deadlines;
    deadlinesBox.replaceChildren(
      table(t('dashDeadlinesCaption'), [t('dashColWhat'), t('dashColWhen'), t('dashColLeft')], [
        [t('dashSubmission'), formatTime(d.submission), timeLeft(d.submission)],
        [t('dashReview'), formatTime(d.review), timeLeft(d.review)],
        [t('dashNoticeEnd'), d.noticeEnd ? formatTime(d.noticeEnd) : t('dashNoticeNotStarted'), d.noticeEnd ? timeLeft(d.noticeEnd) : ''],
      ]),
    );
    deadlineForm?.fill(d);
    renderRound();
    renderObjections();
    renderIncidents();
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

  function rankedTable(caption, rows) {
    return table(
      caption,
      [t('dashColRank'), t('dashColName'), t('dashColUnit'), t('dashColField'), t('dashColCategory'), t('dashColScore'), t('dashColAwards')],
      rows.map((r) => [String(r.rank), r.name, r.unit, label(vocab.fields[r.field], r.field), label(vocab.categories[r.category], r.category), r.score === null ? '—' : String(r.score), String(r.mediaAwardCount)]),
      1,
      'stack',
    );
  }

  function renderRound() {
    const s = summary;
    previewBox.replaceChildren();
    if (s.roundClosed) {
      roundBox.replaceChildren(el('p', {}, t('dashRoundClosed', { at: formatTime(s.roundClosedAt) })));
      if (runs) showOutcome();
      return;
    }
    const waiting = s.byStatus.find((r) => r.status === 'awaiting-selection')?.count ?? 0;
    roundBox.replaceChildren(
      el('p', {}, t('dashRoundOpen', { n: waiting, cap: s.campaign.winnerCap })),
      runs && el('p', {}, el('button', { type: 'button', onclick: showPreview }, t('dashCloseRound'))),
    );
  }

  async function showOutcome() {
    try {
      const outcome = await api('GET', `${base}/committee/preview`);
      roundBox.append(rankedTable(t('dashRoundWinners', { n: outcome.winners.length }), outcome.winners));
      if (outcome.notSelected.length) roundBox.append(rankedTable(t('dashRoundRest', { n: outcome.notSelected.length }), outcome.notSelected));
    } catch (err) {
      showError(roundLine, err);
    }
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
    cancel.addEventListener('click', () => {
      previewBox.replaceChildren();
      opener.disabled = false;
      opener.focus();
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      cancel.disabled = true;
      roundLine.classList.remove('error', 'ok');
      roundLine.textContent = t('dashClosing');
      try {
        const result = await api('POST', `${base}/committee/close`);
        const same = result.winners.length === previewIds.length && result.winners.every((caseId, i) => caseId === previewIds[i]);
        await refresh();
        showOk(roundLine, t(same ? 'dashClosed' : 'dashClosedDiffers', { n: result.winners.length }));
      } catch (err) {
        showError(roundLine, err);
        confirm.disabled = false;
        cancel.disabled = false;
      }
    });
    previewBox.replaceChildren(
      el(
        'div',
        { class: 'card', role: 'group', 'aria-labelledby': 'preview-heading' },
        heading,
        el('p', {}, t('dashPreviewIntro', { n: preview.winners.length, cap: preview.winnerCap })),
        preview.winners.length ? rankedTable(t('dashPreviewWinners', { n: preview.winners.length }), preview.winners) : el('p', { class: 'hint' }, t('dashPoolEmpty')),
        preview.notSelected.length > 0 && rankedTable(t('dashPreviewRest', { n: preview.notSelected.length }), preview.notSelected),
        el('p', { class: 'actions' }, confirm, cancel),
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
