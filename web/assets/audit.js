// The auditor's page: find a case (by its id, or from a campaign's list), read its history as a case
// file (stage by stage, who decided what, when and why, the machine's records folded under each row,
// filtered by kind, in Beijing time as the CSV gives it), replay it against the code that runs today
// and see the verdict, export the history, and verify the audit log's hash chain. Auditors and the
// secretariat use it.
import { api, labels } from './api.js';
import { fieldName } from './campaigns.js';
import { define, formatTime, label, t } from './i18n.js';
import { el, renderShell, requireUser, saveBlob, showError, showOk, statusLine, table } from './shell.js';

define({
  auditNotForYou: { zh: '审计页面供审计人员和秘书处使用。', en: 'This page is for auditors and the secretariat.' },
  auditFind: { zh: '查找申报', en: 'Find a case' },
  auditCaseId: { zh: '申报编号', en: 'Case ID' },
  auditCaseIdHint: { zh: '见申报确认邮件或申报列表', en: 'From the confirmation email or the case list' },
  auditCaseIdRequired: { zh: '请输入申报编号。', en: 'Enter a case ID.' },
  auditShowHistory: { zh: '查看历史', en: 'Show history' },
  auditOrPick: { zh: '或从评选活动中选择', en: 'Or pick from a campaign' },
  auditCampaign: { zh: '评选活动', en: 'Campaign' },
  auditCampaignOption: { zh: '{title}（{code}）', en: '{title} ({code})' },
  auditListCases: { zh: '列出申报', en: 'List cases' },
  auditCasesCaption: { zh: '{title}的申报（{n} 件，最新提交的在前）', en: 'Cases of {title} ({n}, newest first)' },
  auditNoCases: { zh: '该活动还没有申报。', en: 'This campaign has no cases yet.' },
  auditColNominee: { zh: '候选人', en: 'Nominee' },
  auditColUnit: { zh: '推荐单位', en: 'Unit' },
  auditColField: { zh: '业务领域', en: 'Field' },
  auditColStatus: { zh: '状态', en: 'Status' },
  auditColSubmitted: { zh: '提交时间', en: 'Submitted' },
  auditColAction: { zh: '操作', en: 'Action' },
  auditPick: { zh: '查看', en: 'Show' },
  auditPickLabel: { zh: '查看{name}的历史', en: 'Show the history of {name}' },
  auditCaseHeading: { zh: '申报 {id}', en: 'Case {id}' },
  auditFactId: { zh: '申报编号', en: 'Case ID' },
  auditFactNominee: { zh: '候选人', en: 'Nominee' },
  auditFactStatus: { zh: '当前状态', en: 'Status now' },
  auditFactField: { zh: '业务领域', en: 'Field' },
  auditFactSource: { zh: '工作流历史来源', en: 'Workflow history from' },
  sourceServer: { zh: 'Temporal 服务器', en: 'the Temporal server' },
  sourceArchive: { zh: '本系统归档', en: "Laurel's archive" },
  sourceNone: { zh: '无（服务器和归档中均没有）', en: 'nowhere (neither the server nor the archive)' },
  auditReplay: { zh: '重放验证', en: 'Replay' },
  auditReplaying: { zh: '正在用当前代码重放……', en: 'Replaying against the current code…' },
  auditExportCsv: { zh: '导出历史（CSV）', en: 'Export history (CSV)' },
  auditExportJson: { zh: '导出历史（JSON）', en: 'Export history (JSON)' },
  auditExported: { zh: '已导出 {file}。', en: 'Exported {file}.' },
  auditHistoryHeading: { zh: '历史记录', en: 'History' },
  auditHistoryIntro: {
    zh: '按办理阶段排列，每条写明谁在何时作出了什么决定、依据是什么；系统运行的原始记录（事件编号、步骤、任务、发件箱等）折叠在每条之下，点击“原始记录”展开。时间均为北京时间，与导出的 CSV 一致。',
    en: 'Stage by stage, each row says who decided what, when and why; the machine records it stands for (event ids, steps, tasks, outbox ids…) are folded under it: open “Machine records”. Times are Beijing time, as in the CSV export.',
  },
  auditHistoryCaption: {
    zh: '历史记录（显示 {shown} 条，共 {n} 条，按阶段和时间先后；另有 {folded} 条原始记录折叠在各条之下）',
    en: 'History ({shown} of {n} rows, by stage and time; {folded} more machine records folded under them)',
  },
  auditNoHistory: { zh: '没有历史记录。', en: 'No history.' },
  auditNoneShown: { zh: '所选类别没有记录。', en: 'No rows of the kinds chosen.' },
  auditStagesHeading: { zh: '各阶段概要', en: 'The stages at a glance' },
  auditStageOpened: { zh: '开始：{at}', en: 'Opened: {at}' },
  auditStageClosed: { zh: '结束：{at}', en: 'Closed: {at}' },
  auditStageOpen: { zh: '尚在本阶段', en: 'Still in this stage' },
  auditStageOutcome: { zh: '结果：{status}', en: 'Outcome: {status}' },
  auditStageRows: { zh: '{n} 条记录', en: '{n} rows' },
  auditStageNoDecision: { zh: '本阶段没有人工决定。', en: 'No one decided anything in this stage.' },
  auditStageRowgroup: { zh: '阶段：{stage}', en: 'Stage: {stage}' },
  auditFilterLegend: { zh: '按类别筛选', en: 'Show rows of these kinds' },
  auditFilterKind: { zh: '{label}（{n}）', en: '{label} ({n})' },
  auditFilterAll: { zh: '全部显示', en: 'Show all' },
  auditFilterNone: { zh: '请至少选择一个类别再导出。', en: 'Choose at least one kind to export.' },
  auditDetailSummary: { zh: '原始记录（{n} 条）', en: 'Machine records ({n})' },
  auditDetailLine: { zh: '{source} {type} #{id}', en: '{source} {type} #{id}' },
  auditInternalNote: { zh: '内部备注（仅工作人员和审计人员可见）：{note}', en: 'Internal note (staff and auditors only): {note}' },
  auditColAt: { zh: '时间（北京时间）', en: 'When (Beijing time)' },
  auditColKind: { zh: '类别', en: 'Kind' },
  auditColSource: { zh: '来源', en: 'Source' },
  auditColActor: { zh: '操作人', en: 'Who' },
  auditColWhat: { zh: '事件', en: 'What' },
  auditColWhy: { zh: '原因或依据', en: 'Why' },
  fromWorkflow: { zh: '工作流', en: 'Workflow' },
  fromAudit: { zh: '审计日志', en: 'Audit log' },
  fromTimeline: { zh: '时间线', en: 'Timeline' },
  system: { zh: '系统', en: 'System' },
  replayGood: {
    zh: '重放一致：用当前代码重放 {events} 个事件，结果确定，得到的状态“{status}”与工作流历史和数据库记录一致。',
    en: 'Replay agrees: the current code replays {events} events deterministically, reaches “{status}”, and agrees with the workflow history and the database.',
  },
  replayBad: { zh: '重放发现问题：', en: 'The replay found problems:' },
  replayNondeterministic: { zh: '结果不确定：当前代码发出的指令与记录的历史不符（{why}）。', en: 'Not deterministic: the current code makes other commands than the history recorded ({why}).' },
  replayHistoryDisagrees: { zh: '重放的步骤或结果与工作流历史记录不一致。', en: 'The replayed steps or result disagree with the workflow history.' },
  replayDatabaseDisagrees: { zh: '重放得到的状态与数据库记录不一致。', en: 'The replayed state disagrees with the database.' },
  replayDeterministic: { zh: '确定性', en: 'Deterministic' },
  replayEvents: { zh: '事件数', en: 'Events' },
  replayStatus: { zh: '重放得到的状态', en: 'Status reached' },
  replayAgreesHistory: { zh: '与工作流历史一致', en: 'Agrees with the history' },
  replayAgreesDatabase: { zh: '与数据库一致', en: 'Agrees with the database' },
  replayTime: { zh: '用时', en: 'Took' },
  replayMs: { zh: '{ms} 毫秒', en: '{ms} ms' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  disagreementsCaption: { zh: '不一致之处（{n} 项）', en: 'Disagreements ({n})' },
  colAgainst: { zh: '对照', en: 'Against' },
  colSubject: { zh: '项目', en: 'Subject' },
  colReplayed: { zh: '重放结果', en: 'Replayed' },
  colRecorded: { zh: '记录值', en: 'Recorded' },
  againstDatabase: { zh: '数据库', en: 'Database' },
  againstHistory: { zh: '工作流历史', en: 'Workflow history' },
  chainHeading: { zh: '审计日志完整性', en: 'Audit log integrity' },
  chainIntro: {
    zh: '逐条重新计算审计日志的哈希链，并核对每个签名锚点：被修改、删除、调换顺序或截断的记录都会被发现。',
    en: 'Recomputes every hash of the audit log and checks each signed anchor: an edited, deleted, reordered or truncated entry is found.',
  },
  chainVerify: { zh: '校验审计链', en: 'Verify the audit chain' },
  chainVerifying: { zh: '正在校验……', en: 'Verifying…' },
  chainGood: { zh: '审计链完整：{entries} 条记录、{anchors} 个签名锚点全部校验通过。', en: 'The audit chain is intact: {entries} entries and {anchors} signed anchors all check out.' },
  chainBad: { zh: '审计链校验失败：{problem}', en: 'The audit chain is broken: {problem}' },
  chainFirstBad: { zh: '第一条有问题的记录编号：{id}。', en: 'First bad entry: {id}.' },
  chainAnchored: { zh: '最近一次签名锚定至第 {id} 条记录（{at}）。', en: 'Last signed anchor covers entries up to {id} ({at}).' },
  problemEdited: { zh: '有记录在写入后被修改。', en: 'an entry was edited after it was written.' },
  problemMissing: { zh: '有记录缺失（被删除）。', en: 'an entry is missing (deleted).' },
  problemBrokenLink: { zh: '记录之间的哈希链接断裂（顺序被调换或插入）。', en: 'the hash links between entries are broken (entries swapped or inserted).' },
  problemUnsealed: { zh: '有记录没有哈希。', en: 'an entry has no hash.' },
  problemTruncated: { zh: '日志末尾的记录被截断。', en: 'entries were cut off the end.' },
  problemRewritten: { zh: '哈希链被整体重写，与签名锚点不符。', en: 'the chain was rebuilt with fresh hashes; the signed anchors do not match.' },
  problemAnchorForged: { zh: '签名锚点的签名无效。', en: "an anchor's signature is not valid." },
  problemUnknown: { zh: '未知问题（{problem}）。', en: 'unknown problem ({problem}).' },
});

const PROBLEMS = {
  edited: 'problemEdited',
  missing: 'problemMissing',
  'broken-link': 'problemBrokenLink',
  unsealed: 'problemUnsealed',
  truncated: 'problemTruncated',
  rewritten: 'problemRewritten',
  'anchor-forged': 'problemAnchorForged',
};
const SOURCES = { workflow: 'fromWorkflow', audit: 'fromAudit', timeline: 'fromTimeline' };

/** A time as the API gives it in Beijing time (`2026-11-21 15:22（北京时间）`), without the zone the column names: the CSV's cell. */
const beijing = (atLocal) => atLocal.replace(/\s*[（(][^（()）]*[）)]$/, '');

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

const yesNo = (value) => t(value ? 'yes' : 'no');
/** The verdict's sign, for the eye: the words beside it say the same to a screen reader. */
const mark = (sign) => el('span', { 'aria-hidden': 'true' }, `${sign} `);

const user = requireUser();
const main = renderShell(t('audit'));
let vocab = { statuses: {}, fields: {} };

if (!user.roles.includes('auditor') && !user.roles.includes('secretariat')) main.append(el('p', {}, t('auditNotForYou')));
else await start();

async function start() {
  const params = new URLSearchParams(location.search);
  const findLine = statusLine();
  const caseSection = el('section', { 'aria-labelledby': 'case-heading', hidden: true });
  const picked = el('div');

  const caseInput = el('input', { id: 'case-id', name: 'caseId', required: true, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'case-id-hint' });
  const byId = el(
    'form',
    { novalidate: true },
    el('label', { for: 'case-id' }, t('auditCaseId')),
    el('span', { class: 'hint', id: 'case-id-hint' }, t('auditCaseIdHint')),
    caseInput,
    el('p', {}, el('button', { type: 'submit' }, t('auditShowHistory'))),
  );
  byId.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = caseInput.value.trim();
    if (!id) {
      showError(findLine, { message: t('auditCaseIdRequired'), details: [{ path: 'caseId', message: t('auditCaseIdRequired') }] }, byId);
      return;
    }
    openCase(id);
  });

  const campaignSelect = el('select', { id: 'audit-campaign', name: 'campaign' });
  const byCampaign = el(
    'form',
    { novalidate: true },
    el('h3', {}, t('auditOrPick')),
    el('label', { for: 'audit-campaign' }, t('auditCampaign')),
    campaignSelect,
    el('p', {}, el('button', { type: 'submit' }, t('auditListCases'))),
  );
  byCampaign.addEventListener('submit', (event) => {
    event.preventDefault();
    listCases(campaignSelect.value);
  });

  const chainLine = statusLine();
  const chainResult = el('div', { role: 'status', 'aria-live': 'polite' });
  const verifyButton = el('button', { type: 'button' }, t('chainVerify'));
  verifyButton.addEventListener('click', () => verifyChain(verifyButton, chainResult, chainLine));

  main.append(
    el('section', { 'aria-labelledby': 'find-heading' }, el('h2', { id: 'find-heading' }, t('auditFind')), byId, byCampaign, findLine, picked),
    caseSection,
    el('section', { 'aria-labelledby': 'chain-heading' }, el('h2', { id: 'chain-heading' }, t('chainHeading')), el('p', {}, t('chainIntro')), el('p', {}, verifyButton), chainResult, chainLine),
  );

  let campaigns = [];
  try {
    [vocab, { campaigns }] = await Promise.all([labels(), api('GET', '/api/campaigns')]);
  } catch (err) {
    showError(findLine, err);
  }
  campaignSelect.append(...campaigns.map((c) => el('option', { value: c.id }, t('auditCampaignOption', { title: c.title, code: c.code }))));
  if (params.get('campaign')) {
    campaignSelect.value = params.get('campaign');
    await listCases(params.get('campaign'));
  }
  if (params.get('case')) {
    caseInput.value = params.get('case');
    await openCase(params.get('case'));
  }

  async function listCases(campaignId) {
    if (!campaignId) return;
    findLine.textContent = t('loading');
    findLine.classList.remove('error', 'ok');
    try {
      const { cases } = await api('GET', `/api/nominations?campaignId=${encodeURIComponent(campaignId)}`);
      findLine.textContent = '';
      const title = campaigns.find((c) => c.id === campaignId)?.title ?? campaignId;
      if (!cases.length) {
        picked.replaceChildren(el('p', {}, t('auditNoCases')));
        return;
      }
      picked.replaceChildren(
        table(
          t('auditCasesCaption', { title, n: cases.length }),
          [t('auditColNominee'), t('auditColUnit'), t('auditColField'), t('auditColStatus'), t('auditColSubmitted'), t('auditColAction')],
          cases.map((c) => [
            c.nomineeName,
            c.recommendingUnit,
            fieldName(c.field, campaigns.find((x) => x.id === campaignId), vocab),
            label(vocab.statuses[c.status], c.status),
            formatTime(c.submittedAt),
            el('button', { type: 'button', class: 'secondary', 'aria-label': t('auditPickLabel', { name: c.nomineeName }), onclick: () => openCase(c.caseId) }, t('auditPick')),
          ]),
          0,
          'stack',
        ),
      );
    } catch (err) {
      showError(findLine, err);
    }
  }

  async function openCase(caseId) {
    const path = `/api/cases/${encodeURIComponent(caseId)}`;
    const line = statusLine();
    const heading = el('h2', { id: 'case-heading', tabindex: '-1' }, t('auditCaseHeading', { id: caseId }));
    caseSection.hidden = false;
    caseSection.replaceChildren(heading, line);
    line.textContent = t('loading');
    history.replaceState(null, '', `/audit?case=${encodeURIComponent(caseId)}`);
    let story;
    let kase = null;
    try {
      [story, kase] = await Promise.all([api('GET', `${path}/history`), api('GET', `/api/nominations/${encodeURIComponent(caseId)}`).catch(() => null)]);
    } catch (err) {
      showError(line, err);
      heading.focus();
      return;
    }
    line.textContent = '';
    const sourceText = story.source === 'server' ? t('sourceServer') : story.source === 'archive' ? t('sourceArchive') : t('sourceNone');
    const verdict = el('div', { role: 'status', 'aria-live': 'polite' });
    const replayDetails = el('div');
    const replayButton = el('button', { type: 'button' }, t('auditReplay'));
    replayButton.addEventListener('click', () => replay(path, replayButton, verdict, replayDetails, line));
    const file = caseFile(story);
    const csvButton = el('button', { type: 'button', class: 'secondary' }, t('auditExportCsv'));
    csvButton.addEventListener('click', async () => {
      const name = `case-${caseId}-history.csv`;
      // The export holds the rows the page shows: those of the kinds ticked.
      const kinds = file.kinds();
      if (!kinds.length) {
        showError(line, { message: t('auditFilterNone') });
        return;
      }
      const only = kinds.length < story.kinds.filter((k) => k.count > 0).length ? `&kind=${kinds.join(',')}` : '';
      try {
        saveBlob(await api('GET', `${path}/history?format=csv${only}`, { accept: 'text/csv' }), name);
        showOk(line, t('auditExported', { file: name }));
      } catch (err) {
        showError(line, err);
      }
    });
    const jsonButton = el('button', { type: 'button', class: 'secondary' }, t('auditExportJson'));
    jsonButton.addEventListener('click', () => {
      const name = `case-${caseId}-history.json`;
      saveBlob(new Blob([JSON.stringify(story, null, 2)], { type: 'application/json' }), name);
      showOk(line, t('auditExported', { file: name }));
    });

    caseSection.replaceChildren(
      heading,
      facts([
        [t('auditFactId'), el('code', {}, caseId)],
        ...(kase
          ? [
              [t('auditFactNominee'), `${kase.nomineeName} · ${kase.recommendingUnit}`],
              [t('auditFactStatus'), label(vocab.statuses[kase.status], kase.status)],
              [t('auditFactField'), fieldName(kase.field, campaigns.find((x) => x.id === kase.campaignId), vocab)],
            ]
          : []),
        [t('auditFactSource'), sourceText],
      ]),
      el('p', { class: 'actions' }, replayButton, csvButton, jsonButton),
      line,
      verdict,
      replayDetails,
      el('h3', {}, t('auditHistoryHeading')),
      ...(story.items.length ? [el('p', { class: 'hint' }, t('auditHistoryIntro')), file.view] : [el('p', {}, t('auditNoHistory'))]),
    );
    heading.focus();
  }
}

