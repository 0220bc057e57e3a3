// What every page knows of campaigns: which one the reader is on (or chose last), a business field's
// name as the case's own campaign words it, a campaign's phase and durations in words, and Beijing
// dates and times as the forms take them.
import { define, label, lang, t } from './i18n.js';

define({
  durationDays: { zh: '{n} 天', en: '{n} day(s)' },
  durationHours: { zh: '{n} 小时', en: '{n} hour(s)' },
  durationMinutes: { zh: '{n} 分钟', en: '{n} minute(s)' },
  durationSeconds: { zh: '{n} 秒', en: '{n} second(s)' },
});

const CAMPAIGN_KEY = 'laurel.campaign';

/**
 * The campaign the reader is on: the page's `?campaign=` (the campaign page's `?id=`), which is
 * remembered in this browser; without one, the campaign they chose last; null if never.
 */
export function currentCampaign() {
  const params = new URLSearchParams(location.search);
  const here = params.get('campaign') || (location.pathname === '/campaign' ? params.get('id') : null);
  if (here) rememberCampaign(here);
  return here || localStorage.getItem(CAMPAIGN_KEY);
}

export function rememberCampaign(id) {
  if (id) localStorage.setItem(CAMPAIGN_KEY, id);
}

/** Forgets the remembered campaign if it is `id` (it no longer exists), so the links stop leading there. */
export function forgetCampaign(id) {
  if (localStorage.getItem(CAMPAIGN_KEY) === id) localStorage.removeItem(CAMPAIGN_KEY);
}

/** Where a campaign stands, in the vocabulary's words. */
export function phaseName(phase, vocab) {
  return label(vocab?.phases?.[phase], phase);
}

/** A business field's name in the reader's language: the campaign's own name, else the national vocabulary's, else its code. */
export function fieldName(code, campaign, vocab) {
  const own = campaign?.fields?.find((f) => f.code === code);
  if (own) return lang === 'en' ? (own.nameEn ?? own.name) : own.name;
  return label(vocab?.fields?.[code], code);
}

/** Names fields by the campaign a case belongs to: `(campaignId, code) => name`. */
export function fieldNamer(campaigns, vocab) {
  const byId = new Map((campaigns ?? []).map((c) => [c.id, c]));
  return (campaignId, code) => fieldName(code, byId.get(campaignId), vocab);
}

/**
 * The fields a filter offers, `[code, name]`: those of the chosen campaign, else of every campaign
 * (each code once, named by the first campaign that has it), else the national vocabulary's.
 */
export function fieldChoices(campaigns, vocab, campaignId) {
  const chosen = (campaigns ?? []).filter((c) => !campaignId || c.id === campaignId);
  const choices = new Map();
  for (const c of chosen) for (const f of c.fields ?? []) if (!choices.has(f.code)) choices.set(f.code, fieldName(f.code, c, vocab));
  if (!choices.size) for (const code of Object.keys(vocab?.fields ?? {})) choices.set(code, label(vocab.fields[code], code));
  return [...choices];
}

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** An ISO 8601 duration (`P7D`, `PT30M`, `P1DT12H`) in words; the text itself if it is not one. */
export function durationInWords(iso) {
  const m = DURATION.exec(iso ?? '');
  if (!m || iso === 'P' || iso.endsWith('T')) return iso ?? '';
  const [, weeks, days, hours, minutes, seconds] = m.map((part) => (part === undefined ? 0 : Number(part)));
  const parts = [
    weeks * 7 + days && t('durationDays', { n: weeks * 7 + days }),
    hours && t('durationHours', { n: hours }),
    minutes && t('durationMinutes', { n: minutes }),
    seconds && t('durationSeconds', { n: seconds }),
  ].filter(Boolean);
  return parts.join(' ');
}

/** Whole days when the duration is whole days (`P7D`, `P2W`), else null: the campaign page edits days. */
export function durationDays(iso) {
  const m = DURATION.exec(iso ?? '');
  if (!m || iso === 'P' || m[3] || m[4] || m[5]) return null;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** An instant on Beijing's clock, as a date input and a time input take it: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function beijingParts(iso) {
  const shifted = new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** A date and a time read on Beijing's clock, as an ISO 8601 instant with its offset. */
export function fromBeijing(date, time) {
  return `${date}T${time || '00:00'}:00+08:00`;
}
