// A campaign's settings, created (`/campaign`, optionally from an earlier one: `?copyFrom=`) or
// edited (`/campaign?id=`): its dates on Beijing's clock, the winner target, the notice period in
// days, self-nomination, its business fields, unit kinds and quotas, criteria, committee and
// quorum — all in words and dates, never an ISO string. Editing sends the settings changed to
// PATCH /api/campaigns/:id and changed dates to its deadlines endpoint.
import { api, labels } from './api.js';
import { beijingParts, durationDays, durationInWords, fromBeijing } from './campaigns.js';
import { define, label, lang, t } from './i18n.js';
import { checkboxGroup, checkedValues, el, flash, markField, markGroup, renderShell, requireUser, showError, showOk, showRefusal, statusLine } from './shell.js';

define({
  campaignNew: { zh: '新建评选活动', en: 'New campaign' },
  campaignEdit: { zh: '活动设置', en: 'Campaign settings' },
  campaignNotForYou: { zh: '评选活动由秘书处设置。', en: 'Campaigns are set up by the secretariat.' },
  campaignIntro: {
    zh: '带 * 的为必填项。时间均为北京时间。',
    en: 'Items marked * are required. Times are Beijing time.',
  },
  toDashboard: { zh: '打开活动总览', en: 'Open the dashboard' },
  copyThis: { zh: '以本活动为模板新建下一届', en: 'Start next year’s campaign from this one' },
  template: { zh: '以往届活动为模板', en: 'Start from an earlier campaign' },
  templateHint: { zh: '选择后，下面的设置（时间除外）按该活动填好，可再修改。', en: 'The settings below (not the dates) are filled in from it; change what you need.' },
  noTemplate: { zh: '不使用模板（按全国通知的默认设置）', en: 'None (the national notice’s defaults)' },
  templateOption: { zh: '{title}（{code}）', en: '{title} ({code})' },
  templateApplied: { zh: '已按“{title}”填好设置，请设置新的时间并检查其余各项。', en: 'Filled in from “{title}”: set the new dates and check the rest.' },

  sectionBasics: { zh: '基本信息', en: 'The campaign' },
  code: { zh: '活动代码', en: 'Code' },
  codeHint: { zh: '小写字母、数字和短横线，2–63 个字符，例如 2025-zhejiang。出现在活动的链接中，创建后不能修改。', en: 'Lower-case letters, digits and dashes, 2–63 characters, e.g. 2025-zhejiang. It appears in the campaign’s links and cannot change later.' },
  title: { zh: '活动名称', en: 'Title' },

  sectionDates: { zh: '时间（北京时间）', en: 'Dates (Beijing time)' },
  submissionDate: { zh: '申报截止日期', en: 'Submissions close: date' },
  submissionTime: { zh: '申报截止时间', en: 'Submissions close: time' },
  reviewDate: { zh: '评审截止日期', en: 'Reviews close: date' },
  reviewTime: { zh: '评审截止时间', en: 'Reviews close: time' },
  datesHint: { zh: '评审截止须晚于申报截止。修改后，进行中的申报和待办任务立即按新的时间执行。', en: 'Reviews must close after submissions. Running cases and open tasks follow changed dates at once.' },

  sectionRules: { zh: '评选规则', en: 'Rules' },
  winnerCap: { zh: '当选名额（约）', en: 'Winners (about)' },
  winnerCapHint: { zh: '评审委员会评选按得分取前若干名；与最后一名同分者一并当选，所以实际人数可能略多。', en: 'The committee round takes the best scores up to this number; cases tied with the last are all selected, so there may be a few more.' },
  noticeDays: { zh: '公示期（天）', en: 'Public notice (days)' },
  noticeDaysHint: { zh: '评选结束后名单公示的天数。', en: 'How many days the winners are publicly noticed after the round closes.' },
  noticeCurrent: { zh: '当前公示期为 {words}；填写天数即改为按天计算，不填则保持不变。', en: 'The notice period is now {words}; give a number of days to change it, or leave it empty to keep it.' },
  selfNomination: { zh: '接受个人自荐', en: 'Self-nominations accepted' },
  selfNominationHint: { zh: '不勾选时，只有推荐单位可以申报。', en: 'Unticked, only recommending units nominate.' },

  sectionFields: { zh: '业务领域', en: 'Business fields' },
  fieldsHint: {
    zh: '申报人选择所属业务领域，审核任务按领域分派给评审工作组和分支机构。代码用小写字母、数字和短横线，以字母开头（例如 greening）。留空则采用全国通知的 13 个业务领域。',
    en: 'Each nomination names its business field; review tasks go to the working group and branch of that field. Codes are lower-case letters, digits and dashes, starting with a letter (e.g. greening). Left empty: the national notice’s 13 fields.',
  },
  fieldRow: { zh: '业务领域 {n}', en: 'Business field {n}' },
  fieldCode: { zh: '代码', en: 'Code' },
  fieldName: { zh: '名称', en: 'Name' },
  fieldNameEn: { zh: '英文名称（选填）', en: 'English name (optional)' },
  addField: { zh: '添加业务领域', en: 'Add a field' },
  removeField: { zh: '删除业务领域 {n}', en: 'Remove business field {n}' },

  sectionKinds: { zh: '推荐单位类型与名额', en: 'Unit kinds and quotas' },
  kindsHint: {
    zh: '哪些类型的单位可以推荐、通过哪个渠道、每个单位最多推荐几人。单位按类型在“人员与单位”页登记。留空则采用全国通知的设置。',
    en: 'Which kinds of unit nominate, through which channel, and how many each unit may nominate. Units are registered by kind on the People page. Left empty: the national notice’s kinds.',
  },
  kindRow: { zh: '单位类型 {n}', en: 'Unit kind {n}' },
  kindCode: { zh: '代码', en: 'Code' },
  kindName: { zh: '名称', en: 'Name' },
  kindChannel: { zh: '推荐渠道', en: 'Channel' },
  kindQuota: { zh: '每个单位的推荐名额', en: 'Nominations per unit' },
  addKind: { zh: '添加单位类型', en: 'Add a unit kind' },
  removeKind: { zh: '删除单位类型 {n}', en: 'Remove unit kind {n}' },

  sectionCriteria: { zh: '推荐条件', en: 'Criteria' },
  criteriaHint: { zh: '评审人员据以审核的条件，每条一项，显示在每个审核表单上。留空则采用全国通知的推荐条件。', en: 'What reviewers judge against, one per item, shown on every decision form. Left empty: the national notice’s criteria.' },
  criterionRow: { zh: '推荐条件 {n}', en: 'Criterion {n}' },
  nationalDefaults: { zh: '全国通知的设置（留空时采用）', en: 'The national notice’s setting (used when left empty)' },
  nationalKind: { zh: '{channel}，每个单位最多 {quota} 名', en: '{channel}, at most {quota} per unit' },
  addCriterion: { zh: '添加推荐条件', en: 'Add a criterion' },
  removeCriterion: { zh: '删除推荐条件 {n}', en: 'Remove criterion {n}' },

  sectionCommittee: { zh: '评审委员会', en: 'Review committee' },
  committeeMembers: { zh: '委员', en: 'Members' },
  committeeHint: { zh: '从“评审委员会委员”账号中选择本活动的委员。委员回避本单位推荐的申报。', en: 'This campaign’s members, from the committee accounts. Members stay out of their own unit’s cases.' },
  noCommitteeAccounts: { zh: '还没有评审委员会委员账号，请先在“人员与单位”页创建。', en: 'There is no committee account yet: create them on the People page first.' },
  toPeople: { zh: '前往人员与单位', en: 'Go to People and units' },
  memberOption: { zh: '{name}（{username}{unit}）', en: '{name} ({username}{unit})' },
  memberUnit: { zh: '，{unit}', en: ', {unit}' },
  memberDisabled: { zh: '（已停用）', en: ' (disabled)' },
  quorum: { zh: '法定票数', en: 'Votes a case needs' },
  quorumHint: {
    zh: '每件申报需要的委员票数。不填则为委员会成员的过半数（现选 {n} 人，即 {majority} 票）；不能超过委员会人数。委员回避后可投票者不足时，以可投票人数为准。',
    en: 'Committee votes each case needs. Left empty: a majority of the committee ({n} chosen now, so {majority}); it may not exceed the committee. When recusals leave fewer members who may vote, that number is needed.',
  },

  quorumHintEmpty: { zh: '每件申报需要的委员票数。不填则为委员会成员的过半数；不能超过委员会人数。', en: 'Committee votes each case needs. Left empty: a majority of the committee; it may not exceed the committee.' },
  create: { zh: '创建评选活动', en: 'Create the campaign' },
  save: { zh: '保存设置', en: 'Save the settings' },
  saving: { zh: '正在保存……', en: 'Saving…' },
  created: { zh: '评选活动“{title}”已创建。', en: 'The campaign “{title}” is created.' },
  saved: { zh: '设置已保存。', en: 'The settings are saved.' },
  savedDates: { zh: '设置已保存，进行中的申报已按新的时间执行。', en: 'Saved; running cases follow the new dates.' },
  nothingChanged: { zh: '没有修改任何内容。', en: 'Nothing was changed.' },
  checkFields: { zh: '请检查标出的项目。', en: 'Check the items marked.' },
  settingsSavedDatesRefused: { zh: '其他设置已保存，但时间未能修改：', en: 'The other settings are saved, but the dates were not changed:' },
  errRequired: { zh: '此项为必填项。', en: 'This item is required.' },
  errCode: { zh: '只能使用小写字母、数字和短横线，以字母开头。', en: 'Lower-case letters, digits and dashes, starting with a letter.' },
  errCampaignCode: { zh: '只能使用小写字母、数字和短横线（2–63 个字符）。', en: 'Lower-case letters, digits and dashes (2–63 characters).' },
  errInt: { zh: '请输入 {min} 到 {max} 之间的整数。', en: 'Enter a whole number from {min} to {max}.' },
  errDuplicate: { zh: '代码重复：每个代码只能出现一次。', en: 'Each code may appear only once.' },
  errOrder: { zh: '评审截止须晚于申报截止。', en: 'Reviews must close after submissions.' },
  errQuorum: { zh: '法定票数不能超过评审委员会人数（{n} 人）。', en: 'No more than the committee has members ({n}).' },
  rowRemoved: { zh: '已删除一行。', en: 'Row removed.' },
});

