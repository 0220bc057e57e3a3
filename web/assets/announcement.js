// The announcement (通报) of a campaign's result, for anyone: once the secretariat's scheduled
// announcement is made, the honourees with their own unit, business field (as the campaign names
// it) and category — never phone, age or email; before it, that the result has not been announced
// yet and, when the notice period is over, that it has ended. A page left open asks again every few
// seconds and shows the honourees once the announcement is made.
import { api, labels } from './api.js';
import { fieldName, forgetCampaign, phaseName } from './campaigns.js';
import { define, formatTime, label, lang, t } from './i18n.js';
import { el, renderShell, setChildren, showError, showOk, statusLine } from './shell.js';

define({
  announcementTitle: { zh: '评选结果通报', en: 'Announcement of the result' },
  announcementCampaign: { zh: '评选活动：{title}', en: 'Campaign: {title}' },
  announcementChoose: { zh: '请选择要查看评选结果的活动：', en: 'Choose the campaign whose result to read:' },
  announcementNoCampaigns: { zh: '目前没有公示期满或已通报结果的评选活动。', en: 'No campaign has finished its public notice or announced its result.' },
  announcementToHome: { zh: '返回首页', en: 'Back to the home page' },
  announcementMade: {
    zh: '经评审委员会评选并向社会公示，现将评选结果通报如下。通报时间：{at}（北京时间）。',
    en: 'Selected by the review committee and publicly noticed, the honourees are announced below. Announced on {at}.',
  },
  announcementNotYet: { zh: '评选结果尚未通报。', en: 'The result has not been announced yet.' },
  announcementNoticeEnded: { zh: '公示期已于 {at}（北京时间）结束，评选结果将由主办方择期通报，请届时查看本页。', en: 'The public notice ended on {at}; the organisers will announce the result on a date they choose: look here again then.' },
  announcementNoticeRunning: { zh: '名单正在公示，公示期至 {at}（北京时间）结束；公示期满后择期通报评选结果。', en: 'The list is on public notice until {at}; the result is announced on a date chosen after it ends.' },
  announcementInReview: { zh: '评选尚在进行中，评审结束后先公示、再通报。', en: 'The campaign is still under review: a public notice comes first, then the announcement.' },
  announcementPreparing: { zh: '通报名单正在生成，请稍后刷新本页。', en: 'The list is being prepared; reload this page in a moment.' },
  announcementCaption: { zh: '通报名单（共 {n} 项）', en: 'Honourees ({n})' },
  announcementColNo: { zh: '序号', en: 'No.' },
  announcementColName: { zh: '姓名（团队）', en: 'Honouree' },
  announcementColUnit: { zh: '所在单位', en: 'Unit' },
  announcementColField: { zh: '所属业务领域', en: 'Business field' },
  announcementColCategory: { zh: '类别', en: 'Category' },
  announcementNoticeLink: { zh: '查看公示名单', en: 'Read the public notice' },
  announcementRefresh: { zh: '刷新', en: 'Reload' },
  announcementJustMade: { zh: '评选结果已通报，名单如下。', en: 'The result has just been announced: the honourees are listed below.' },
});

const campaignId = new URLSearchParams(location.search).get('campaign');
const main = renderShell(t('announcementTitle'));
const line = statusLine();
main.append(line);

function honoureesTable(honourees, campaign, vocab) {
  const columns = [t('announcementColNo'), t('announcementColName'), t('announcementColUnit'), t('announcementColField'), t('announcementColCategory')];
  const cell = (i, ...content) => el('td', { 'data-label': columns[i] }, ...content);
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'stack announced' },
      el('caption', {}, t('announcementCaption', { n: honourees.length })),
      el('thead', {}, el('tr', {}, columns.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        honourees.map((h, i) =>
          el(
            'tr',
            {},
            cell(0, String(i + 1)),
            el('th', { scope: 'row' }, h.name),
            cell(2, h.unit),
            cell(3, fieldName(h.field, campaign, vocab)),
            cell(4, label(vocab.categories[h.category], h.category)),
          ),
        ),
      ),
    ),
  );
}