/**
 * The case file: the stages at a glance (who decided what, when each opened and closed), the kinds to
 * show, and the history's rows grouped by stage, each with its machine records folded under it.
 * Answers the view and the kinds ticked (for the export).
 */
function caseFile(story) {
  const kindLabel = (kind) => story.kinds.find((k) => k.kind === kind)?.label ?? kind;
  const stageLabel = (stage) => story.stages.find((s) => s.stage === stage)?.label ?? stage;
  const folded = story.items.reduce((n, i) => n + i.detail.length - 1, 0);

  const stages = el(
    'section',
    { 'aria-labelledby': 'stages-heading' },
    el('h4', { id: 'stages-heading' }, t('auditStagesHeading')),
    story.stages.map((s) =>
      el(
        'section',
        { class: 'stage', 'aria-labelledby': `stage-${s.stage}` },
        el('h5', { id: `stage-${s.stage}` }, s.label),
        el(
          'p',
          { class: 'hint' },
          [
            t('auditStageOpened', { at: s.openedAtLocal }),
            s.closedAtLocal ? t('auditStageClosed', { at: s.closedAtLocal }) : t('auditStageOpen'),
            s.outcomeLabel && t('auditStageOutcome', { status: s.outcomeLabel }),
            t('auditStageRows', { n: s.items }),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        s.decisions.length
          ? el(
              'ul',
              {},
              s.decisions.map((d) =>
                el(
                  'li',
                  {},
                  el('time', { datetime: d.at }, beijing(d.atLocal)),
                  ' ',
                  d.what,
                  d.why && ` — ${d.why}`,
                  d.note && el('p', { class: 'hint' }, t('auditInternalNote', { note: d.note })),
                ),
              ),
            )
          : el('p', {}, t('auditStageNoDecision')),
      ),
    ),
  );

  const filter = el(
    'fieldset',
    { class: 'checks', id: 'history-kinds' },
    el('legend', {}, t('auditFilterLegend')),
    story.kinds.map(({ kind, label: text, count }) =>
      el(
        'div',
        { class: 'choice' },
        el('input', { type: 'checkbox', id: `kind-${kind}`, name: 'kind', value: kind, checked: count > 0, disabled: count === 0 }),
        el('label', { for: `kind-${kind}` }, t('auditFilterKind', { label: text, n: count })),
      ),
    ),
  );
  const showAll = el('button', { type: 'button', class: 'secondary' }, t('auditFilterAll'));

  const headers = [t('auditColAt'), t('auditColActor'), t('auditColWhat'), t('auditColWhy'), t('auditColKind')];
  const caption = el('caption');
  const bodies = stagesOf(story).map((stage) => {
    const rows = story.items.filter((i) => i.stage === stage).map((i) => historyRow(i, headers, kindLabel));
    return el(
      'tbody',
      { dataset: { stage } },
      el('tr', { class: 'stage-row' }, el('th', { scope: 'rowgroup', colspan: headers.length }, t('auditStageRowgroup', { stage: stageLabel(stage) }))),
      rows,
    );
  });
  const none = el('p', { hidden: true }, t('auditNoneShown'));
  const table = el(
    'div',
    { class: 'table-wrap' },
    el('table', { class: 'log stack' }, caption, el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))), bodies),
  );

  const ticked = () => [...filter.querySelectorAll('input[name="kind"]:checked')].map((input) => input.value);
  function apply() {
    const kinds = new Set(ticked());
    let shown = 0;
    for (const body of bodies) {
      let here = 0;
      for (const row of body.querySelectorAll('tr[data-kind]')) {
        row.hidden = !kinds.has(row.dataset.kind);
        if (!row.hidden) here += 1;
      }
      body.hidden = here === 0;
      shown += here;
    }
    caption.textContent = t('auditHistoryCaption', { shown, n: story.items.length, folded });
    none.hidden = shown > 0;
  }
  filter.addEventListener('change', apply);
  showAll.addEventListener('click', () => {
    for (const input of filter.querySelectorAll('input[name="kind"]:not(:disabled)')) input.checked = true;
    apply();
  });
  apply();

  return { view: el('div', {}, stages, filter, el('p', {}, showAll), none, table), kinds: ticked };
}

