// The staff inbox: the tasks the signed-in reviewer may act on, soonest due first (the API sorts),
// in three tabs (claimed by me / my groups / unclaimed), filtered by kind, field, campaign and
// overdue or found by part of a name or case number, with the counts per kind; branch-shortlist tasks
// of cases holding a media award marked 优先入围 (the API lists them first); claim, release, and open
// a task in the case view.
import { api, labels } from './api.js';
import { fieldChoices, fieldNamer } from './campaigns.js';
import { define, formatTime, label, t, timeLeft } from './i18n.js';
import { el, renderShell, requireUser, showError, showOk, statusLine } from './shell.js';

define({
  inboxTabsLabel: { zh: '任务范围', en: 'Which tasks' },
  tabMine: { zh: '我认领的', en: 'Claimed by me' },
  tabGroups: { zh: '本组任务', en: 'My groups' },
  tabUnclaimed: { zh: '未认领', en: 'Unclaimed' },
  filtersLabel: { zh: '筛选任务', en: 'Filter tasks' },
  filterKind: { zh: '任务类型', en: 'Task kind' },
  filterField: { zh: '业务领域', en: 'Field' },
  filterCampaign: { zh: '评选活动', en: 'Campaign' },
  filterOverdue: { zh: '只看已超期', en: 'Overdue only' },
  searchLabel: { zh: '查找申报', en: 'Find a case' },
  searchHint: { zh: '输入候选人姓名或申报编号的一部分', en: 'Part of a nominee’s name or of a case number' },
  searchButton: { zh: '查找', en: 'Find' },
  shortlistPriority: { zh: '优先入围', en: 'Shortlist priority' },
  shortlistPriorityTitle: { zh: '曾获媒体平台表彰与奖励，具有优先入围资格，排在前面', en: 'Holds a media award: priority on the shortlist, listed first' },
  inboxCaptionPriority: { zh: '{tab}（{n} 项；优先入围的在前，其余截止时间最早的在前）', en: '{tab} ({n}; shortlist priority first, then soonest due)' },
  allOption: { zh: '全部', en: 'All' },
  countsLabel: { zh: '各类任务数量', en: 'Tasks by kind' },
  countsTotal: { zh: '共 {n} 项，其中已超期 {overdue} 项', en: '{n} in all, {overdue} overdue' },
  countOfKind: { zh: '{kind}：{n}', en: '{kind}: {n}' },
  inboxCaption: { zh: '{tab}（{n} 项，截止时间最早的在前）', en: '{tab} ({n}, soonest due first)' },
  colKind: { zh: '任务类型', en: 'Kind' },
  colCase: { zh: '申报摘要', en: 'Case' },
  colField: { zh: '业务领域', en: 'Field' },
  colDue: { zh: '截止时间', en: 'Due' },
  colClaimedBy: { zh: '认领人', en: 'Claimed by' },
  colPhone: { zh: '联系电话', en: 'Phone' },
  colActions: { zh: '操作', en: 'Actions' },
  claimedByMe: { zh: '我', en: 'Me' },
  notClaimed: { zh: '未认领', en: 'Not claimed' },
  claim: { zh: '认领', en: 'Claim' },
  release: { zh: '释放', en: 'Release' },
  open: { zh: '打开', en: 'Open' },
  claimed: { zh: '已认领：{summary}', en: 'Claimed: {summary}' },
  released: { zh: '已释放：{summary}', en: 'Released: {summary}' },
  noTasks: { zh: '没有符合条件的任务。', en: 'No tasks match.' },
  inboxNotForYou: { zh: '待办任务供评审工作人员使用。您可以在“申报列表”中查看申报。', en: 'The inbox is for reviewers. You can follow your cases under “Cases”.' },
});


const TABS = [
  { id: 'mine', text: () => t('tabMine'), claimed: 'mine' },
  { id: 'groups', text: () => t('tabGroups') },
  { id: 'unclaimed', text: () => t('tabUnclaimed'), claimed: 'none' },
];

const user = requireUser();
const main = renderShell(t('inbox'));
const line = statusLine();

let vocab;
try {
  vocab = await labels();
} catch (err) {
  main.append(line);
  showError(line, err);
}
if (vocab) {
  if (!Object.values(vocab.taskKinds).some((kind) => user.roles.includes(kind.role))) {
    main.append(el('p', {}, t('inboxNotForYou'), ' ', el('a', { href: '/cases' }, t('cases'))));
  } else {
    await start();
  }
}