const user = requireUser();
const params = new URLSearchParams(location.search);
const editId = params.get('id');
const main = renderShell(editId ? t('campaignEdit') : t('campaignNew'));
// Shown only when the page cannot be drawn at all; the form has its own line.
const pageLine = statusLine();

const FIELD_CODE = /^[a-z][a-z0-9-]{0,39}$/;
const CAMPAIGN_CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

if (!user.roles.includes('secretariat')) main.append(el('p', {}, t('campaignNotForYou')));
else await start();

async function start() {
  let vocab;
  let campaigns;
  let accounts;
  try {
    [vocab, { campaigns }, { users: accounts }] = await Promise.all([labels(), api('GET', '/api/campaigns'), api('GET', '/api/users')]);
  } catch (err) {
    main.append(pageLine);
    showError(pageLine, err);
    return;
  }
  const editing = editId ? campaigns.find((c) => c.id === editId) : null;
  if (editId && !editing) {
    main.append(pageLine);
    showError(pageLine, { message: (await api('GET', `/api/campaigns/${encodeURIComponent(editId)}`).catch((err) => err)).message });
    return;
  }

  const intro = el('p', { class: 'hint' }, t('campaignIntro'));
  if (editing) {
    main.append(
      el('p', {}, el('strong', {}, editing.title), ` (${editing.code})`),
      el('p', { class: 'actions' }, el('a', { class: 'button secondary', href: `/dashboard?campaign=${encodeURIComponent(editing.id)}` }, t('toDashboard')), el('a', { href: `/campaign?copyFrom=${encodeURIComponent(editing.id)}` }, t('copyThis'))),
    );
  }
  main.append(intro);

  // ---------------------------------------------------------------- the form's parts

  const required = (text) => [text, ' ', el('span', { class: 'required-mark', 'aria-hidden': 'true' }, '*')];
  const labelled = (id, text, input, { hint, isRequired } = {}) =>
    el(
      'div',
      { class: 'control' },
      el('label', { for: id }, ...(isRequired ? required(text) : [text])),
      hint && el('span', { class: 'hint', id: `${id}-hint` }, hint),
      input,
    );
  const hinted = (input, hintId) => {
    input.setAttribute('aria-describedby', hintId);
    input.dataset.hint = hintId;
    return input;
  };

  const codeInput = hinted(el('input', { id: 'c-code', name: 'code', required: !editing, readonly: Boolean(editing), maxlength: 63, autocomplete: 'off', spellcheck: 'false' }), 'c-code-hint');
  const titleInput = el('input', { id: 'c-title', name: 'title', required: true, maxlength: 200, autocomplete: 'off' });

  const dateInput = (name, type) => el('input', { id: `c-${name}`, name, type, required: true });
  const submissionDate = hinted(dateInput('submissionDate', 'date'), 'c-dates-hint');
  const submissionTime = dateInput('submissionTime', 'time');
  const reviewDate = hinted(dateInput('reviewDate', 'date'), 'c-dates-hint');
  const reviewTime = dateInput('reviewTime', 'time');

  const winnerCap = hinted(el('input', { id: 'c-winnerCap', name: 'winnerCap', type: 'number', min: 1, max: 10000, step: 1, inputmode: 'numeric' }), 'c-winnerCap-hint');
  const noticeDays = hinted(el('input', { id: 'c-noticeDays', name: 'publicNoticePeriod', type: 'number', min: 1, max: 365, step: 1, inputmode: 'numeric' }), 'c-noticeDays-hint');
  const noticeNow = el('span', { class: 'hint', id: 'c-noticeDays-hint' }, t('noticeDaysHint'));
  const selfNomination = el('input', { id: 'c-selfNomination', name: 'selfNomination', type: 'checkbox', 'aria-describedby': 'c-selfNomination-hint' });

  const channelOptions = ['organisation', 'branch'].map((c) => [c, label(vocab.channels[c], c)]);
  const fieldRows = rowsEditor({
    name: 'fields',
    row: 'fieldRow',
    add: 'addField',
    remove: 'removeField',
    columns: [
      { key: 'code', text: t('fieldCode'), required: true, maxlength: 40, spellcheck: 'false' },
      { key: 'name', text: t('fieldName'), required: true, maxlength: 40 },
      { key: 'nameEn', text: t('fieldNameEn'), maxlength: 80 },
    ],
  });
  const kindRows = rowsEditor({
    name: 'unitKinds',
    row: 'kindRow',
    add: 'addKind',
    remove: 'removeKind',
    columns: [
      { key: 'code', text: t('kindCode'), required: true, maxlength: 40, spellcheck: 'false' },
      { key: 'name', text: t('kindName'), required: true, maxlength: 60 },
      { key: 'channel', text: t('kindChannel'), required: true, options: channelOptions },
      { key: 'quota', text: t('kindQuota'), required: true, type: 'number', min: 1, max: 1000 },
    ],
  });
  const criteriaRows = rowsEditor({ name: 'criteria', row: 'criterionRow', add: 'addCriterion', remove: 'removeCriterion', columns: [{ key: null, text: null, required: true, rows: 3, maxlength: 1000 }] });

  // Committee accounts that may serve, and any member chosen before who no longer is one (shown, so the change is seen).
  const committeeAccounts = accounts.filter((a) => a.roles.includes('committee') && !a.disabled);
  const formerMembers = (editing?.committee ?? []).filter((id) => !committeeAccounts.some((a) => a.id === id)).map((id) => accounts.find((a) => a.id === id) ?? { id, username: id });
  const memberText = (a) =>
    t('memberOption', { name: a.displayName || a.username, username: a.username, unit: a.unit ? t('memberUnit', { unit: a.unit }) : '' }) + (a.disabled || !a.roles?.includes('committee') ? t('memberDisabled') : '');
  const committeeBox = el('div');
  const quorum = hinted(el('input', { id: 'c-committeeQuorum', name: 'committeeQuorum', type: 'number', min: 1, max: 100, step: 1, inputmode: 'numeric' }), 'c-committeeQuorum-hint');
  const quorumHint = el('span', { class: 'hint', id: 'c-committeeQuorum-hint' });

  const templateSelect = el(
    'select',
    { id: 'c-template', name: 'copyFrom', 'aria-describedby': 'c-template-hint' },
    el('option', { value: '' }, t('noTemplate')),
    campaigns.map((c) => el('option', { value: c.id }, t('templateOption', { title: c.title, code: c.code }))),
  );

  const submit = el('button', { type: 'submit' }, editing ? t('save') : t('create'));
  const line = statusLine();
  const form = el(
    'form',
    { class: 'campaign-form', novalidate: true, 'aria-label': editing ? t('campaignEdit') : t('campaignNew') },
    !editing && campaigns.length > 0 && el('div', { class: 'card' }, labelled('c-template', t('template'), templateSelect, { hint: t('templateHint') })),
    el(
      'fieldset',
      {},
      el('legend', {}, t('sectionBasics')),
      labelled('c-code', t('code'), codeInput, { hint: t('codeHint'), isRequired: !editing }),
      labelled('c-title', t('title'), titleInput, { isRequired: true }),
    ),
    el(
      'fieldset',
      { id: 'dates-group', dataset: { group: 'deadlines' } },
      el('legend', {}, t('sectionDates')),
      el('p', { class: 'hint', id: 'c-dates-hint' }, t('datesHint')),
      el('div', { class: 'pair' }, labelled('c-submissionDate', t('submissionDate'), submissionDate, { isRequired: true }), labelled('c-submissionTime', t('submissionTime'), submissionTime, { isRequired: true })),
      el('div', { class: 'pair' }, labelled('c-reviewDate', t('reviewDate'), reviewDate, { isRequired: true }), labelled('c-reviewTime', t('reviewTime'), reviewTime, { isRequired: true })),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, t('sectionRules')),
      el('div', { class: 'control' }, el('label', { for: 'c-winnerCap' }, t('winnerCap')), el('span', { class: 'hint', id: 'c-winnerCap-hint' }, t('winnerCapHint')), winnerCap),
      el('div', { class: 'control' }, el('label', { for: 'c-noticeDays' }, t('noticeDays')), noticeNow, noticeDays),
      el('div', { class: 'choice' }, selfNomination, el('label', { for: 'c-selfNomination' }, t('selfNomination'))),
      el('p', { class: 'hint', id: 'c-selfNomination-hint' }, t('selfNominationHint')),
    ),
    el('fieldset', { id: 'fields-group', dataset: { group: 'fields' } }, el('legend', {}, t('sectionFields')), el('p', { class: 'hint' }, t('fieldsHint')), nationalDefaults('fields'), fieldRows.element),
    el('fieldset', { id: 'unitKinds-group', dataset: { group: 'unitKinds' } }, el('legend', {}, t('sectionKinds')), el('p', { class: 'hint' }, t('kindsHint')), nationalDefaults('unitKinds'), kindRows.element),
    el('fieldset', { id: 'criteria-group', dataset: { group: 'criteria' } }, el('legend', {}, t('sectionCriteria')), el('p', { class: 'hint' }, t('criteriaHint')), nationalDefaults('criteria'), criteriaRows.element),
    el(
      'fieldset',
      { id: 'section-committee', tabindex: '-1' },
      el('legend', {}, t('sectionCommittee')),
      committeeBox,
      el('div', { class: 'control' }, el('label', { for: 'c-committeeQuorum' }, t('quorum')), quorumHint, quorum),
    ),
    el('p', {}, submit),
    line,
  );
  main.append(form);

  /** What “left empty” means: the national notice's own setting, as /api/labels gives it (nothing when it does not). */
  function nationalDefaults(part) {
    const national = vocab.nationalCampaign?.[part];
    if (!national || (Array.isArray(national) ? !national.length : !Object.keys(national).length)) return null;
    const entries = Array.isArray(national) ? national : Object.entries(national).map(([code, words]) => ({ code, ...words }));
    const sep = lang === 'en' ? ': ' : '：';
    const nameOf = (item) => (typeof item === 'string' ? item : lang === 'en' ? (item.nameEn ?? item.en ?? item.name ?? item.zh) : (item.name ?? item.zh));
    const line = (item) => {
      if (part !== 'unitKinds' || typeof item === 'string') return nameOf(item);
      return `${nameOf(item)}${sep}${t('nationalKind', { channel: label(vocab.channels[item.channel], item.channel), quota: item.quota })}`;
    };
    return el('details', { class: 'national' }, el('summary', {}, t('nationalDefaults')), el(part === 'criteria' ? 'ol' : 'ul', {}, entries.map((item) => el('li', {}, line(item)))));
  }

  function renderCommittee(chosen) {
    if (!committeeAccounts.length && !formerMembers.length) {
      committeeBox.replaceChildren(el('p', { id: 'committee-group', dataset: { group: 'committee' } }, t('noCommitteeAccounts'), ' ', el('a', { href: '/people' }, t('toPeople'))));
    } else {
      committeeBox.replaceChildren(
        checkboxGroup('committee', t('committeeMembers'), [...committeeAccounts, ...formerMembers].map((a) => [a.id, memberText(a)]), chosen, { hint: t('committeeHint'), idPrefix: 'committee' }),
      );
    }
    updateQuorumHint();
  }

  function updateQuorumHint() {
    const n = checkedValues(form, 'committee').length;
    quorumHint.textContent = n ? t('quorumHint', { n, majority: Math.floor(n / 2) + 1 }) : t('quorumHintEmpty');
  }
  committeeBox.addEventListener('change', updateQuorumHint);

  /** Fills the settings from a campaign (a template or the one edited); dates too when editing. */
  function fill(c, { dates }) {
    titleInput.value = editing ? c.title : titleInput.value;
    if (dates) {
      const s = beijingParts(c.submissionDeadline);
      const r = beijingParts(c.reviewDeadline);
      [submissionDate.value, submissionTime.value, reviewDate.value, reviewTime.value] = [s.date, s.time, r.date, r.time];
    }
    winnerCap.value = String(c.winnerCap);
    const days = durationDays(c.publicNoticePeriod);
    noticeDays.value = days ? String(days) : '';
    noticeNow.textContent = days ? t('noticeDaysHint') : t('noticeCurrent', { words: durationInWords(c.publicNoticePeriod) });
    selfNomination.checked = c.selfNomination;
    fieldRows.set(c.fields);
    kindRows.set(c.unitKinds.map((k) => ({ ...k, quota: String(k.quota) })));
    criteriaRows.set(c.criteria);
    renderCommittee(c.committee);
    quorum.value = String(c.committeeQuorum);
    updateQuorumHint();
  }

  if (editing) {
    codeInput.value = editing.code;
    fill(editing, { dates: true });
  } else {
    winnerCap.value = '100';
    noticeDays.value = '7';
    selfNomination.checked = true;
    fieldRows.set([]);
    kindRows.set([]);
    criteriaRows.set([]);
    renderCommittee(committeeAccounts.map((a) => a.id));
    const copyFrom = params.get('copyFrom');
    if (copyFrom && campaigns.some((c) => c.id === copyFrom)) applyTemplate(copyFrom);
  }

  function applyTemplate(id) {
    templateSelect.value = id;
    const template = campaigns.find((c) => c.id === id);
    if (!template) return;
    fill(template, { dates: false });
    showOk(line, t('templateApplied', { title: template.title }));
  }
  templateSelect.addEventListener('change', () => {
    if (templateSelect.value) applyTemplate(templateSelect.value);
    else {
      fieldRows.set([]);
      kindRows.set([]);
      criteriaRows.set([]);
      line.textContent = '';
    }
  });

  // ---------------------------------------------------------------- reading and checking

  function intOf(input) {
    const text = input.value.trim();
    return /^\d+$/.test(text) ? Number(text) : text === '' ? null : NaN;
  }

  /** The settings as the API takes them, and the problems found before sending (as refusal details). */
  function read() {
    const problems = [];
    const need = (path, ok, message) => {
      if (!ok) problems.push({ path, message });
      return Boolean(ok);
    };
    const body = {};
    if (!editing) {
      body.code = codeInput.value.trim();
      need('code', body.code, t('errRequired')) && need('code', CAMPAIGN_CODE.test(body.code), t('errCampaignCode'));
    }
    body.title = titleInput.value.trim();
    need('title', body.title, t('errRequired'));
    for (const input of [submissionDate, submissionTime, reviewDate, reviewTime]) need(input.name, input.value, t('errRequired'));
    if (submissionDate.value && submissionTime.value) body.submissionDeadline = fromBeijing(submissionDate.value, submissionTime.value);
    if (reviewDate.value && reviewTime.value) body.reviewDeadline = fromBeijing(reviewDate.value, reviewTime.value);
    if (body.submissionDeadline && body.reviewDeadline) need('reviewDate', Date.parse(body.reviewDeadline) > Date.parse(body.submissionDeadline), t('errOrder'));

    const cap = intOf(winnerCap);
    if (need('winnerCap', cap !== null && cap >= 1 && cap <= 10000, t('errInt', { min: 1, max: 10000 }))) body.winnerCap = cap;
    const days = intOf(noticeDays);
    if (days !== null && need('publicNoticePeriod', days >= 1 && days <= 365, t('errInt', { min: 1, max: 365 }))) body.publicNoticePeriod = `P${days}D`;
    body.selfNomination = selfNomination.checked;

    const codes = (rows, path) => {
      const seen = new Set();
      rows.forEach((r, i) => {
        if (!r.code) return;
        if (!need(`${path}.${i}.code`, FIELD_CODE.test(r.code), t('errCode'))) return;
        need(`${path}.${i}.code`, !seen.has(r.code), t('errDuplicate'));
        seen.add(r.code);
      });
    };
    const fields = fieldRows.values().map((r) => ({ code: r.code.trim(), name: r.name.trim(), nameEn: r.nameEn.trim() || undefined }));
    fields.forEach((f, i) => {
      need(`fields.${i}.code`, f.code, t('errRequired'));
      need(`fields.${i}.name`, f.name, t('errRequired'));
    });
    codes(fields, 'fields');
    if (fields.length) body.fields = fields;

    const kinds = kindRows.values().map((r) => ({ code: r.code.trim(), name: r.name.trim(), channel: r.channel, quota: Number(r.quota.trim()) }));
    kindRows.values().forEach((r, i) => {
      need(`unitKinds.${i}.code`, r.code.trim(), t('errRequired'));
      need(`unitKinds.${i}.name`, r.name.trim(), t('errRequired'));
      need(`unitKinds.${i}.quota`, /^\d+$/.test(r.quota.trim()) && Number(r.quota) >= 1 && Number(r.quota) <= 1000, t('errInt', { min: 1, max: 1000 }));
    });
    codes(kinds, 'unitKinds');
    if (kinds.length) body.unitKinds = kinds;

    const criteria = criteriaRows.values().map((text) => text.trim());
    criteria.forEach((text, i) => need(`criteria.${i}`, text, t('errRequired')));
    if (criteria.length) body.criteria = criteria;

    if (form.querySelector('[data-group="committee"]')?.tagName === 'FIELDSET') body.committee = checkedValues(form, 'committee');
    const q = intOf(quorum);
    if (q !== null && need('committeeQuorum', q >= 1 && q <= 100, t('errInt', { min: 1, max: 100 }))) {
      if (need('committeeQuorum', !body.committee || q <= body.committee.length, t('errQuorum', { n: body.committee?.length ?? 0 }))) body.committeeQuorum = q;
    }
    if (!editing && templateSelect.value) body.copyFrom = templateSelect.value;
    return { body, problems };
  }

  /** What differs from the campaign edited: the settings for PATCH, the dates for the deadlines endpoint. */
  function changes(body) {
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const settings = {};
    for (const key of ['title', 'winnerCap', 'publicNoticePeriod', 'selfNomination', 'committeeQuorum']) if (body[key] !== undefined && body[key] !== editing[key]) settings[key] = body[key];
    const stripped = (list) => list.map((x) => JSON.parse(JSON.stringify(x)));
    if (body.fields && !same(stripped(body.fields), stripped(editing.fields))) settings.fields = body.fields;
    if (body.unitKinds && !same(body.unitKinds, editing.unitKinds.map(({ code, name, channel, quota }) => ({ code, name, channel, quota })))) settings.unitKinds = body.unitKinds;
    if (body.criteria && !same(body.criteria, editing.criteria)) settings.criteria = body.criteria;
    if (body.committee && !same([...body.committee].sort(), [...editing.committee].sort())) settings.committee = body.committee;
    const dates = {};
    // Compared to the minute shown: an unchanged date is not sent, so its seconds stay as they were.
    const shown = (iso) => `${beijingParts(iso).date} ${beijingParts(iso).time}`;
    if (`${submissionDate.value} ${submissionTime.value}` !== shown(editing.submissionDeadline)) dates.submissionDeadline = body.submissionDeadline;
    if (`${reviewDate.value} ${reviewTime.value}` !== shown(editing.reviewDeadline)) dates.reviewDeadline = body.reviewDeadline;
    return { settings, dates };
  }

  /** A refusal's paths as this form names them: the deadlines' paths point at their date inputs. */
  function onForm(err) {
    const rename = { submissionDeadline: 'submissionDate', reviewDeadline: 'reviewDate' };
    // An Error's message is not enumerable: named here, not spread.
    return { message: err.message, code: err.code, status: err.status, details: (err.details ?? []).map((d) => ({ ...d, path: rename[d.path] ?? d.path })) };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const { body, problems } = read();
    if (problems.length) {
      showRefusal(line, { message: t('checkFields'), details: problems }, form)?.focus();
      return;
    }
    submit.disabled = true;
    showOk(line, t('saving'));
    line.classList.remove('ok');
    try {
      if (!editing) {
        const created = await api('POST', '/api/campaigns', { body });
        flash(t('created', { title: created.title }));
        location.assign(`/campaign?id=${encodeURIComponent(created.id)}`);
        return;
      }
      const { settings, dates } = changes(body);
      if (!Object.keys(settings).length && !Object.keys(dates).length) {
        showOk(line, t('nothingChanged'));
        return;
      }
      if (Object.keys(settings).length) Object.assign(editing, await api('PATCH', `/api/campaigns/${encodeURIComponent(editing.id)}`, { body: settings }));
      if (Object.keys(dates).length) {
        try {
          Object.assign(editing, await api('PATCH', `/api/campaigns/${encodeURIComponent(editing.id)}/deadlines`, { body: dates }));
        } catch (err) {
          const first = showRefusal(line, onForm(err), form);
          if (Object.keys(settings).length) line.prepend(t('settingsSavedDatesRefused'), ' ');
          first?.focus();
          return;
        }
      }
      for (const input of form.querySelectorAll('[aria-invalid]')) markField(input, null);
      for (const group of form.querySelectorAll('fieldset.invalid')) markGroup(group, null);
      showOk(line, Object.keys(dates).length ? t('savedDates') : t('saved'));
    } catch (err) {
      // The API names no field for a code taken: the page puts its words beside the code.
      if (err.code === 'campaign-exists') err.details = [{ path: 'code', message: err.message }];
      showRefusal(line, onForm(err), form)?.focus();
    } finally {
      submit.disabled = false;
    }
  });
}

