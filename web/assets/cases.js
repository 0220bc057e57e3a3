// The cases the signed-in user may see (a unit its own, a reviewer their fields, the secretariat
// and auditors all), newest first, phones masked, filtered by campaign, status and field or found by
// part of a name or case number, exported as CSV with the same filters; each leads to the case view.
import { api, labels } from './api.js';
import { fieldChoices, fieldNamer } from './campaigns.js';
import { define, formatTime, label, t } from './i18n.js';
import { el, renderShell, requireUser, saveBlob, showError, showOk, statusLine } from './shell.js';

define({
  casesFiltersLabel: { zh: '筛选申报', en: 'Filter cases' },
  casesCampaign: { zh: '评选活动', en: 'Campaign' },
  casesStatus: { zh: '状态', en: 'Status' },
  casesField: { zh: '业务领域', en: 'Field' },
  casesAll: { zh: '全部', en: 'All' },
  casesCaption: { zh: '申报（{n} 件，最新提交的在前）', en: 'Cases ({n}, newest first)' },
  casesNominee: { zh: '候选人/团队', en: 'Nominee' },
  casesUnit: { zh: '推荐单位', en: 'Recommending unit' },
  casesChannel: { zh: '申报渠道', en: 'Channel' },
  casesCategory: { zh: '类别', en: 'Category' },
  casesPhone: { zh: '联系电话', en: 'Phone' },
  casesSubmitted: { zh: '提交时间', en: 'Submitted' },
  casesNone: { zh: '没有符合条件的申报。', en: 'No cases match.' },
  casesCut: { zh: '只列出最近的 {n} 件，请用筛选缩小范围。', en: 'Only the latest {n} are listed; narrow the filters.' },
  casesSearch: { zh: '查找申报', en: 'Find a case' },
  casesSearchHint: { zh: '输入候选人姓名或申报编号的一部分', en: 'Part of a nominee’s name or of a case number' },
  casesSearchButton: { zh: '查找', en: 'Find' },
  casesExport: { zh: '导出 CSV', en: 'Export CSV' },
  casesExportHint: { zh: '按当前筛选条件导出，不含电话、年龄和邮箱；时间为北京时间。', en: 'Exports what the filters select, without phone, age or email; times in Beijing time.' },
  casesExported: { zh: '已导出申报列表。', en: 'The case list was exported.' },
});

const LIST_LIMIT = 1000;

const user = requireUser();
const main = renderShell(t('cases'));
const line = statusLine();
main.append(line);

try {
  await start();
} catch (err) {
  showError(line, err);
}

