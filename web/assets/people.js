// The secretariat's people: the units (recommending organisations and reviewers' employers) and the
// accounts, each invited by email to set its own password. Units are registered and renamed;
// accounts are created one by one or imported from a CSV sheet, edited, re-invited, disabled and
// enabled. Refusals are shown beside the fields they concern, in the reader's language.
import { api, labels } from './api.js';
import { fieldChoices } from './campaigns.js';
import { define, formatTime, label, lang, t } from './i18n.js';
import { checkboxGroup, checkedValues, el, markField, renderShell, requireUser, setChildren, showError, showOk, showRefusal, statusLine, table } from './shell.js';

define({
  peopleNotForYou: { zh: '人员与单位由秘书处管理。', en: 'People and units are run by the secretariat.' },
  peopleOnThisPage: { zh: '本页内容', en: 'On this page' },
  unitsHeading: { zh: '单位', en: 'Units' },
  unitsIntro: {
    zh: '推荐单位和评审人员所在单位。推荐单位的类型决定它在各评选活动中通过哪个渠道推荐、有多少名额（在活动设置中规定）。',
    en: 'Recommending units and the reviewers’ employers. A unit’s kind says through which channel it nominates in each campaign and how many (set on the campaign page).',
  },
  unitsCaption: { zh: '已登记的单位（{n} 个）', en: 'Registered units ({n})' },
  noUnits: { zh: '还没有登记单位。', en: 'No unit is registered yet.' },
  colUnitName: { zh: '单位名称', en: 'Name' },
  colUnitKind: { zh: '单位类型', en: 'Kind' },
  colAccounts: { zh: '账号数', en: 'Accounts' },
  colRegistered: { zh: '登记时间', en: 'Registered' },
  colActions: { zh: '操作', en: 'Actions' },
  rename: { zh: '改名', en: 'Rename' },
  renameUnit: { zh: '为“{name}”改名', en: 'Rename “{name}”' },
  newUnitName: { zh: '新名称', en: 'New name' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  unitRenamed: { zh: '单位已改名为“{name}”，其账号和名额随之更新。', en: 'The unit is now “{name}”; its accounts and quota follow.' },
  addUnitHeading: { zh: '登记单位', en: 'Register a unit' },
  unitName: { zh: '单位名称', en: 'Unit name' },
  unitNameHint: { zh: '填写全称，与公章一致。', en: 'The full name, as on its seal.' },
  unitKind: { zh: '单位类型', en: 'Unit kind' },
  unitKindHint: { zh: '各评选活动设置的推荐单位类型。', en: 'The kinds of unit the campaigns have set.' },
  chooseKind: { zh: '请选择单位类型', en: 'Choose a kind' },
  kindOption: { zh: '{name}（{channel}）', en: '{name} ({channel})' },
  noKinds: { zh: '还没有评选活动，因此没有可选的单位类型。请先创建评选活动并设置推荐单位类型。', en: 'There is no campaign yet, so no unit kind to choose. Create a campaign and set its unit kinds first.' },
  createCampaign: { zh: '新建评选活动', en: 'Create a campaign' },
  registerUnit: { zh: '登记单位', en: 'Register the unit' },
  unitCreated: { zh: '已登记单位“{name}”。', en: 'Registered “{name}”.' },
  errRequired: { zh: '此项为必填项。', en: 'This item is required.' },
  errChoose: { zh: '请选择一项。', en: 'Choose one.' },

  accountsHeading: { zh: '账号', en: 'Accounts' },
  accountsIntro: {
    zh: '新建账号后，系统向其邮箱发送邀请邮件，附一次性链接（72 小时内有效），由本人设置密码。',
    en: 'A new account is emailed an invitation with a one-time link (valid for 72 hours) to set its own password.',
  },
  accountsCaption: { zh: '账号（{n} 个）', en: 'Accounts ({n})' },
  colUsername: { zh: '用户名', en: 'Username' },
  colName: { zh: '姓名', en: 'Name' },
  colRoles: { zh: '角色', en: 'Roles' },
  colFields: { zh: '业务领域', en: 'Fields' },
  colUnit: { zh: '所在单位', en: 'Unit' },
  colCampaigns: { zh: '负责的活动', en: 'Campaigns served' },
  colEmail: { zh: '电子邮箱', en: 'Email' },
  colState: { zh: '状态', en: 'Status' },
  allCampaigns: { zh: '全部', en: 'All' },
  statePending: { zh: '待设置密码（已发邀请）', en: 'Invited; password not set' },
  stateActive: { zh: '已启用', en: 'Active' },
  stateDisabled: { zh: '已停用', en: 'Disabled' },
  edit: { zh: '编辑', en: 'Edit' },
  editAccount: { zh: '编辑账号 {username}', en: 'Edit the account {username}' },
  resend: { zh: '重发邀请', en: 'Resend invitation' },
  resendAccount: { zh: '向 {username} 重发邀请', en: 'Resend the invitation to {username}' },
  disable: { zh: '停用', en: 'Disable' },
  disableAccount: { zh: '停用 {username}', en: 'Disable {username}' },
  enable: { zh: '启用', en: 'Enable' },
  enableAccount: { zh: '启用 {username}', en: 'Enable {username}' },
  resent: { zh: '已向 {email} 重新发送邀请，之前的链接已失效。', en: 'A new invitation went to {email}; the earlier link no longer works.' },
  disabled: { zh: '已停用 {username}，其登录已全部失效。', en: '{username} is disabled; all its sessions have ended.' },
  enabled: { zh: '已启用 {username}。', en: '{username} is enabled.' },

  addAccountHeading: { zh: '新建账号', en: 'Create an account' },
  editAccountHeading: { zh: '编辑账号：{username}', en: 'Edit the account {username}' },
  username: { zh: '用户名', en: 'Username' },
  usernameHint: { zh: '3–64 个字母、数字、点、下划线或短横线，创建后不能修改。', en: '3–64 letters, digits, dots, underscores or dashes; it cannot change later.' },
  displayName: { zh: '姓名', en: 'Name' },
  email: { zh: '电子邮箱', en: 'Email' },
  emailHint: { zh: '邀请邮件和重设密码链接发到这里。', en: 'The invitation and password links are sent here.' },
  roles: { zh: '角色', en: 'Roles' },
  rolesHint: { zh: '至少选择一项。', en: 'At least one.' },
  fields: { zh: '业务领域', en: 'Business fields' },
  fieldsHint: { zh: '评审工作组和分支机构账号须选择其负责的业务领域。', en: 'Working-group and branch reviewers need the fields they review.' },
  unit: { zh: '所在单位', en: 'Unit' },
  unitHint: { zh: '推荐单位账号必须选择；评审人员选择所在单位后，将回避本单位推荐的申报。', en: 'Required for a unit account; a reviewer with a unit stays out of the cases their unit recommends.' },
  unitOption: { zh: '{name}（{kind}）', en: '{name} ({kind})' },
  noUnit: { zh: '无', en: 'None' },
  campaigns: { zh: '负责的评选活动', en: 'Campaigns served' },
  campaignsHint: { zh: '评审人员只办理所选活动的任务；都不选表示负责全部活动。', en: 'A reviewer works only on the campaigns ticked; none ticked means all.' },
  createAccount: { zh: '新建账号并发送邀请', en: 'Create and invite' },
  saveAccount: { zh: '保存修改', en: 'Save changes' },
  accountCreated: { zh: '已创建账号 {username}，邀请邮件已发送到 {email}。', en: 'Created {username}; the invitation went to {email}.' },
  accountSaved: { zh: '账号 {username} 已保存。', en: 'Saved {username}.' },
  errUsername: { zh: '用户名为 3–64 个字母、数字、点、下划线或短横线。', en: '3–64 letters, digits, dots, underscores or dashes.' },
  errEmail: { zh: '请输入有效的电子邮箱地址，例如 name@example.com。', en: 'Enter a valid email address, e.g. name@example.com.' },
  errRoles: { zh: '请至少选择一个角色。', en: 'Choose at least one role.' },
  errFields: { zh: '评审工作组和分支机构账号须至少选择一个业务领域。', en: 'Working-group and branch reviewers need at least one field.' },
  errUnit: { zh: '推荐单位账号须选择所属单位。', en: 'A unit account needs its unit.' },
  requiredNote: { zh: '带 * 的为必填项。', en: 'Items marked * are required.' },
  checkFields: { zh: '请检查标出的项目。', en: 'Check the items marked.' },
  nothingChanged: { zh: '没有修改任何内容。', en: 'Nothing was changed.' },

  importHeading: { zh: '从 CSV 文件导入账号', en: 'Import accounts from a CSV file' },
  importIntro: {
    zh: '一次导入多个账号：全部正确才会导入，有错误时一个也不导入，并列出每一行的问题。每个导入的账号都会收到邀请邮件。',
    en: 'Many accounts at once: all or nothing — if any line is wrong nothing is imported, and every bad line is listed. Each account imported is emailed an invitation.',
  },
  importColumns: { zh: '文件格式', en: 'The file' },
  importRules: {
    zh: 'UTF-8 或 GBK 编码的 CSV 文件（Excel 可“另存为 CSV”），第一行为表头，列的顺序不限：',
    en: 'A CSV file in UTF-8 or GBK (Excel: “Save as CSV”), headers on the first line, columns in any order:',
  },
  colHeader: { zh: '表头', en: 'Header' },
  colMeaning: { zh: '内容', en: 'What goes in it' },
  hUsername: { zh: '必填。3–64 个字母、数字、点、下划线或短横线。', en: 'Required. 3–64 letters, digits, dots, underscores or dashes.' },
  hName: { zh: '必填。', en: 'Required.' },
  hEmail: { zh: '必填。邀请邮件发到这里。', en: 'Required. The invitation is sent here.' },
  hRoles: { zh: '必填。一个或多个，用“;”或“、”分隔：{roles}。', en: 'Required. One or more, separated by “;” or “、”: {roles}.' },
  hFields: { zh: '评审工作组和分支机构必填，用“;”或“、”分隔，填代码：{fields}。', en: 'Required for working-group and branch reviewers, separated by “;” or “、”, by code: {fields}.' },
  hUnit: { zh: '推荐单位必填。填已登记单位的全称（先在上方登记单位）。', en: 'Required for unit accounts. The full name of a registered unit (register it above first).' },
  fieldCode: { zh: '{code}（{name}）', en: '{code} ({name})' },
  importExample: { zh: '示例：', en: 'Example:' },
  importFile: { zh: 'CSV 文件', en: 'CSV file' },
  importSubmit: { zh: '导入', en: 'Import' },
  importing: { zh: '正在导入……', en: 'Importing…' },
  imported: { zh: '已导入 {n} 个账号，邀请邮件已发出。', en: 'Imported {n} account(s); the invitations are on their way.' },
  importLines: { zh: '以下各行有问题（未导入任何账号）：', en: 'These lines have problems (nothing was imported):' },
  importLine: { zh: '第 {n} 行：{message}', en: 'Line {n}: {message}' },
  chooseFile: { zh: '请选择 CSV 文件。', en: 'Choose a CSV file.' },
  unreadableFile: { zh: '无法读取该文件的文字：请以 UTF-8 或 GBK 编码保存为 CSV 后重试。', en: 'The file’s text cannot be read: save it as CSV in UTF-8 or GBK and try again.' },
});

const user = requireUser();
const main = renderShell(t('people'));
// What a row's action did (or why not); placed under the page's contents list once drawn.
const pageLine = statusLine();

const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const colon = lang === 'en' ? ': ' : '：';
const listSep = lang === 'en' ? ', ' : '、';

let vocab;
let campaigns = [];
let units = [];
let accounts = [];

if (!user.roles.includes('secretariat')) main.append(el('p', {}, t('peopleNotForYou')));
else await start();

async function start() {
  try {
    [vocab, { campaigns }, { units }, { users: accounts }] = await Promise.all([labels(), api('GET', '/api/campaigns'), api('GET', '/api/units'), api('GET', '/api/users')]);
  } catch (err) {
    main.append(pageLine);
    showError(pageLine, err);
    return;
  }
  const roleName = (role) => label(vocab.roles[role], role);
  const fieldOptions = () => fieldChoices(campaigns, vocab);
  const fieldNameOf = (code) => fieldOptions().find(([c]) => c === code)?.[1] ?? label(vocab.fields[code], code);
  const campaignTitle = (id) => campaigns.find((c) => c.id === id)?.title ?? id;
  const unitsBox = el('div', { class: 'list-box' });
  const accountsBox = el('div', { class: 'list-box' });
  const accountForm = buildAccountForm();
  const unitForm = buildUnitForm();

  main.append(
    el(
      'nav',
      { class: 'jump', 'aria-label': t('peopleOnThisPage') },
      el('ul', { class: 'actions' }, [['units', t('unitsHeading')], ['accounts', t('accountsHeading')], ['import', t('importHeading')]].map(([id, text]) => el('li', {}, el('a', { href: `#${id}` }, text)))),
    ),
    pageLine,
    el('section', { id: 'units', 'aria-labelledby': 'units-heading' }, el('h2', { id: 'units-heading' }, t('unitsHeading')), el('p', {}, t('unitsIntro')), unitsBox, unitForm),
    el('section', { id: 'accounts', 'aria-labelledby': 'accounts-heading' }, el('h2', { id: 'accounts-heading' }, t('accountsHeading')), el('p', {}, t('accountsIntro')), accountsBox, accountForm),
    importSection(),
  );
  renderUnits();
  renderAccounts();

  async function reload() {
    [{ units }, { users: accounts }] = await Promise.all([api('GET', '/api/units'), api('GET', '/api/users')]);
    renderUnits();
    renderAccounts();
    accountForm.refreshUnits();
  }

  // ------------------------------------------------------------------ units

  /** The kinds of unit the campaigns set, each code once, named by the newest campaign that has it. */
  function unitKinds() {
    const kinds = new Map();
    for (const c of campaigns) for (const k of c.unitKinds ?? []) if (!kinds.has(k.code)) kinds.set(k.code, k);
    return [...kinds.values()];
  }

  function kindName(code) {
    const kind = unitKinds().find((k) => k.code === code);
    return kind ? kind.name : code;
  }

  function renderUnits() {
    if (!units.length) {
      unitsBox.replaceChildren(el('p', {}, t('noUnits')));
      return;
    }
    const sorted = [...units].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    unitsBox.replaceChildren(
      table(
        t('unitsCaption', { n: units.length }),
        [t('colUnitName'), t('colUnitKind'), t('colAccounts'), t('colRegistered'), t('colActions')],
        sorted.map((u) => [u.name, kindName(u.kind), String(u.accounts), formatTime(u.createdAt), renameCell(u)]),
        0,
        'stack',
      ),
    );
  }

  /** A rename button that turns into a small form in its cell. */
  function renameCell(unit) {
    const cell = el('div');
    const open = el('button', { type: 'button', class: 'secondary', 'aria-label': t('renameUnit', { name: unit.name }) }, t('rename'));
    cell.append(open);
    open.addEventListener('click', () => {
      const id = `rename-${unit.id}`;
      const input = el('input', { id, name: 'name', value: unit.name, required: true, maxlength: 200 });
      const line = statusLine();
      const form = el(
        'form',
        { novalidate: true, 'aria-label': t('renameUnit', { name: unit.name }) },
        el('label', { for: id }, t('newUnitName')),
        input,
        el('p', { class: 'actions' }, el('button', { type: 'submit' }, t('save')), el('button', { type: 'button', class: 'secondary', onclick: () => { cell.replaceChildren(open); open.focus(); } }, t('cancel'))),
        line,
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const name = input.value.trim();
        if (!markField(input, name ? null : t('errRequired'))) return input.focus();
        try {
          await api('PATCH', `/api/units/${encodeURIComponent(unit.id)}`, { body: { name } });
          await reload();
          showOk(pageLine, t('unitRenamed', { name }));
        } catch (err) {
          if (err.code === 'unit-exists') err.details = [{ path: 'name', message: err.message }];
          (showRefusal(line, err, form) ?? input).focus();
        }
      });
      cell.replaceChildren(form);
      input.select();
      input.focus();
    });
    return cell;
  }

  function buildUnitForm() {
    const line = statusLine();
    const kinds = unitKinds();
    if (!kinds.length) {
      return el('div', { class: 'card' }, el('h3', {}, t('addUnitHeading')), el('p', {}, t('noKinds'), ' ', el('a', { href: '/campaign' }, t('createCampaign'))));
    }
    const name = el('input', { id: 'unit-name', name: 'name', required: true, maxlength: 200, 'aria-describedby': 'unit-name-hint', autocomplete: 'off' });
    name.dataset.hint = 'unit-name-hint';
    const kind = el(
      'select',
      { id: 'unit-kind', name: 'kind', required: true, 'aria-describedby': 'unit-kind-hint' },
      el('option', { value: '' }, t('chooseKind')),
      kinds.map((k) => el('option', { value: k.code }, t('kindOption', { name: k.name, channel: label(vocab.channels[k.channel], k.channel) }))),
    );
    kind.dataset.hint = 'unit-kind-hint';
    const form = el(
      'form',
      { class: 'card', novalidate: true, 'aria-labelledby': 'add-unit-heading' },
      el('h3', { id: 'add-unit-heading' }, t('addUnitHeading')),
      el('label', { for: 'unit-name' }, t('unitName')),
      el('span', { class: 'hint', id: 'unit-name-hint' }, t('unitNameHint')),
      name,
      el('label', { for: 'unit-kind' }, t('unitKind')),
      el('span', { class: 'hint', id: 'unit-kind-hint' }, t('unitKindHint')),
      kind,
      el('p', {}, el('button', { type: 'submit' }, t('registerUnit'))),
      line,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ok = [markField(name, name.value.trim() ? null : t('errRequired')), markField(kind, kind.value ? null : t('errChoose'))];
      if (ok.includes(false)) return [name, kind][ok.indexOf(false)].focus();
      try {
        const created = await api('POST', '/api/units', { body: { name: name.value.trim(), kind: kind.value } });
        form.reset();
        await reload();
        showOk(line, t('unitCreated', { name: created.name }));
      } catch (err) {
        if (err.code === 'unit-exists') err.details = [{ path: 'name', message: err.message }];
        showRefusal(line, err, form)?.focus();
      }
    });
    return form;
  }

  // ------------------------------------------------------------------ accounts


  function stateOf(a) {
    if (a.disabled) return t('stateDisabled');
    return a.invitation === 'pending' ? t('statePending') : t('stateActive');
  }

  function renderAccounts() {
    const sorted = [...accounts].sort((a, b) => a.username.localeCompare(b.username));
    accountsBox.replaceChildren(
      table(
        t('accountsCaption', { n: accounts.length }),
        [t('colUsername'), t('colName'), t('colRoles'), t('colFields'), t('colUnit'), t('colCampaigns'), t('colEmail'), t('colState'), t('colActions')],
        sorted.map((a) => [
          a.username,
          a.displayName ?? '',
          a.roles.map(roleName).join(listSep),
          a.fields.map(fieldNameOf).join(listSep),
          a.unit ?? '',
          a.roles.some((r) => ['working-group', 'branch', 'committee'].includes(r)) ? (a.campaigns.length ? a.campaigns.map(campaignTitle).join(listSep) : t('allCampaigns')) : '',
          a.email ?? '',
          el('span', { class: `badge${a.disabled ? ' muted' : ''}` }, stateOf(a)),
          accountActions(a),
        ]),
        0,
        'stack people',
      ),
    );
  }

  function accountActions(a) {
    const act = (text, aria, run) => el('button', { type: 'button', class: 'secondary', 'aria-label': aria, onclick: (event) => run(event.currentTarget) }, text);
    return el(
      'div',
      { class: 'actions' },
      act(t('edit'), t('editAccount', { username: a.username }), () => accountForm.edit(a)),
      a.invitation === 'pending' && !a.disabled && act(t('resend'), t('resendAccount', { username: a.username }), (button) => run(button, async () => {
        await api('POST', `/api/users/${encodeURIComponent(a.id)}/invitation`);
        return t('resent', { email: a.email });
      })),
      a.disabled
        ? act(t('enable'), t('enableAccount', { username: a.username }), (button) => run(button, async () => {
            await api('POST', `/api/users/${encodeURIComponent(a.id)}/enable`);
            return t('enabled', { username: a.username });
          }))
        : a.id !== user.id && act(t('disable'), t('disableAccount', { username: a.username }), (button) => run(button, async () => {
            await api('POST', `/api/users/${encodeURIComponent(a.id)}/disable`);
            return t('disabled', { username: a.username });
          })),
    );
  }

  /** Runs a row's action; the page's status line says what happened, or why not. */
  async function run(button, action) {
    button.disabled = true;
    try {
      const said = await action();
      await reload();
      showOk(pageLine, said);
    } catch (err) {
      button.disabled = false;
      showError(pageLine, err);
    }
    pageLine.scrollIntoView({ block: 'nearest' });
  }

  /** One form for a new account and for editing one (`edit(account)`). */
  function buildAccountForm() {
    const line = statusLine();
    const heading = el('h3', { id: 'account-heading', tabindex: '-1' }, t('addAccountHeading'));
    const text = (name, labelText, attrs = {}, hint) => [
      el('label', { for: `account-${name}` }, labelText, ' ', el('span', { class: 'required-mark', 'aria-hidden': 'true' }, '*')),
      hint && el('span', { class: 'hint', id: `account-${name}-hint` }, hint),
      el('input', { id: `account-${name}`, name, 'aria-describedby': hint ? `account-${name}-hint` : undefined, ...attrs }),
    ];
    const unitSelect = el('select', { id: 'account-unitId', name: 'unitId', 'aria-describedby': 'account-unitId-hint' });
    const groups = el('div');
    const submit = el('button', { type: 'submit' }, t('createAccount'));
    const cancel = el('button', { type: 'button', class: 'secondary', hidden: true }, t('cancel'));
    const form = el(
      'form',
      { class: 'card', novalidate: true, 'aria-labelledby': 'account-heading' },
      heading,
      el('p', { class: 'hint' }, t('requiredNote')),
      text('username', t('username'), { required: true, maxlength: 64, autocomplete: 'off', spellcheck: 'false' }, t('usernameHint')),
      text('displayName', t('displayName'), { required: true, maxlength: 100, autocomplete: 'off' }),
      text('email', t('email'), { type: 'email', required: true, maxlength: 254, autocomplete: 'off' }, t('emailHint')),
      groups,
      el('label', { for: 'account-unitId' }, t('unit')),
      el('span', { class: 'hint', id: 'account-unitId-hint' }, t('unitHint')),
      unitSelect,
      el('p', { class: 'actions' }, submit, cancel),
      line,
    );
    for (const name of ['username', 'email']) form.elements[name].dataset.hint = `account-${name}-hint`;
    unitSelect.dataset.hint = 'account-unitId-hint';
    let editing = null;

    function refreshUnits(selected = unitSelect.value) {
      setChildren(
        unitSelect,
        el('option', { value: '' }, t('noUnit')),
        [...units].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map((u) => el('option', { value: u.id }, t('unitOption', { name: u.name, kind: kindName(u.kind) }))),
      );
      unitSelect.value = selected ?? '';
    }

    function fill(a) {
      setChildren(
        groups,
        checkboxGroup('roles', t('roles'), Object.keys(vocab.roles).map((r) => [r, roleName(r)]), a?.roles ?? [], { hint: t('rolesHint'), idPrefix: 'account-roles' }),
        checkboxGroup('fields', t('fields'), fieldOptions(), a?.fields ?? [], { hint: t('fieldsHint'), idPrefix: 'account-fields' }),
        campaigns.length > 0 && checkboxGroup('campaigns', t('campaigns'), campaigns.map((c) => [c.id, c.title]), a?.campaigns ?? [], { hint: t('campaignsHint'), idPrefix: 'account-campaigns' }),
      );
      form.elements.username.value = a?.username ?? '';
      form.elements.username.readOnly = Boolean(a);
      form.elements.displayName.value = a?.displayName ?? '';
      form.elements.email.value = a?.email ?? '';
      refreshUnits(a?.unitId ?? '');
      for (const input of form.querySelectorAll('[aria-invalid]')) markField(input, null);
    }

    function values() {
      return {
        username: form.elements.username.value.trim(),
        displayName: form.elements.displayName.value.trim(),
        email: form.elements.email.value.trim(),
        roles: checkedValues(form, 'roles'),
        fields: checkedValues(form, 'fields'),
        campaigns: checkedValues(form, 'campaigns'),
        unitId: unitSelect.value || null,
      };
    }

    /** The same rules as the API, said before sending: each refusal as a detail on its field. */
    function problems(v) {
      const found = [];
      if (!editing && !USERNAME.test(v.username)) found.push({ path: 'username', message: v.username ? t('errUsername') : t('errRequired') });
      if (!v.displayName) found.push({ path: 'displayName', message: t('errRequired') });
      if (!EMAIL.test(v.email)) found.push({ path: 'email', message: v.email ? t('errEmail') : t('errRequired') });
      if (!v.roles.length) found.push({ path: 'roles', message: t('errRoles') });
      if ((v.roles.includes('working-group') || v.roles.includes('branch')) && !v.fields.length) found.push({ path: 'fields', message: t('errFields') });
      if (v.roles.includes('unit') && !v.unitId) found.push({ path: 'unitId', message: t('errUnit') });
      return found;
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const v = values();
      const found = problems(v);
      if (found.length) {
        showRefusal(line, { message: t('checkFields'), details: found }, form)?.focus();
        return;
      }
      submit.disabled = true;
      try {
        if (editing) {
          const change = {};
          for (const key of ['displayName', 'email']) if (v[key] !== (editing[key] ?? '')) change[key] = v[key];
          for (const key of ['roles', 'fields', 'campaigns']) if (v[key].join() !== editing[key].join()) change[key] = v[key];
          if (v.unitId !== (editing.unitId ?? null)) change.unitId = v.unitId;
          if (!Object.keys(change).length) {
            showOk(line, t('nothingChanged'));
            return;
          }
          const saved = await api('PATCH', `/api/users/${encodeURIComponent(editing.id)}`, { body: change });
          await reload();
          showOk(pageLine, t('accountSaved', { username: saved.username }));
          reset();
          pageLine.scrollIntoView({ block: 'nearest' });
        } else {
          const body = { username: v.username, displayName: v.displayName, email: v.email, roles: v.roles, fields: v.fields, campaigns: v.campaigns, ...(v.unitId && { unitId: v.unitId }) };
          const created = await api('POST', '/api/users', { body });
          await reload();
          reset();
          showOk(line, t('accountCreated', { username: created.username, email: created.email }));
        }
      } catch (err) {
        // The API names no field for these: the page puts its words beside the one concerned.
        if (err.code === 'username-taken') err.details = [{ path: 'username', message: err.message }];
        showRefusal(line, err, form)?.focus();
      } finally {
        submit.disabled = false;
      }
    });

    function reset() {
      editing = null;
      heading.textContent = t('addAccountHeading');
      submit.textContent = t('createAccount');
      cancel.hidden = true;
      fill(null);
      line.textContent = '';
    }
    cancel.addEventListener('click', () => {
      reset();
      heading.focus();
    });

    fill(null);
    return Object.assign(form, {
      refreshUnits: () => refreshUnits(),
      edit(a) {
        editing = a;
        fill(a);
        heading.textContent = t('editAccountHeading', { username: a.username });
        submit.textContent = t('saveAccount');
        cancel.hidden = false;
        line.textContent = '';
        heading.scrollIntoView({ block: 'start' });
        heading.focus();
      },
    });
  }

  // ------------------------------------------------------------------ import

  function importSection() {
    const line = statusLine();
    const file = el('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,text/csv', required: true });
    const submit = el('button', { type: 'submit' }, t('importSubmit'));
    const lines = el('div');
    const form = el('form', { novalidate: true, 'aria-labelledby': 'import-heading' }, el('label', { for: 'import-file' }, t('importFile')), file, el('p', {}, submit), line, lines);
    const roleWords = Object.keys(vocab.roles).map(roleName).join(listSep);
    const fieldWords = fieldOptions().map(([code, name]) => t('fieldCode', { code, name })).join(listSep);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      lines.replaceChildren();
      const chosen = file.files?.[0];
      if (!markField(file, chosen ? null : t('chooseFile'))) return file.focus();
      let text;
      try {
        text = await readCsv(chosen);
      } catch {
        markField(file, t('unreadableFile'));
        return file.focus();
      }
      submit.disabled = true;
      showOk(line, t('importing'));
      line.classList.remove('ok');
      try {
        const { created } = await api('POST', '/api/users/import', { body: text, contentType: 'text/csv; charset=utf-8' });
        form.reset();
        await reload();
        showOk(line, t('imported', { n: created }));
      } catch (err) {
        showError(line, err);
        if (err.details?.length) {
          lines.replaceChildren(
            el('p', {}, t('importLines')),
            el('ul', { class: 'import-errors' }, err.details.map((d) => {
              const n = /(\d+)/.exec(d.path)?.[1];
              return el('li', {}, n ? t('importLine', { n, message: d.message }) : `${d.path}${colon}${d.message}`);
            })),
          );
        }
      } finally {
        submit.disabled = false;
      }
    });
    return el(
      'section',
      { id: 'import', 'aria-labelledby': 'import-heading' },
      el('h2', { id: 'import-heading' }, t('importHeading')),
      el('p', {}, t('importIntro')),
      el('p', {}, t('importRules')),
      table(t('importColumns'), [t('colHeader'), t('colMeaning')], [
        ['用户名 / username', t('hUsername')],
        ['姓名 / displayName', t('hName')],
        ['邮箱 / email', t('hEmail')],
        ['角色 / roles', t('hRoles', { roles: roleWords })],
        ['业务领域 / fields', t('hFields', { fields: fieldWords })],
        ['单位 / unit', t('hUnit')],
      ]),
      el('p', {}, t('importExample')),
      el('pre', { class: 'example' }, `用户名,姓名,邮箱,角色,业务领域,单位\nzhang.wei,张伟,zhang.wei@example.org,${roleName('working-group')},${fieldOptions()[0]?.[0] ?? 'catering'},\nshi-xiehui,李娜,lina@example.org,${roleName('unit')},,示例市教育后勤协会`),
      form,
    );
  }
}

/** The file's text: UTF-8 (with or without a byte-order mark), else GBK as Excel saves CSV on Chinese Windows. */
async function readCsv(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  }
}

