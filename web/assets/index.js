// The home page: the open and recent campaigns, each with its dates on Beijing's clock, where it
// stands, and the ways in — the nomination form while it takes nominations, the public notice once
// it has one, the announcement of the result once the notice has ended, and for staff its dashboard
// (and for the secretariat its settings).
import { api, labels, session } from './api.js';
import { phaseName, rememberCampaign } from './campaigns.js';
import { define, formatTime, lang, t, timeLeft } from './i18n.js';
import { el, renderShell, showError, statusLine } from './shell.js';

define({
  welcome: { zh: '“最美后勤人”推选活动', en: 'The “Most Beautiful Logistics Worker” campaign' },
  welcomeText: {
    zh: '本平台受理推荐申报、审核评审、公示与通报。推荐单位登录后申报；个人可直接自荐；公众可查看公示名单并提出异议。',
    en: 'Nominations are received, reviewed, publicly noticed and announced here. Units sign in to nominate; individuals may nominate themselves; anyone may read the notice and object.',
  },
  openCampaigns: { zh: '评选活动', en: 'Campaigns' },
  homeNoCampaigns: { zh: '目前没有进行中的评选活动。', en: 'No campaign is running at present.' },
  homePhase: { zh: '当前阶段', en: 'Stage' },
  homeSubmission: { zh: '申报截止（北京时间）', en: 'Submissions close (Beijing time)' },
  homeReview: { zh: '评审截止（北京时间）', en: 'Reviews close (Beijing time)' },
  homeNoticeEnds: { zh: '公示截止（北京时间）', en: 'Notice ends (Beijing time)' },
  homeWhen: { zh: '{at}（{left}）', en: '{at} ({left})' },
  homeUnitsOnly: { zh: '本活动只接受推荐单位申报，不接受个人自荐。', en: 'Only recommending units nominate in this campaign; no self-nominations.' },
  homeSignInToNominate: { zh: '推荐单位登录后申报', en: 'Units: sign in to nominate' },
  readNotice: { zh: '查看公示', en: 'Read the notice' },
  readAnnouncement: { zh: '评选结果通报', en: 'The announced result' },
  homeDashboard: { zh: '活动总览', en: 'Dashboard' },
  homeSettings: { zh: '活动设置', en: 'Settings' },
  homeNewCampaign: { zh: '新建评选活动', en: 'New campaign' },
  homeCode: { zh: '活动代码：{code}', en: 'Code: {code}' },
});

const user = session()?.user;
const roles = user?.roles ?? [];
const runs = roles.includes('secretariat');
const readsDashboard = runs || roles.includes('auditor');
const nominatesAsUnit = roles.includes('unit');

/** The vocabulary, for the phases' names. */
let phaseWords;

const main = renderShell(t('welcome'));
main.append(el('p', {}, t('welcomeText')));
const list = el('section', { id: 'campaigns', 'aria-labelledby': 'campaigns-heading' }, el('h2', { id: 'campaigns-heading' }, t('openCampaigns')));
main.append(list);
if (runs) list.append(el('p', {}, el('a', { class: 'button', href: '/campaign' }, t('homeNewCampaign'))));

try {
  const [{ campaigns }, vocab] = await Promise.all([api('GET', '/api/public/campaigns', { token: '' }), labels()]);
  phaseWords = vocab;
  if (!campaigns.length) list.append(el('p', {}, t('homeNoCampaigns')));
  list.append(...campaigns.map(campaignCard));
} catch (err) {
  const line = statusLine();
  list.append(line);
  showError(line, err);
}

function when(iso) {
  return t('homeWhen', { at: formatTime(iso), left: timeLeft(iso) });
}

/** One campaign: its title, stage and dates, and the links that lead into it. */
function campaignCard(c) {
  const id = encodeURIComponent(c.id);
  const headingId = `campaign-${c.id}`;
  const links = [];
  if (c.phase === 'collecting') {
    if (nominatesAsUnit || c.selfNomination) links.push(el('a', { class: 'button', href: `/nominate?campaign=${id}` }, t('nominate')));
    else if (!user) links.push(el('a', { class: 'button', href: `/signin?next=${encodeURIComponent(`/nominate?campaign=${c.id}`)}` }, t('homeSignInToNominate')));
  }
  if (['notice-ended', 'announced'].includes(c.phase)) links.push(el('a', { class: 'button', href: `/announcement?campaign=${id}` }, t('readAnnouncement')));
  if (['notice', 'notice-ended', 'announced'].includes(c.phase)) links.push(el('a', { class: 'button secondary', href: `/notice?campaign=${id}` }, t('readNotice')));
  if (readsDashboard) links.push(el('a', { href: `/dashboard?campaign=${id}` }, t('homeDashboard')));
  if (runs) links.push(el('a', { href: `/campaign?id=${id}` }, t('homeSettings')));
  // Following any of them makes this the campaign the header's links lead to.
  for (const link of links) link.addEventListener('click', () => rememberCampaign(c.id));
  const colon = lang === 'en' ? ': ' : '：';
  return el(
    'article',
    { class: 'card campaign-card', 'aria-labelledby': headingId },
    el('h3', { id: headingId }, c.title),
    el('p', {}, t('homePhase'), colon, el('strong', { class: `badge phase-${c.phase}` }, phaseName(c.phase, phaseWords))),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, t('homeSubmission')), el('dd', {}, el('time', { datetime: c.submissionDeadline }, when(c.submissionDeadline))),
      el('dt', {}, t('homeReview')), el('dd', {}, el('time', { datetime: c.reviewDeadline }, when(c.reviewDeadline))),
      c.noticeEndsAt && [el('dt', {}, t('homeNoticeEnds')), el('dd', {}, el('time', { datetime: c.noticeEndsAt }, when(c.noticeEndsAt)))],
    ),
    c.phase === 'collecting' && !c.selfNomination && !nominatesAsUnit && el('p', { class: 'hint' }, t('homeUnitsOnly')),
    readsDashboard && el('p', { class: 'hint' }, t('homeCode', { code: c.code })),
    el('p', { class: 'actions' }, links),
  );
}