async function start() {
  const params = new URLSearchParams(location.search);
  const state = {
    tab: TABS.some((tab) => tab.id === params.get('tab')) ? params.get('tab') : 'groups',
    kind: params.get('kind') ?? '',
    field: params.get('field') ?? '',
    campaign: params.get('campaign') ?? '',
    overdue: params.get('overdue') === '1',
    q: params.get('q') ?? '',
  };

  let campaigns = [];
  try {
    ({ campaigns } = await api('GET', '/api/campaigns'));
  } catch (err) {
    main.append(line);
    showError(line, err);
    return;
  }

  // Tabs (WAI-ARIA tabs pattern: arrow keys move between them, one tab stop).
  const tabButtons = TABS.map((tab) =>
    el('button', { type: 'button', role: 'tab', id: `tab-${tab.id}`, 'aria-controls': 'inbox-panel', onclick: () => selectTab(tab.id, false) }, tab.text()),
  );
  const tabList = el('div', { class: 'tabs', role: 'tablist', 'aria-label': t('inboxTabsLabel') }, tabButtons);
  tabList.addEventListener('keydown', (event) => {
    const i = TABS.findIndex((tab) => tab.id === state.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(TABS[(next + TABS.length) % TABS.length].id, true);
  });

  // Filters: applied as soon as one changes.
  const kinds = Object.keys(vocab.taskKinds).filter((k) => user.roles.includes('secretariat') || user.roles.includes(vocab.taskKinds[k].role));
  const fieldOf = fieldNamer(campaigns, vocab);
  // A reviewer's own fields, named as the campaigns name them; else every campaign's fields.
  const everyField = fieldChoices(campaigns, vocab);
  const fieldOptions = user.fields?.length ? user.fields.map((f) => [f, everyField.find(([code]) => code === f)?.[1] ?? label(vocab.fields[f], f)]) : everyField;
  const select = (id, text, options, value) => [
    el('label', { for: id }, text),
    el('select', { id, name: id }, el('option', { value: '' }, t('allOption')), options.map(([v, name]) => el('option', { value: v, selected: v === value }, name))),
  ];
  const filters = el(
    'form',
    { class: 'filters', 'aria-label': t('filtersLabel') },
    el('div', {}, select('kind', t('filterKind'), kinds.map((k) => [k, label(vocab.taskKinds[k], k)]), state.kind)),
    el('div', {}, select('field', t('filterField'), fieldOptions, state.field)),
    el('div', {}, select('campaign', t('filterCampaign'), campaigns.map((c) => [c.id, c.title]), state.campaign)),
    el('div', { class: 'choice' }, el('input', { type: 'checkbox', id: 'overdue', name: 'overdue', checked: state.overdue }), el('label', { for: 'overdue' }, t('filterOverdue'))),
    el(
      'div',
      { class: 'search', role: 'search' },
      el('label', { for: 'q' }, t('searchLabel')),
      el('span', { class: 'hint', id: 'q-hint' }, t('searchHint')),
      el('span', { class: 'search-row' }, el('input', { id: 'q', name: 'q', type: 'search', maxlength: '100', value: state.q, autocomplete: 'off', 'aria-describedby': 'q-hint', dataset: { hint: 'q-hint' } }), el('button', { type: 'submit', class: 'secondary' }, t('searchButton'))),
    ),
  );
  const readFilters = () => {
    state.kind = filters.elements.kind.value;
    state.field = filters.elements.field.value;
    state.campaign = filters.elements.campaign.value;
    state.overdue = filters.elements.overdue.checked;
    state.q = filters.elements.q.value.trim();
  };
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    readFilters();
    void load();
  });
  filters.addEventListener('change', (event) => {
    // The search box searches on Enter or its button, not on every change of focus.
    if (event.target.name === 'q') return;
    readFilters();
    void load();
  });
  // Searching as one types, once the typing pauses; an emptied box shows every task again.
  let typing;
  filters.elements.q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      if (filters.elements.q.value.trim() === state.q) return;
      readFilters();
      void load();
    }, 400);
  });

  const counts = el('ul', { class: 'counts', 'aria-label': t('countsLabel') });
  const panel = el('div', { id: 'inbox-panel', role: 'tabpanel', tabindex: '-1' });
  main.append(tabList, filters, line, panel);

  function selectTab(id, focus) {
    state.tab = id;
    for (const [i, button] of tabButtons.entries()) {
      const selected = TABS[i].id === id;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      if (selected) {
        panel.setAttribute('aria-labelledby', button.id);
        if (focus) button.focus();
      }
    }
    void load();
  }

  /** Keeps the view in the address, so Back from a case returns to the same list. */
  function remember() {
    const q = new URLSearchParams();
    if (state.tab !== 'groups') q.set('tab', state.tab);
    if (state.kind) q.set('kind', state.kind);
    if (state.field) q.set('field', state.field);
    if (state.campaign) q.set('campaign', state.campaign);
    if (state.overdue) q.set('overdue', '1');
    if (state.q) q.set('q', state.q);
    const search = q.toString();
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  }

  let loading = 0;
  async function load({ focusTask } = {}) {
    remember();
    const ticket = ++loading;
    const tab = TABS.find((x) => x.id === state.tab);
    // The kind filter is applied here, so the counts per kind cover the whole tab.
    const q = new URLSearchParams();
    if (tab.claimed) q.set('claimed', tab.claimed);
    if (state.field) q.set('field', state.field);
    if (state.campaign) q.set('campaignId', state.campaign);
    if (state.overdue) q.set('overdue', 'true');
    if (state.q) q.set('q', state.q);
    panel.setAttribute('aria-busy', 'true');
    let tasks;
    try {
      ({ tasks } = await api('GET', `/api/inbox${q.toString() ? `?${q}` : ''}`));
    } catch (err) {
      if (ticket === loading) showError(line, err);
      panel.removeAttribute('aria-busy');
      return;
    }
    if (ticket !== loading) return;
    panel.removeAttribute('aria-busy');
    const isOverdue = (task) => task.overdue ?? Date.parse(task.dueAt) < Date.now();
    const byKind = new Map();
    for (const task of tasks) byKind.set(task.kind, (byKind.get(task.kind) ?? 0) + 1);
    counts.replaceChildren(
      el('li', {}, t('countsTotal', { n: tasks.length, overdue: tasks.filter(isOverdue).length })),
      ...[...byKind].map(([kind, n]) => el('li', {}, t('countOfKind', { kind: label(vocab.taskKinds[kind], kind), n }))),
    );
    const shown = state.kind ? tasks.filter((task) => task.kind === state.kind) : tasks;
    panel.replaceChildren(counts, shown.length ? table(shown, tab, isOverdue) : el('p', {}, t('noTasks')));
    if (focusTask) panel.querySelector(`[data-task="${CSS.escape(focusTask)}"]`)?.focus();
  }

  function table(tasks, tab, isOverdue) {
    return el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'inbox stack' },
        el('caption', {}, t(tasks.some((task) => task.shortlistPriority) ? 'inboxCaptionPriority' : 'inboxCaption', { tab: tab.text(), n: tasks.length })),
        el('thead', {}, el('tr', {}, ['colCase', 'colKind', 'colField', 'colDue', 'colClaimedBy', 'colPhone', 'colActions'].map((k) => el('th', { scope: 'col' }, t(k))))),
        el('tbody', {}, tasks.map((task) => row(task, isOverdue(task)))),
      ),
    );
  }

  function row(task, overdue) {
    const mine = task.claimedBy === user.id;
    const action = !task.claimedBy
      ? el('button', { type: 'button', class: 'secondary', dataset: { task: task.id }, onclick: () => act(task, 'claim') }, t('claim'))
      : mine
        ? el('button', { type: 'button', class: 'secondary', dataset: { task: task.id }, onclick: () => act(task, 'release') }, t('release'))
        : null;
    const href = `/case?id=${encodeURIComponent(task.caseId)}&task=${encodeURIComponent(task.id)}`;
    return el(
      'tr',
      { class: [overdue && 'overdue', task.shortlistPriority && 'priority'].filter(Boolean).join(' ') || undefined },
      el(
        'th',
        { scope: 'row' },
        task.summary || task.caseId,
        task.shortlistPriority && [' ', el('strong', { class: 'badge priority', title: t('shortlistPriorityTitle') }, t('shortlistPriority'))],
      ),
      el('td', { 'data-label': t('colKind') }, label(vocab.taskKinds[task.kind], task.kind)),
      el('td', { 'data-label': t('colField') }, fieldOf(task.campaignId, task.field)),
      el(
        'td',
        { 'data-label': t('colDue') },
        el('time', { datetime: task.dueAt }, formatTime(task.dueAt)),
        el('br'),
        // timeLeft says "已超期 …" / "… overdue" in words once the due time has passed.
        overdue ? el('strong', { class: 'overdue' }, timeLeft(task.dueAt)) : el('span', {}, timeLeft(task.dueAt)),
      ),
      el('td', { 'data-label': t('colClaimedBy') }, !task.claimedBy ? el('span', { class: 'muted' }, t('notClaimed')) : mine ? t('claimedByMe') : (task.claimedByName ?? task.claimedBy)),
      el('td', { 'data-label': t('colPhone') }, task.phone ?? ''),
      el('td', {}, el('div', { class: 'actions' }, action, el('a', { class: 'button', href }, t('open')))),
    );
  }

  async function act(task, verb) {
    const summary = task.summary || task.caseId;
    try {
      await api('POST', `/api/tasks/${encodeURIComponent(task.id)}/${verb}`);
      showOk(line, t(verb === 'claim' ? 'claimed' : 'released', { summary }));
    } catch (err) {
      showError(line, err);
    }
    await load({ focusTask: task.id });
    // A released task may leave the "mine" tab: keep the keyboard in the list.
    if (!panel.contains(document.activeElement)) panel.focus();
  }

  selectTab(state.tab, false);
}