/** Before the announcement: where the campaign stands, in words. */
function notYet(campaign) {
  const endsAt = campaign?.noticeEndsAt;
  const where = !endsAt
    ? t('announcementInReview')
    : Date.parse(endsAt) <= Date.now()
      ? t('announcementNoticeEnded', { at: formatTime(endsAt) })
      : t('announcementNoticeRunning', { at: formatTime(endsAt) });
  return [el('p', { class: 'period' }, el('strong', { id: 'not-announced' }, t('announcementNotYet'))), el('p', {}, where)];
}

/** How often a page left open before the announcement asks again whether it has been made. */
const RECHECK_MS = 15_000;

async function show() {
  let announcement;
  let vocab;
  let campaign;
  const read = () => api('GET', `/api/public/campaigns/${encodeURIComponent(campaignId)}/announcement`, { token: '' });
  try {
    [announcement, vocab, campaign] = await Promise.all([
      read(),
      labels(),
      // The campaign names its own fields and says when the notice ends; without it the national names serve.
      api('GET', `/api/public/campaigns/${encodeURIComponent(campaignId)}`, { token: '' }).catch(() => null),
    ]);
  } catch (err) {
    showError(line, err);
    if (err.status === 404) {
      forgetCampaign(campaignId);
      await chooseCampaign();
    }
    return;
  }
  const content = el('div', { id: 'announcement' });
  main.append(content);
  const draw = () => {
    const honourees = announcement.honourees ?? [];
    const made = Boolean(announcement.announcedAt) && honourees.length > 0;
    setChildren(
      content,
      el('p', { class: 'campaign' }, t('announcementCampaign', { title: announcement.title ?? campaign?.title ?? campaignId })),
      announcement.announcedAt
        ? [el('p', {}, t('announcementMade', { at: formatTime(announcement.announcedAt) })), honourees.length ? honoureesTable(honourees, campaign, vocab) : el('p', {}, t('announcementPreparing'))]
        : notYet(campaign),
      el(
        'p',
        { class: 'actions' },
        el('a', { href: `/notice?campaign=${encodeURIComponent(campaignId)}` }, t('announcementNoticeLink')),
        !made && el('button', { type: 'button', class: 'secondary', onclick: () => location.reload() }, t('announcementRefresh')),
      ),
    );
    return made;
  };
  document.title = `${t('announcementTitle')}${lang === 'en' ? ': ' : '：'}${announcement.title ?? campaign?.title ?? ''} · ${t('brand')}`;
  if (draw()) return;
  // Left open while the result is awaited (the notice has begun), the page shows it once it is made, and says so.
  if (!campaign?.noticeEndsAt) return;
  const recheck = async () => {
    try {
      const now = await read();
      if (now.announcedAt && now.honourees?.length) {
        announcement = now;
        draw();
        showOk(line, t('announcementJustMade'));
        return;
      }
    } catch {
      // A missed answer is asked again at the next turn.
    }
    setTimeout(recheck, RECHECK_MS);
  };
  setTimeout(recheck, RECHECK_MS);
}

/** The campaigns with a result to read (or soon to), when the link names none. */
async function chooseCampaign() {
  try {
    const [{ campaigns }, vocab] = await Promise.all([api('GET', '/api/public/campaigns', { token: '' }), labels()]);
    const listed = campaigns.filter((c) => ['notice-ended', 'announced', 'closed'].includes(c.phase));
    if (!listed.length) {
      main.append(el('p', {}, t('announcementNoCampaigns'), ' ', el('a', { href: '/' }, t('announcementToHome'))));
      return;
    }
    main.append(
      el('p', {}, t('announcementChoose')),
      el('ul', {}, listed.map((c) => el('li', {}, el('a', { href: `/announcement?campaign=${encodeURIComponent(c.id)}` }, c.title), ' · ', phaseName(c.phase, vocab)))),
    );
  } catch (err) {
    showError(line, err);
  }
}

if (campaignId) await show();
else await chooseCampaign();