/** The stages the rows belong to, in the order of the process (the API gives the stages in that order). */
function stagesOf(story) {
  return [...new Set([...story.stages.map((s) => s.stage), ...story.items.map((i) => i.stage)])];
}

/** One row: when, who, what (and an internal note), why, its kind; the records it stands for folded under it. */
function historyRow(i, headers, kindLabel) {
  const cells = [
    el('time', { datetime: i.at }, beijing(i.atLocal)),
    i.actor || t('system'),
    [
      el('p', { class: 'prose' }, i.what),
      i.note && el('p', { class: 'prose hint' }, t('auditInternalNote', { note: i.note })),
      el(
        'details',
        {},
        el('summary', {}, t('auditDetailSummary', { n: i.detail.length })),
        el(
          'ul',
          {},
          i.detail.map((d) =>
            el(
              'li',
              {},
              el('time', { datetime: d.at }, beijing(d.atLocal)),
              ' ',
              el('code', {}, t('auditDetailLine', { source: t(SOURCES[d.source] ?? d.source), type: d.eventType, id: d.eventId })),
              ` ${d.actor}: `,
              el('span', { class: 'prose' }, d.text),
              d.why && ` — ${d.why}`,
            ),
          ),
        ),
      ),
    ],
    i.why ? el('p', { class: 'prose' }, i.why) : '',
    kindLabel(i.kind),
  ];
  return el(
    'tr',
    { dataset: { kind: i.kind } },
    cells.map((c, n) => (n === 1 ? el('th', { scope: 'row' }, c) : el('td', { 'data-label': headers[n] }, c))),
  );
}

