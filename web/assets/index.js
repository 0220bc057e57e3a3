import { api, session } from './api.js';
import { define, formatTime, t } from './i18n.js';
import { el, renderShell } from './shell.js';

define({
  welcome: { zh: '“最美后勤人”推选活动', en: 'The “Most Beautiful Logistics Worker” campaign' },
  welcomeText: {
    zh: '本平台受理推荐申报、审核评审、公示与通报。推荐单位登录后申报；个人可直接自荐；公众可查看公示名单并提出异议。',
    en: 'Nominations are received, reviewed, publicly noticed and announced here. Units sign in to nominate; individuals may nominate themselves; anyone may read the notice and object.',
  },
  openCampaigns: { zh: '当前活动', en: 'Campaigns' },
  deadline: { zh: '申报截止：{at}', en: 'Submissions close {at}' },
  selfNominate: { zh: '个人自荐', en: 'Nominate yourself' },
  readNotice: { zh: '查看公示', en: 'Read the notice' },
});

const main = renderShell(t('welcome'));
main.append(el('p', {}, t('welcomeText')));
const list = el('section', { 'aria-labelledby': 'campaigns-heading' }, el('h2', { id: 'campaigns-heading' }, t('openCampaigns')));
main.append(list);
if (session()) {
  const { campaigns } = await api('GET', '/api/campaigns');
  for (const c of campaigns) {
    list.append(
      el('p', {}, el('strong', {}, c.title), ' · ', t('deadline', { at: formatTime(c.submissionDeadline) }), ' · ',
        el('a', { href: `/nominate?campaign=${encodeURIComponent(c.id)}` }, t('nominate')), ' · ',
        el('a', { href: `/notice?campaign=${encodeURIComponent(c.id)}` }, t('readNotice'))),
    );
  }
} else {
  list.append(el('p', {}, el('a', { class: 'button', href: '/nominate?campaign=demo' }, t('selfNominate')), ' ', el('a', { class: 'button secondary', href: '/notice?campaign=demo' }, t('readNotice'))));
}