async function start() {
  const [vocab, { campaigns }] = await Promise.all([labels(), api('GET', '/api/campaigns')]);
  const params = new URLSearchParams(location.search);
  const state = { campaign: params.get('campaign') ?? '', status: params.get('status') ?? '', field: params.get('field') ?? '', q: params.get('q') ?? '' };
  const fieldOf = fieldNamer(campaigns, vocab);
  const everyField = fieldChoices(campaigns, vocab);
  const fieldOptions = !user.roles.includes('unit') && user.fields?.length ? user.fields.map((f) => [f, everyField.find(([code]) => code === f)?.[1] ?? label(vocab.fields[f], f)]) : everyField;
  const select = (id, text, options, value) =>
    el(
      'div',
      {},
      el('label', { for: id }, text),
      el('select', { id, name: id }, el('option', { value: '' }, t('casesAll')), options.map(([v, name]) => el('option', { value: v, selected: v === value }, name))),
    );
  const filters = el(
    'form',
    { class: 'filters', 'aria-label': t('casesFiltersLabel') },
    select('campaign', t('casesCampaign'), campaigns.map((c) => [c.id, c.title]), state.campaign),
    select('status', t('casesStatus'), Object.keys(vocab.statuses).map((s) => [s, label(vocab.statuses[s], s)]), state.status),
    select('field', t('casesField'), fieldOptions, state.field),
    el(
      'div',
      { class: 'search', role: 'search' },
      el('label', { for: 'q' }, t('casesSearch')),
      el('span', { class: 'hint', id: 'q-hint' }, t('casesSearchHint')),
      el('span', { class: 'search-row' }, el('input', { id: 'q', name: 'q', type: 'search', maxlength: '100', value: state.q, autocomplete: 'off', 'aria-describedby': 'q-hint', dataset: { hint: 'q-hint' } }), el('button', { type: 'submit', class: 'secondary' }, t('casesSearchButton'))),
    ),
  );
  const readFilters = () => {
    state.campaign = filters.elements.campaign.value;
    state.status = filters.elements.status.value;
    state.field = filters.elements.field.value;
    state.q = filters.elements.q.value.trim();
  };
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    readFilters();
    void load();
  });
  filters.addEventListener('change', (event) => {
    // The search box searches on Enter or its button (or a pause in typing), not when it loses focus.
    if (event.target.name === 'q') return;
    readFilters();
    void load();
  });
  let typing;
  filters.elements.q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      if (filters.elements.q.value.trim() === state.q) return;
      readFilters();
      void load();
    }, 400);
  });

  const exportLine = statusLine();
  const exportButton = el('button', { type: 'button', class: 'secondary', 'aria-describedby': 'export-hint' }, t('casesExport'));
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      // Fetched with the session's token (a plain link would carry none), then saved as the file it is.
      const query = apiQuery();
      saveBlob(await api('GET', `/api/nominations.csv${query ? `?${query}` : ''}`, { accept: 'text/csv' }), 'cases.csv');
      showOk(exportLine, t('casesExported'));
    } catch (err) {
      showError(exportLine, err);
    } finally {
      exportButton.disabled = false;
    }
  });
  const list = el('div', { id: 'cases-list' });
  main.append(filters, el('p', { class: 'actions' }, exportButton, el('span', { class: 'hint', id: 'export-hint' }, t('casesExportHint'))), exportLine, list);

  /** The filters as the API takes them, for the list and its export alike. */
  function apiQuery() {
    const q = new URLSearchParams();
    if (state.campaign) q.set('campaignId', state.campaign);
    if (state.status) q.set('status', state.status);
    if (state.field) q.set('field', state.field);
    if (state.q) q.set('q', state.q);
    return q.toString();
  }

  let loading = 0;
  async function load() {
    const q = apiQuery();
    const shown = new URLSearchParams();
    if (state.campaign) shown.set('campaign', state.campaign);
    if (state.status) shown.set('status', state.status);
    if (state.field) shown.set('field', state.field);
    if (state.q) shown.set('q', state.q);
    history.replaceState(null, '', shown.toString() ? `?${shown}` : location.pathname);
    const ticket = ++loading;
    list.setAttribute('aria-busy', 'true');
    let cases;
    try {
      ({ cases } = await api('GET', `/api/nominations${q ? `?${q}` : ''}`));
      line.textContent = '';
      line.className = 'status';
    } catch (err) {
      if (ticket === loading) showError(line, err);
      return;
    } finally {
      if (ticket === loading) list.removeAttribute('aria-busy');
    }
    if (ticket !== loading) return;
    const campaignTitle = (id) => campaigns.find((c) => c.id === id)?.title ?? id;
    list.replaceChildren(
      cases.length >= LIST_LIMIT ? el('p', { class: 'status' }, t('casesCut', { n: LIST_LIMIT })) : '',
      cases.length
        ? el(
            'div',
            { class: 'table-wrap' },
            el(
              'table',
              { class: 'stack' },
              el('caption', {}, t('casesCaption', { n: cases.length })),
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  [t('casesNominee'), t('casesUnit'), t('casesField'), t('casesChannel'), t('casesCategory'), t('casesStatus'), t('casesPhone'), t('casesSubmitted'), !state.campaign && t('casesCampaign')]
                    .filter(Boolean)
                    .map((text) => el('th', { scope: 'col' }, text)),
                ),
              ),
              el(
                'tbody',
                {},
                cases.map((c) =>
                  el(
                    'tr',
                    {},
                    el('th', { scope: 'row' }, el('a', { href: `/case?id=${encodeURIComponent(c.caseId)}` }, c.nomineeName || c.caseId)),
                    el('td', { 'data-label': t('casesUnit') }, c.recommendingUnit),
                    el('td', { 'data-label': t('casesField') }, fieldOf(c.campaignId, c.field)),
                    el('td', { 'data-label': t('casesChannel') }, label(vocab.channels[c.channel], c.channel)),
                    el('td', { 'data-label': t('casesCategory') }, label(vocab.categories[c.category], c.category)),
                    el('td', { 'data-label': t('casesStatus') }, el('span', { class: 'badge' }, label(vocab.statuses[c.status], c.status))),
                    el('td', { 'data-label': t('casesPhone') }, c.phone ?? ''),
                    el('td', { 'data-label': t('casesSubmitted') }, el('time', { datetime: c.submittedAt }, formatTime(c.submittedAt))),
                    !state.campaign && el('td', { 'data-label': t('casesCampaign') }, campaignTitle(c.campaignId)),
                  ),
                ),
              ),
            ),
          )
        : el('p', {}, t('casesNone')),
    );
  }

  await load();
}