async function replay(path, button, verdict, details, line) {
  button.disabled = true;
  verdict.replaceChildren();
  details.replaceChildren();
  line.classList.remove('error', 'ok');
  line.textContent = t('auditReplaying');
  try {
    const r = await api('POST', `${path}/replay`);
    line.textContent = '';
    const good = r.deterministic && r.agreesWithHistory && r.agreesWithDatabase;
    const status = r.status ? label(vocab.statuses[r.status], r.status) : '—';
    if (good) verdict.replaceChildren(el('div', { class: 'verdict good' }, el('p', {}, mark('✔'), t('replayGood', { events: r.events, status }))));
    else
      verdict.replaceChildren(
        el(
          'div',
          { class: 'verdict bad' },
          el('p', {}, mark('✘'), t('replayBad')),
          el(
            'ul',
            {},
            !r.deterministic && el('li', {}, t('replayNondeterministic', { why: r.failure?.message ?? r.failure?.kind ?? '—' })),
            !r.agreesWithHistory && el('li', {}, t('replayHistoryDisagrees')),
            !r.agreesWithDatabase && el('li', {}, t('replayDatabaseDisagrees')),
          ),
        ),
      );
    details.append(
      facts([
        [t('replayDeterministic'), yesNo(r.deterministic)],
        [t('replayEvents'), String(r.events)],
        [t('replayStatus'), status],
        [t('replayAgreesHistory'), yesNo(r.agreesWithHistory)],
        [t('replayAgreesDatabase'), yesNo(r.agreesWithDatabase)],
        [t('auditFactSource'), r.source === 'archive' ? t('sourceArchive') : t('sourceServer')],
        [t('replayTime'), t('replayMs', { ms: Math.round(r.replayMs) })],
      ]),
    );
    if (r.disagreements.length)
      details.append(
        table(
          t('disagreementsCaption', { n: r.disagreements.length }),
          [t('colSubject'), t('colAgainst'), t('colReplayed'), t('colRecorded')],
          r.disagreements.map((d) => [
            d.subject,
            t(d.against === 'database' ? 'againstDatabase' : 'againstHistory'),
            el('code', { class: 'prose' }, JSON.stringify(d.replayed) ?? '—'),
            el('code', { class: 'prose' }, JSON.stringify(d.recorded) ?? '—'),
          ]),
          0,
          'stack',
        ),
      );
  } catch (err) {
    showError(line, err);
  } finally {
    button.disabled = false;
  }
}

async function verifyChain(button, result, line) {
  button.disabled = true;
  result.replaceChildren();
  line.classList.remove('error', 'ok');
  line.textContent = t('chainVerifying');
  try {
    const v = await api('GET', '/api/audit/verify');
    line.textContent = '';
    const anchored = v.anchoredHead && el('p', {}, t('chainAnchored', { id: v.anchoredHead.id, at: formatTime(v.anchoredHead.at) }));
    if (v.ok) result.replaceChildren(el('div', { class: 'verdict good' }, el('p', {}, mark('✔'), t('chainGood', { entries: v.entries, anchors: v.anchors })), anchored));
    else {
      const problem = PROBLEMS[v.problem] ? t(PROBLEMS[v.problem]) : t('problemUnknown', { problem: v.problem ?? '—' });
      result.replaceChildren(
        el('div', { class: 'verdict bad' }, el('p', {}, mark('✘'), t('chainBad', { problem })), v.firstBadEntry !== undefined && el('p', {}, t('chainFirstBad', { id: v.firstBadEntry })), anchored),
      );
    }
  } catch (err) {
    showError(line, err);
  } finally {
    button.disabled = false;
  }
}