/**
 * Rows of inputs added and removed (fields, unit kinds, criteria); inputs named `<name>.<i>.<key>`
 * (`<name>.<i>` for a single column), as the API names what it refuses.
 */
function rowsEditor({ name, row, add, remove, columns }) {
  const rows = el('div', { class: 'rows' });
  const live = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const addButton = el('button', { type: 'button', class: 'secondary' }, t(add));
  const element = el('div', {}, rows, el('p', {}, addButton), live);
  const single = columns.length === 1 && columns[0].key === null;

  function inputName(i, key) {
    return key === null ? `${name}.${i}` : `${name}.${i}.${key}`;
  }

  function rowElement(i, values) {
    const n = i + 1;
    const legendText = t(row, { n });
    const controls = columns.map((col) => {
      const id = `c-${inputName(i, col.key).replace(/\W/g, '-')}`;
      const value = single ? values : (values?.[col.key] ?? '');
      let input;
      if (col.options) input = el('select', { id, name: inputName(i, col.key), required: col.required }, col.options.map(([v, text]) => el('option', { value: v }, text)));
      else if (col.rows) input = el('textarea', { id, name: inputName(i, col.key), rows: col.rows, maxlength: col.maxlength, required: col.required });
      else input = el('input', { id, name: inputName(i, col.key), type: col.type ?? 'text', min: col.min, max: col.max, maxlength: col.maxlength, required: col.required, spellcheck: col.spellcheck, inputmode: col.type === 'number' ? 'numeric' : undefined, autocomplete: 'off' });
      input.value = value || (col.options ? col.options[0][0] : '');
      return el('div', { class: 'control' }, el('label', { for: id }, col.text ?? legendText), input);
    });
    return el(
      'fieldset',
      { class: `row ${single ? 'single' : ''}`, id: `${name}-${i}-group`, dataset: { group: `${name}.${i}` } },
      el('legend', { class: single ? 'visually-hidden' : undefined }, legendText),
      el('div', { class: 'row-inputs' }, controls),
      el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => removeRow(i) }, t(remove, { n }))),
    );
  }

  function values() {
    return [...rows.children].map((rowEl, i) => {
      if (single) return rowEl.querySelector(`[name="${name}.${i}"]`).value;
      return Object.fromEntries(columns.map((col) => [col.key, rowEl.querySelector(`[name="${name}.${i}.${col.key}"]`).value]));
    });
  }

  function set(list) {
    rows.replaceChildren(...list.map((v, i) => rowElement(i, v)));
  }

  function removeRow(i) {
    const list = values();
    list.splice(i, 1);
    set(list);
    live.textContent = t('rowRemoved');
    const next = rows.children[Math.min(i, list.length - 1)];
    (next?.querySelector('input, textarea, select') ?? addButton).focus();
  }

  addButton.addEventListener('click', () => {
    const list = values();
    list.push(single ? '' : {});
    set(list);
    rows.lastElementChild.querySelector('input, textarea, select').focus();
  });
  return { element, values, set };
}
