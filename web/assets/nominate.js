// The nomination form (报名表) for the three channels: a unit signed in nominates through its own
// channel with its own unit fixed; anyone else nominates themselves. Every field of the paper form,
// checked as the reader leaves it, the server's refusals put beside the fields they concern, and
// the sealed form uploaded with a progress bar under one Idempotency-Key per form.
import { api, labels, session } from './api.js';
import { fieldName, forgetCampaign, rememberCampaign } from './campaigns.js';
import { define, formatTime, label, lang, t, timeLeft } from './i18n.js';
import { el, flash, markField, renderShell, showError, showOk, statusLine } from './shell.js';
import { SEALED_FORM_ACCEPT, formatSize, newIdempotencyKey, progressReporter, sealedFormProblem, upload } from './upload.js';

define({
  nominateTitle: { zh: '推荐申报', en: 'Nomination' },
  nominateIntro: {
    zh: '请按纸质报名表逐项填写，并上传加盖单位公章的报名表扫描件。带 * 的为必填项。',
    en: 'Fill in every item of the paper form and upload the scan of the form with the unit seal. Items marked * are required.',
  },
  toHome: { zh: '返回首页选择活动', en: 'Choose a campaign on the home page' },
  chooseCampaign: { zh: '请选择要申报的评选活动：', en: 'Choose the campaign to nominate in:' },
  noOpenCampaign: { zh: '目前没有正在接受申报的评选活动。', en: 'No campaign is taking nominations at present.' },
  campaignClosed: { zh: '本活动已于 {at} 截止申报，不再接受新的申报。', en: 'This campaign stopped taking nominations on {at}.' },
  noSelfNomination: { zh: '本活动不接受个人自荐，只接受推荐单位申报。推荐单位请登录后申报。', en: 'This campaign takes no self-nominations: only recommending units nominate. Units: sign in first.' },
  noSelfNominationStaff: { zh: '本活动只接受推荐单位申报；请使用推荐单位账号登录后申报。', en: 'Only recommending units nominate in this campaign: sign in with a unit account.' },
  quotaLine: {
    zh: '本单位（{unit}，{kind}）在本活动中的推荐名额：共 {limit} 个，已使用 {used} 个，剩余 {remaining} 个。',
    en: 'Your unit ({unit}, {kind}) may nominate {limit} in this campaign: {used} used, {remaining} left.',
  },
  quotaNone: { zh: '本单位的推荐名额已用完，不能再提交新的申报。如需调整，请联系秘书处。', en: 'Your unit’s quota is used up: no further nomination can be sent. Ask the secretariat if it should change.' },
  kindNotInCampaign: {
    zh: '您的单位类型不在本活动的推荐单位类型之列，不能在本活动中推荐。如有疑问，请联系秘书处。',
    en: 'Your kind of unit does not nominate in this campaign. Ask the secretariat if this is wrong.',
  },
  criteriaHeading: { zh: '推荐条件', en: 'Criteria' },
  campaignLine: { zh: '评选活动：{title}（申报截止：{deadline}，{left}）', en: 'Campaign: {title} (submissions close {deadline}, {left})' },
  deadlineShort: { zh: '申报截止：{at}', en: 'closes {at}' },
  selfNote: {
    zh: '您正在以“个人自荐”方式申报，无需登录。个人自荐须填写所在单位意见并上传加盖单位公章的报名表。推荐单位请先登录后再申报。',
    en: 'You are nominating yourself; no account is needed. A self-nomination needs your employer’s opinion and the form sealed by your unit. Recommending units sign in first.',
  },
  signInAsUnit: { zh: '推荐单位登录', en: 'Sign in as a unit' },
  unitNote: { zh: '您以推荐单位“{unit}”的身份申报（{channel}），占用本单位在本次活动中的推荐名额。', en: 'You nominate as “{unit}” ({channel}); the nomination takes one of your unit’s places in this campaign.' },
  required: { zh: '必填', en: 'required' },

  sectionBasics: { zh: '申报信息', en: 'Nomination' },
  channelLabel: { zh: '申报渠道', en: 'Channel' },
  categoryLegend: { zh: '推举类别', en: 'Category' },
  fieldLabel: { zh: '所属业务领域', en: 'Business field' },
  fieldPlaceholder: { zh: '请选择业务领域', en: 'Choose a field' },
  unitLabel: { zh: '推荐单位', en: 'Recommending unit' },
  unitHintSelf: { zh: '填写您所在单位的全称，须与报名表上的公章一致。', en: 'Your employer’s full name, as on the seal of the form.' },
  unitHintFixed: { zh: '推荐单位即您登录的单位，不可修改。', en: 'The recommending unit is your signed-in unit and cannot be changed.' },
  nomineeUnitLabel: { zh: '所在单位', en: 'Nominee’s own unit' },
  nomineeUnitHint: { zh: '候选人本人的工作单位全称；团队填写团队所属单位。', en: 'The full name of the nominee’s employer; for a team, the unit it belongs to.' },
  nomineeUnitHintSelf: { zh: '您本人的工作单位全称（团队填写团队所属单位），通常与上面的推荐单位相同。', en: 'Your employer’s full name (for a team, the unit it belongs to); usually the same as the recommending unit above.' },
  awardLevel: { zh: '表彰级别', en: 'Level' },
  awardLevelNone: { zh: '不填', en: 'Not given' },

  sectionNominee: { zh: '候选人信息', en: 'Nominee' },
  nomineeName: { zh: '姓名', en: 'Name' },
  gender: { zh: '性别', en: 'Gender' },
  genderChoose: { zh: '请选择', en: 'Choose' },
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
  age: { zh: '年龄', en: 'Age' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  ethnicityHint: { zh: '例如：汉族', en: 'e.g. Han' },
  politicalAffiliation: { zh: '政治面貌', en: 'Political affiliation' },
  politicalHint: { zh: '例如：中共党员、群众', en: 'e.g. CPC member, none' },
  post: { zh: '职务', en: 'Post' },
  proTitle: { zh: '职称', en: 'Professional title' },

  sectionTeam: { zh: '团队信息', en: 'Team' },
  teamName: { zh: '团队名称', en: 'Team name' },
  foundedOn: { zh: '组建时间', en: 'Founded on' },
  contactName: { zh: '联系人', en: 'Contact person' },
  contactPhone: { zh: '联系人电话', en: 'Contact person’s phone' },
  memberCount: { zh: '成员人数', en: 'Number of members' },

  sectionContact: { zh: '联系方式', en: 'Contact' },
  phone: { zh: '联系电话', en: 'Phone' },
  phoneHint: { zh: '候选人本人（团队为申报联系人）的电话，仅评审工作人员可见，不会公示。', en: 'The nominee’s phone (for a team, the applicant’s); staff only, never published.' },
  email: { zh: '接收通知的电子邮箱', en: 'Email for status updates' },
  emailHint: { zh: '每次审核进展都会发送到这个邮箱；个人自荐的专属查看链接也会发到这里。', en: 'Every change of the case is emailed here; a self-nomination’s private link too.' },
  mailLanguage: { zh: '通知邮件语言', en: 'Language of the emails' },

  sectionStory: { zh: '工作职责与事迹', en: 'Duties and story' },
  duties: { zh: '工作职责', en: 'Duties' },
  story: { zh: '最美事迹材料', en: 'Story' },
  maxChars: { zh: '不超过 {max} 字。', en: 'At most {max} characters.' },

  sectionAwards: { zh: '曾获各级各类媒体平台表彰与奖励', en: 'Earlier media awards and honours' },
  awardsHint: { zh: '如有，请逐项添加（最多 50 项）；曾获媒体表彰与奖励的候选人在入围遴选中优先。没有可不填。', en: 'Add each one, if any (at most 50): nominees recognised by the media get priority in shortlisting. Leave empty if none.' },
  awardLegend: { zh: '媒体表彰 {n}', en: 'Media award {n}' },
  awardTitle: { zh: '奖项名称', en: 'Award' },
  awardIssuer: { zh: '颁发单位或媒体平台', en: 'Awarded by' },
  awardYear: { zh: '获奖年份', en: 'Year' },
  addAward: { zh: '添加一项表彰', en: 'Add an award' },
  removeAward: { zh: '删除媒体表彰 {n}', en: 'Remove media award {n}' },
  awardRemoved: { zh: '已删除一项表彰。', en: 'Award removed.' },

  sectionOpinion: { zh: '申报人单位意见', en: 'Employer’s opinion' },
  opinionHintSelf: { zh: '个人自荐必须填写，内容与报名表上加盖公章的单位意见一致。', en: 'Required for a self-nomination: the opinion as written and sealed on the form.' },
  opinionHintUnit: { zh: '如报名表上有申报人单位意见，请照录；可不填。', en: 'Copy the employer’s opinion from the form if it has one; optional.' },
  opinionText: { zh: '单位意见', en: 'Opinion' },
  sealedOn: { zh: '盖章日期', en: 'Date of the seal' },

  sectionSealedForm: { zh: '盖章报名表', en: 'Sealed form' },
  sealedForm: { zh: '盖章报名表扫描件', en: 'Scan of the sealed form' },
  sealedFormHint: { zh: 'PDF、JPEG 或 PNG 格式，不超过 10 MB；须清晰可见单位公章。', en: 'PDF, JPEG or PNG, at most 10 MB; the unit seal must be legible.' },

  submit: { zh: '提交申报', en: 'Submit the nomination' },
  submitting: { zh: '正在提交，请勿关闭页面……', en: 'Submitting; keep this page open…' },
  fixFields: { zh: '还有 {count} 项需要修改，请查看标出的项目。', en: '{count} item(s) need attention; see the marked fields.' },

  errRequired: { zh: '此项为必填项。', en: 'This item is required.' },
  errMax: { zh: '不能超过 {max} 字。', en: 'At most {max} characters.' },
  errEmail: { zh: '请输入有效的电子邮箱地址，例如 name@example.com。', en: 'Enter a valid email address, e.g. name@example.com.' },
  errPhone: { zh: '请输入 5–20 位的电话号码，只能包含数字、空格或短横线（可以 + 开头）。', en: 'Enter a phone number of 5 to 20 digits, spaces or dashes (a leading + is allowed).' },
  errInt: { zh: '请输入 {min} 到 {max} 之间的整数。', en: 'Enter a whole number from {min} to {max}.' },
  errDate: { zh: '请输入有效日期（年-月-日）。', en: 'Enter a valid date (year-month-day).' },
  errChoose: { zh: '请选择一项。', en: 'Choose one.' },
  errServer: { zh: '此项不符合要求（{message}）。', en: 'Not accepted: {message}.' },
  errOpinionSelf: { zh: '个人自荐须填写加盖公章的单位意见。', en: 'A self-nomination needs the employer’s sealed opinion.' },
  errOpinionBoth: { zh: '填写单位意见时，单位意见与盖章日期都要填写。', en: 'Give both the opinion and the date of the seal, or neither.' },
  errUnitMismatch: { zh: '推荐单位须与登录单位一致。', en: 'The recommending unit must be your own unit.' },

  submittedSelf: {
    zh: '申报已提交，申报编号：{id}。接下来秘书处将审核报名表上的单位公章，每一步进展都会发邮件到 {email}。邮件中的专属链接可以随时查看进度，请妥善保存、勿转发。',
    en: 'Nomination submitted: case {id}. The secretariat now checks the unit seal on the form; every step is emailed to {email}. The private link in the email shows the case at any time: keep it, and do not share it.',
  },
  submittedUnit: {
    zh: '申报已提交，申报编号：{id}。接下来秘书处将审核报名表上的单位公章，审核通过后进入业务领域审核；每一步进展都会发邮件到 {email}。',
    en: 'Nomination submitted: case {id}. The secretariat now checks the unit seal on the form, then the working group of the field reviews it; every step is emailed to {email}.',
  },
  submittedBefore: { zh: '这份申报此前已经提交过，申报编号：{id}。', en: 'This nomination was submitted before: case {id}.' },
  linkEmailed: { zh: '专属查看链接已发送到申报时填写的邮箱。', en: 'The private link was emailed to the address given then.' },
});

// ---------------------------------------------------------------------------------------------
// Who nominates, and through which channel

const params = new URLSearchParams(location.search);
const campaignId = params.get('campaign');
const user = session()?.user;
const isUnit = Boolean(user?.roles?.includes('unit') && user.unit);
// A unit's channel is its kind's in this campaign (from its quota); anyone else nominates themselves.
let channel = 'self';
let isSelf = true;
/** The campaign as anyone may read it: title, dates, phase, fields, whether it takes self-nominations. */
let campaign;

const main = renderShell(t('nominateTitle'));

// ---------------------------------------------------------------------------------------------
// Field checks: the same limits as the API's schema, said in the reader's language

const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
// The HTML5 e-mail rule, which the API uses too.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function isDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The problem with `value` under `rule`, in words, or null. */
function problemOf(rule, raw) {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === '' || value === undefined || value === null) return rule.required ? t(rule.kind === 'select' ? 'errChoose' : 'errRequired') : null;
  switch (rule.kind) {
    case 'email':
      if (value.length > 254 || !EMAIL.test(value)) return t('errEmail');
      return null;
    case 'phone':
      return PHONE.test(value) ? null : t('errPhone');
    case 'int': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      return Number.isInteger(n) && n >= rule.min && n <= rule.max ? null : t('errInt', { min: rule.min, max: rule.max });
    }
    case 'date':
      return isDate(value) ? null : t('errDate');
    default:
      return rule.max && value.length > rule.max ? t('errMax', { max: rule.max }) : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Building the form

/** Each input's rule, by its name (a dotted path of the nomination JSON). */
const rules = new Map();

function idOf(name) {
  return `f-${name.replace(/\W/g, '-')}`;
}

/** The label of a control, the mark of a required one beside it (outside the label, so the label says just the name). */
function labelLine(id, text, required) {
  return el('div', { class: 'label-line' }, el('label', { for: id }, text), ...requiredMark(required));
}

function requiredMark(required) {
  return required ? [' ', el('span', { class: 'required-mark', 'aria-hidden': 'true', title: t('required') }, '*')] : [];
}

/**
 * A labelled control: `<label for>`, the input (or textarea/select), an optional hint tied to it by
 * aria-describedby. `rule` is { kind, required, max, min } as problemOf reads it.
 */
function control(name, text, rule, { hint, type = 'text', options, rows, readonly, value, autocomplete, inputmode } = {}) {
  const id = idOf(name);
  rules.set(name, rule);
  const hintId = hint ? `${id}-hint` : undefined;
  const common = { id, name, required: rule.required, 'aria-describedby': hintId, readonly, autocomplete, inputmode };
  let input;
  if (rule.kind === 'select') {
    input = el('select', common, options.map(([v, l]) => el('option', { value: v }, l)));
  } else if (rows) {
    input = el('textarea', { ...common, rows, maxlength: rule.max });
  } else {
    input = el('input', { ...common, type, maxlength: rule.max && rule.kind === 'text' ? rule.max : undefined });
  }
  if (value !== undefined) input.value = value;
  input.dataset.hint = hintId ?? '';
  return el('div', { class: 'control' }, labelLine(id, text, rule.required), hint && el('span', { class: 'hint', id: hintId }, hint), input);
}

/** Checks one input against its rule and the form's cross-field rules; marks it. Answers whether it passed. */
function checkInput(input) {
  if (input.disabled || input.closest('fieldset:disabled')) {
    markField(input, null);
    return true;
  }
  let message;
  if (input.type === 'file') message = sealedFormProblem(input.files?.[0]);
  else {
    const rule = rules.get(input.name);
    if (!rule) return true;
    message = problemOf(rule, input.value);
    if (!message && input.name.startsWith('unitOpinion.') && !isSelf) message = opinionPairProblem(input);
  }
  markField(input, message);
  return !message;
}

/** A unit may leave the opinion out, but not half of it. */
function opinionPairProblem(input) {
  const other = form.elements[input.name === 'unitOpinion.text' ? 'unitOpinion.sealedOn' : 'unitOpinion.text'];
  return !input.value.trim() && other.value.trim() ? t('errOpinionBoth') : null;
}

let form;
let line;
const AWARD_KEYS = ['title', 'issuer', 'year', 'level'];

async function buildForm() {
  const vocab = await labels();
  line = statusLine();

  if (isSelf) {
    main.append(el('p', { class: 'card note' }, t('selfNote'), ' ', !user && el('a', { href: `/signin?next=${encodeURIComponent(location.pathname + location.search)}` }, t('signInAsUnit'))));
  } else {
    main.append(el('p', { class: 'card note' }, t('unitNote', { unit: user.unit, channel: label(vocab.channels[channel]) })));
  }

  if (campaign.criteria?.length) {
    main.append(el('details', { class: 'card criteria' }, el('summary', {}, t('criteriaHeading')), el('ol', {}, campaign.criteria.map((c) => el('li', {}, c)))));
  }

  const fieldOptions = [['', t('fieldPlaceholder')], ...campaign.fields.map((f) => [f.code, fieldName(f.code, campaign, vocab)])];
  const categoryRadios = Object.keys(vocab.categories).map((c) =>
    el('div', { class: 'choice' }, el('input', { type: 'radio', id: `category-${c}`, name: 'category', value: c, checked: c === 'individual' }), el('label', { for: `category-${c}` }, label(vocab.categories[c]))),
  );

  const basics = el(
    'fieldset',
    {},
    el('legend', {}, t('sectionBasics')),
    el('p', {}, t('channelLabel'), lang === 'en' ? ': ' : '：', el('strong', {}, label(vocab.channels[channel]))),
    el('fieldset', {}, el('legend', {}, t('categoryLegend'), ...requiredMark(true)), categoryRadios),
    control('field', t('fieldLabel'), { kind: 'select', required: true }, { options: fieldOptions }),
    control('recommendingUnit', t('unitLabel'), { kind: 'text', required: true, max: 200 }, {
      hint: isSelf ? t('unitHintSelf') : t('unitHintFixed'),
      readonly: !isSelf,
      value: isSelf ? undefined : user.unit,
      autocomplete: 'organization',
    }),
    control('nomineeUnit', t('nomineeUnitLabel'), { kind: 'text', required: true, max: 200 }, { hint: isSelf ? t('nomineeUnitHintSelf') : t('nomineeUnitHint'), autocomplete: isSelf ? 'organization' : 'off' }),
  );

  const nominee = el(
    'fieldset',
    { id: 'nominee-fields' },
    el('legend', {}, t('sectionNominee')),
    control('nominee.name', t('nomineeName'), { kind: 'text', required: true, max: 100 }, { autocomplete: isSelf ? 'name' : 'off' }),
    control('nominee.gender', t('gender'), { kind: 'select', required: true }, { options: [['', t('genderChoose')], ['男', t('male')], ['女', t('female')]] }),
    control('nominee.age', t('age'), { kind: 'int', required: true, min: 16, max: 90 }, { inputmode: 'numeric' }),
    control('nominee.ethnicity', t('ethnicity'), { kind: 'text', max: 40 }, { hint: t('ethnicityHint') }),
    control('nominee.politicalAffiliation', t('politicalAffiliation'), { kind: 'text', max: 40 }, { hint: t('politicalHint') }),
    control('nominee.post', t('post'), { kind: 'text', max: 100 }, { autocomplete: 'organization-title' }),
    control('nominee.title', t('proTitle'), { kind: 'text', max: 100 }),
  );

  const team = el(
    'fieldset',
    { id: 'team-fields', hidden: true, disabled: true },
    el('legend', {}, t('sectionTeam')),
    control('team.name', t('teamName'), { kind: 'text', required: true, max: 200 }),
    control('team.foundedOn', t('foundedOn'), { kind: 'date', required: true }, { type: 'date' }),
    control('team.contactName', t('contactName'), { kind: 'text', required: true, max: 100 }),
    control('team.contactPhone', t('contactPhone'), { kind: 'phone', required: true }, { type: 'tel', inputmode: 'tel' }),
    control('team.memberCount', t('memberCount'), { kind: 'int', required: true, min: 2, max: 10000 }, { inputmode: 'numeric' }),
  );

  const contact = el(
    'fieldset',
    {},
    el('legend', {}, t('sectionContact')),
    control('phone', t('phone'), { kind: 'phone', required: true }, { type: 'tel', hint: t('phoneHint'), autocomplete: isSelf ? 'tel' : 'off', inputmode: 'tel' }),
    control('applicantEmail', t('email'), { kind: 'email', required: true }, { type: 'email', hint: t('emailHint'), autocomplete: isSelf ? 'email' : 'off' }),
    control('language', t('mailLanguage'), { kind: 'select', required: true }, { options: [['zh-CN', '中文'], ['en', 'English']], value: lang === 'en' ? 'en' : 'zh-CN' }),
  );

  const storySection = el(
    'fieldset',
    {},
    el('legend', {}, t('sectionStory')),
    control('duties', t('duties'), { kind: 'text', required: true, max: 2000 }, { rows: 4, hint: t('maxChars', { max: 2000 }) }),
    control('story', t('story'), { kind: 'text', required: true, max: 20000 }, { rows: 10, hint: t('maxChars', { max: 20000 }) }),
  );

  const awardRows = el('div', { class: 'award-rows' });
  const addAwardButton = el('button', { type: 'button', class: 'secondary' }, t('addAward'));
  const awardsLive = el('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const awards = el('fieldset', {}, el('legend', {}, t('sectionAwards')), el('p', { class: 'hint', id: 'awards-hint' }, t('awardsHint')), awardRows, el('p', {}, addAwardButton), awardsLive);

  const opinion = el(
    'fieldset',
    {},
    el('legend', {}, t('sectionOpinion'), ...requiredMark(isSelf)),
    el('p', { class: 'hint' }, isSelf ? t('opinionHintSelf') : t('opinionHintUnit')),
    control('unitOpinion.text', t('opinionText'), { kind: 'text', required: isSelf, max: 2000 }, { rows: 4 }),
    control('unitOpinion.sealedOn', t('sealedOn'), { kind: 'date', required: isSelf }, { type: 'date' }),
  );

  const fileInput = el('input', { type: 'file', id: 'f-sealedForm', name: 'sealedForm', accept: SEALED_FORM_ACCEPT, required: true, 'aria-describedby': 'f-sealedForm-hint' });
  fileInput.dataset.hint = 'f-sealedForm-hint';
  const chosen = el('p', { class: 'hint', id: 'f-sealedForm-chosen' });
  const progress = el('progress', { id: 'upload-progress', max: 1, value: 0, hidden: true, 'aria-label': t('uploadProgress') });
  const progressText = el('span', { id: 'upload-progress-text' });
  const progressLabel = el('p', { class: 'hint', 'aria-live': 'polite' }, progressText);
  const sealed = el(
    'fieldset',
    {},
    el('legend', {}, t('sectionSealedForm'), ...requiredMark(true)),
    labelLine('f-sealedForm', t('sealedForm'), true),
    el('span', { class: 'hint', id: 'f-sealedForm-hint' }, t('sealedFormHint')),
    fileInput,
    chosen,
    progressLabel,
    progress,
  );

  const submit = el('button', { type: 'submit' }, t('submit'));
  form = el('form', { class: 'nomination', novalidate: true, 'aria-describedby': 'nominate-required-note' },
    el('p', { class: 'hint', id: 'nominate-required-note' }, t('nominateIntro')),
    basics, nominee, team, contact, storySection, awards, opinion, sealed,
    el('p', {}, submit), line);
  main.append(form);

  // Individual or team: only the chosen category's fieldset is shown, checked and sent.
  function showCategory() {
    const isTeam = form.elements.category.value === 'team';
    nominee.hidden = nominee.disabled = isTeam;
    team.hidden = team.disabled = !isTeam;
    for (const input of [...nominee.elements, ...team.elements]) if (input.closest('fieldset:disabled')) markField(input, null);
  }
  for (const radio of categoryRadios.map((row) => row.querySelector('input'))) radio.addEventListener('change', showCategory);

  // Media awards: rows added and removed; names stay `mediaAwards.<i>.<key>` in order.
  function awardRow(i, values = {}) {
    const n = i + 1;
    const row = el(
      'fieldset',
      { class: 'award' },
      el('legend', {}, t('awardLegend', { n })),
      control(`mediaAwards.${i}.title`, t('awardTitle'), { kind: 'text', required: true, max: 200 }),
      control(`mediaAwards.${i}.issuer`, t('awardIssuer'), { kind: 'text', required: true, max: 200 }),
      control(`mediaAwards.${i}.year`, t('awardYear'), { kind: 'int', required: true, min: 1949, max: 2100 }, { inputmode: 'numeric' }),
      control(`mediaAwards.${i}.level`, t('awardLevel'), { kind: 'select', required: false }, { options: [['', t('awardLevelNone')], ...Object.entries(vocab.awardLevels ?? {}).map(([code, l]) => [code, label(l)])] }),
      el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => removeAward(i) }, t('removeAward', { n }))),
    );
    for (const key of AWARD_KEYS) row.querySelector(`[name="mediaAwards.${i}.${key}"]`).value = values[key] ?? '';
    return row;
  }
  function awardValues() {
    return [...awardRows.children].map((row, i) => Object.fromEntries(AWARD_KEYS.map((key) => [key, row.querySelector(`[name="mediaAwards.${i}.${key}"]`).value])));
  }
  function renderAwards(values) {
    for (const name of [...rules.keys()]) if (name.startsWith('mediaAwards.')) rules.delete(name);
    awardRows.replaceChildren(...values.map((v, i) => awardRow(i, v)));
    addAwardButton.disabled = values.length >= 50;
  }
  function removeAward(i) {
    const values = awardValues();
    values.splice(i, 1);
    renderAwards(values);
    awardsLive.textContent = t('awardRemoved');
    const next = awardRows.children[Math.min(i, values.length - 1)];
    (next?.querySelector('input') ?? addAwardButton).focus();
  }
  addAwardButton.addEventListener('click', () => {
    const values = awardValues();
    values.push({});
    renderAwards(values);
    awardsLive.textContent = '';
    awardRows.lastElementChild.querySelector('input').focus();
  });

  // Checks as the reader leaves a field they have typed in or chosen from, and again as they fix a
  // marked one. A field merely passed over is not marked until the form is sent: a message appearing
  // as the focus moves would shift the button being clicked.
  form.addEventListener('focusout', (event) => {
    const input = event.target;
    if (input.matches('input:not([type=radio]), select, textarea') && input.type !== 'file' && input.dataset.touched) checkInput(input);
  });
  // A self-nominee's own unit is usually the recommending unit: it follows that one until typed in itself.
  let mirrored = '';
  form.addEventListener('input', (event) => {
    const input = event.target;
    input.dataset.touched = 'yes';
    const own = form.elements.nomineeUnit;
    if (isSelf && input.name === 'recommendingUnit' && own.value === mirrored) {
      own.value = mirrored = input.value;
      if (own.getAttribute('aria-invalid') === 'true') checkInput(own);
    }
    if (input.getAttribute('aria-invalid') === 'true' && input.type !== 'file') checkInput(input);
    if (input.name?.startsWith('unitOpinion.') && !isSelf) {
      const other = form.elements[input.name === 'unitOpinion.text' ? 'unitOpinion.sealedOn' : 'unitOpinion.text'];
      if (other.getAttribute('aria-invalid')) checkInput(other);
    }
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    chosen.textContent = file ? t('fileChosen', { name: file.name, size: formatSize(file.size) }) : '';
    progress.hidden = true;
    progressText.textContent = '';
    checkInput(fileInput);
  });

  // One Idempotency-Key per form, kept for this tab until the case exists: a double click, a retry
  // after a lost answer or a reload resends under the same key, and the API answers the same case.
  const keyName = `laurel.nominate.key.${campaignId}`;
  const idempotencyKey = sessionStorage.getItem(keyName) ?? newIdempotencyKey();
  sessionStorage.setItem(keyName, idempotencyKey);
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const inputs = [...form.querySelectorAll('input:not([type=radio]), select, textarea')];
    const bad = inputs.filter((input) => !checkInput(input));
    if (bad.length) {
      showError(line, { message: t('fixFields', { count: bad.length }) });
      bad[0].focus();
      return;
    }
    const nomination = collect();
    const body = new FormData();
    body.append('nomination', JSON.stringify(nomination));
    body.append('sealedForm', fileInput.files[0]);
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    showOk(line, t('submitting'));
    line.classList.remove('ok');
    try {
      const { status, body: answer } = await upload(`/api/campaigns/${encodeURIComponent(campaignId)}/nominations`, body, {
        idempotencyKey,
        onProgress: progressReporter(progress, progressText),
      });
      sessionStorage.removeItem(keyName);
      const { caseId, accessToken } = answer;
      if (isSelf) {
        flash(status === 201 ? t('submittedSelf', { id: caseId, email: nomination.applicantEmail }) : `${t('submittedBefore', { id: caseId })}${t('linkEmailed')}`);
        location.assign(`/status?case=${encodeURIComponent(caseId)}${accessToken ? `#token=${encodeURIComponent(accessToken)}` : ''}`);
      } else {
        flash(status === 201 ? t('submittedUnit', { id: caseId, email: nomination.applicantEmail }) : t('submittedBefore', { id: caseId }));
        location.assign(`/case?id=${encodeURIComponent(caseId)}`);
      }
    } catch (err) {
      progress.hidden = true;
      progressText.textContent = '';
      showRefusal(err);
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

/** The nomination JSON as the API's schema has it: only the chosen category's part, no empty optional fields. */
function collect() {
  const value = (name) => form.elements[name]?.value.trim() ?? '';
  const optional = (name) => value(name) || undefined;
  const category = form.elements.category.value;
  const n = {
    channel,
    category,
    field: value('field'),
    recommendingUnit: value('recommendingUnit'),
    nomineeUnit: value('nomineeUnit'),
    applicantEmail: value('applicantEmail'),
    phone: value('phone'),
    duties: value('duties'),
    story: value('story'),
    mediaAwards: [...form.querySelectorAll('fieldset.award')].map((_, i) => ({
      title: value(`mediaAwards.${i}.title`),
      issuer: value(`mediaAwards.${i}.issuer`),
      year: Number(value(`mediaAwards.${i}.year`)),
      level: optional(`mediaAwards.${i}.level`),
    })),
    language: value('language'),
  };
  if (category === 'individual') {
    n.nominee = {
      name: value('nominee.name'),
      gender: value('nominee.gender'),
      age: Number(value('nominee.age')),
      ethnicity: optional('nominee.ethnicity'),
      politicalAffiliation: optional('nominee.politicalAffiliation'),
      post: optional('nominee.post'),
      title: optional('nominee.title'),
    };
  } else {
    n.team = {
      name: value('team.name'),
      foundedOn: value('team.foundedOn'),
      contactName: value('team.contactName'),
      contactPhone: value('team.contactPhone'),
      memberCount: Number(value('team.memberCount')),
    };
  }
  if (value('unitOpinion.text') || value('unitOpinion.sealedOn')) n.unitOpinion = { text: value('unitOpinion.text'), sealedOn: value('unitOpinion.sealedOn') };
  return n;
}

/** Where a detail of the API's answer belongs on this form. */
function inputFor(path) {
  const name = path.replace(/^nomination\./, '');
  const aliases = { unitOpinion: 'unitOpinion.text', team: 'team.name', nominee: 'nominee.name', category: 'category-individual' };
  const target = aliases[name] ?? name;
  return form.querySelector(`[name="${CSS.escape(target)}"]`) ?? document.getElementById(target);
}

/** The API's refusal: its message in the status line, each field's detail beside the field, in the reader's words. */
function showRefusal(err) {
  // Details made here are already in the reader's words; the API's own (from its schema) are not.
  const details = (err.details ?? []).map((d) => ({ ...d, path: d.path.replace(/^nomination\./, '') }));
  const add = (path, message) => details.unshift({ path, message, ours: true });
  if ([413, 415].includes(err.status) || err.code === 'sealed-form-missing') add('sealedForm', err.message);
  if (err.code === 'unit-mismatch') add('recommendingUnit', t('errUnitMismatch'));
  if (err.code === 'previously-honoured' || err.code === 'duplicate-nomination') add(form.elements.category.value === 'team' ? 'team.name' : 'nominee.name', err.message);
  if (details.some((d) => d.path === 'unitOpinion')) add('unitOpinion', t('errOpinionSelf'));
  showError(line, err);
  for (const input of form.querySelectorAll('[aria-invalid="true"]')) markField(input, null);
  let first;
  for (const detail of details) {
    const input = inputFor(detail.path);
    if (!input || input.getAttribute('aria-invalid') === 'true') continue;
    const rule = rules.get(input.name);
    const message = detail.ours ? detail.message : (rule && problemOf(rule, input.value)) || t('errServer', { message: detail.message });
    markField(input, message);
    first ??= input;
  }
  first?.focus();
}

// ---------------------------------------------------------------------------------------------

/** The campaigns taking nominations, to choose from when the link names none (or one that does not exist). */
async function chooseCampaign() {
  const line = statusLine();
  main.append(line);
  try {
    const { campaigns } = await api('GET', '/api/public/campaigns', { token: '' });
    const open = campaigns.filter((c) => c.phase === 'collecting' && (isUnit || c.selfNomination));
    if (!open.length) {
      main.append(el('p', {}, t('noOpenCampaign'), ' ', el('a', { href: '/' }, t('toHome'))));
      return;
    }
    main.append(
      el('p', {}, t('chooseCampaign')),
      el('ul', {}, open.map((c) => el('li', {}, el('a', { href: `/nominate?campaign=${encodeURIComponent(c.id)}` }, c.title), ' · ', t('deadlineShort', { at: formatTime(c.submissionDeadline) })))),
    );
  } catch (err) {
    showError(line, err);
  }
}

/** Whether this reader may nominate in the campaign now; if not, the page says why and what to do. */
async function mayNominate() {
  const info = el('p', { class: 'campaign' }, t('campaignLine', { title: campaign.title, deadline: formatTime(campaign.submissionDeadline), left: timeLeft(campaign.submissionDeadline) }));
  main.append(info);
  if (campaign.phase !== 'collecting') {
    main.append(el('p', { class: 'status error', role: 'status' }, t('campaignClosed', { at: formatTime(campaign.submissionDeadline) }), ' ', el('a', { href: '/' }, t('toHome'))));
    return false;
  }
  if (!isUnit) {
    if (campaign.selfNomination) return true;
    const signInLink = !user && el('a', { href: `/signin?next=${encodeURIComponent(location.pathname + location.search)}` }, t('signInAsUnit'));
    main.append(el('p', { class: 'status error', role: 'status' }, user ? t('noSelfNominationStaff') : t('noSelfNomination'), ' ', signInLink));
    return false;
  }
  const line = statusLine();
  let quota;
  try {
    quota = await api('GET', `/api/campaigns/${encodeURIComponent(campaignId)}/quota`);
  } catch (err) {
    main.append(line);
    showError(line, err.code === 'channel-not-allowed' ? { message: t('kindNotInCampaign') } : err);
    return false;
  }
  channel = quota.channel;
  isSelf = false;
  const none = quota.remaining <= 0;
  main.append(
    el(
      'div',
      { class: `card quota${none ? ' none' : ''}`, role: none ? 'alert' : undefined },
      el('p', {}, t('quotaLine', { unit: quota.unit, kind: quota.unitKindName, limit: quota.limit, used: quota.used, remaining: quota.remaining })),
      none && el('p', { class: 'status error' }, t('quotaNone')),
    ),
  );
  return !none;
}

if (!campaignId) {
  await chooseCampaign();
} else {
  try {
    campaign = await api('GET', `/api/public/campaigns/${encodeURIComponent(campaignId)}`, { token: '' });
  } catch (err) {
    const line = statusLine();
    main.append(line);
    showError(line, err);
    if (err.status === 404) {
      forgetCampaign(campaignId);
      await chooseCampaign();
    }
  }
  if (campaign) {
    rememberCampaign(campaign.id);
    if (await mayNominate()) await buildForm();
  }
}
