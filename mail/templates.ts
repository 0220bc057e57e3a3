import type { Language } from '../domain/channels';
import type { CaseStatus } from '../domain/statuses';
import type { TaskKind } from '../domain/tasks';
import { STATUS_LABELS, TASK_KIND_LABELS } from '../domain/vocabulary';

export interface StatusEmailContext {
  status: CaseStatus;
  language: Language;
  caseId: string;
  nomineeName: string;
  campaignTitle: string;
  note?: string | null;
  statusUrl: string;
  noticeEndsAt?: Date | null;
  /** Only in the confirmation of a self-nomination: the applicant's key to their case. */
  accessToken?: string;
}

type Lines = (c: StatusEmailContext) => string[];

const NEXT_ZH: Record<CaseStatus, Lines> = {
  'seal-check': () => ['您的申报材料已收到，协会秘书处将审核报名表上的单位公章。'],
  'resubmission-requested': () => ['请按要求重新上传加盖单位公章的报名表扫描件，审核将在收到后继续。'],
  'field-review': () => ['公章审核已通过，评审工作组正按业务领域审核材料。'],
  'branch-shortlist': () => ['材料审核已通过，相关分支机构正在遴选入围候选人。'],
  'committee-review': () => ['已入围候选人，评审委员会正在评审。'],
  'awaiting-selection': () => ['评审委员会已完成评审，请等待最终评选结果。'],
  'public-notice': (c) => [`恭喜！已当选，现进入公示期${c.noticeEndsAt ? `，公示截止 ${formatTime(c.noticeEndsAt, 'zh-CN')}` : ''}。`],
  'notice-ended': () => ['公示期满，无异议成立。评选结果将由协会择期通报，届时另行通知。'],
  announced: () => ['评选结果已由协会正式通报，祝贺！'],
  rejected: () => ['很遗憾，申报未通过审核。'],
  'not-selected': () => ['很遗憾，本次评选未能当选。感谢您的参与。'],
  expired: () => ['申报已因超过截止日期而失效。'],
  withdrawn: () => ['申报已撤回。'],
  disqualified: () => ['经核查，已取消参评资格。'],
};

const NEXT_EN: Record<CaseStatus, Lines> = {
  'seal-check': () => ['Your nomination has been received. The secretariat will check the unit seal on the form.'],
  'resubmission-requested': () => ['Please upload the form with the unit seal again; the review continues once it arrives.'],
  'field-review': () => ['The seal check passed. The working group is reviewing the materials for the business field.'],
  'branch-shortlist': () => ['The field review passed. The branch is drawing up its shortlist.'],
  'committee-review': () => ['The nomination is shortlisted and is with the review committee.'],
  'awaiting-selection': () => ['The committee has reviewed the nomination. Please wait for the final selection.'],
  'public-notice': (c) => [`Congratulations: the nominee is selected and publicly noticed${c.noticeEndsAt ? ` until ${formatTime(c.noticeEndsAt, 'en')}` : ''}.`],
  'notice-ended': () => ['The public notice period has ended with no objection upheld. The association announces the result on a date it chooses; you will be told then.'],
  announced: () => ['The association has announced the result. Congratulations!'],
  rejected: () => ['We regret that the nomination did not pass the review.'],
  'not-selected': () => ['We regret that the nominee was not selected this time. Thank you for taking part.'],
  expired: () => ['The nomination has lapsed because its deadline passed.'],
  withdrawn: () => ['The nomination has been withdrawn.'],
  disqualified: () => ['After investigation, the nominee has been disqualified.'],
};

// Made once: toLocaleString with options builds a new formatter on every call. The fields are
// toLocaleString's own defaults, so the text is the same.
const BEIJING = { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
const BEIJING_TIME = { en: new Intl.DateTimeFormat('en-GB', BEIJING), zh: new Intl.DateTimeFormat('zh-CN', BEIJING) };

function formatTime(date: Date, language: Language): string {
  return language === 'en' ? `${BEIJING_TIME.en.format(date)} (Beijing time)` : `${BEIJING_TIME.zh.format(date)}（北京时间）`;
}

/**
 * The applicant's own way into their case: the status page with their token in the fragment (never
 * sent to a server by the browser). On a line of its own, so that no mail program takes the words
 * after it for part of the address.
 */
function personalLink(c: StatusEmailContext): string {
  return `${c.statusUrl}#token=${c.accessToken}`;
}

/**
 * The email sent to the applicant when their case reaches `status`, in the case's language
 * (Chinese unless the nomination asked for English): written for the person who applied, a canteen
 * manager as often as not, with a link to follow and nothing to type into a program.
 */
export function renderStatusEmail(c: StatusEmailContext): { subject: string; text: string } {
  const label = STATUS_LABELS[c.status];
  if (c.language === 'en') {
    return {
      subject: `[${c.campaignTitle}] ${c.nomineeName}: ${label.en}`,
      text: [
        `Nomination ${c.caseId} (${c.nomineeName})`,
        `Status: ${label.en}`,
        ...NEXT_EN[c.status](c),
        ...(c.note ? [`Note: ${c.note}`] : []),
        '',
        ...(c.accessToken
          ? [
              'Follow your nomination at any time with your personal link below; no account or sign-in is needed:',
              personalLink(c),
              'This link is yours alone: it opens your nomination and lets you withdraw it, so keep this email and do not forward it. If you think the link has reached someone else, replace it on the page it opens.',
            ]
          : ['Follow the nomination here:', c.statusUrl, '(For a self-nomination, open the personal link in your confirmation email.)']),
      ].join('\n'),
    };
  }
  return {
    subject: `【${c.campaignTitle}】${c.nomineeName}：${label.zh}`,
    text: [
      `申报编号：${c.caseId}（${c.nomineeName}）`,
      `当前状态：${label.zh}`,
      ...NEXT_ZH[c.status](c),
      ...(c.note ? [`说明：${c.note}`] : []),
      '',
      ...(c.accessToken
        ? [
            '您可以随时打开下面的专属链接查看申报进度，无需注册或登录：',
            personalLink(c),
            '这个链接只属于您，凭它可以查看和撤回本次申报，请保存好本邮件，不要转发给他人。如担心链接已被他人知道，可在链接打开的页面上更换链接。',
          ]
        : ['查看申报进度：', c.statusUrl, '（个人自荐的申报，请打开确认邮件中的专属链接查看。）']),
    ].join('\n'),
  };
}

/** To the recommending unit, when its nominee is disqualified (the unit's slot is not given back). */
export function renderDisqualificationNotice(c: { caseId: string; nomineeName: string; campaignTitle: string; reason: string }) {
  return {
    subject: `【${c.campaignTitle}】推荐的候选人${c.nomineeName}已被取消参评资格`,
    text: [
      `申报编号：${c.caseId}（${c.nomineeName}）`,
      '经核查，该候选人已被取消参评资格，已完成的公示、评选和入围结果均已撤销。本单位的推荐名额不予退还。',
      `原因：${c.reason}`,
      '',
      `Nomination ${c.caseId} (${c.nomineeName}) has been disqualified; its notice entry, selection and shortlisting are revoked. The recommendation slot is not returned.`,
      `Reason: ${c.reason}`,
    ].join('\n'),
  };
}

/** To the accounts of the recommending unit, when the association announces its nominee's award. */
export function renderUnitAnnouncement(c: { caseId: string; nomineeName: string; campaignTitle: string; statusUrl: string }) {
  return {
    subject: `【${c.campaignTitle}】贵单位推荐的${c.nomineeName}已获正式通报 / ${c.nomineeName} announced`,
    text: [
      `申报编号：${c.caseId}（${c.nomineeName}）`,
      '协会已正式通报评选结果，贵单位推荐的候选人获评。请按通知要求做好宣传工作。',
      `查看：${c.statusUrl}`,
      '',
      `Nomination ${c.caseId} (${c.nomineeName}): the association has announced the result and your unit's nominee is among the honourees.`,
    ].join('\n'),
  };
}

/** To a reviewer, some days before the review deadline, with their open review tasks counted by kind. */
export function renderReviewReminder(c: { campaignTitle: string; reviewDeadline: string; daysBefore: number; openTasks: { kind: TaskKind; count: number }[] }) {
  const lines = c.openTasks.map((t) => `- ${TASK_KIND_LABELS[t.kind].zh} / ${TASK_KIND_LABELS[t.kind].en}: ${t.count}`);
  return {
    subject: `【${c.campaignTitle}】评审截止还有 ${c.daysBefore} 天 / Review deadline in ${c.daysBefore} day(s)`,
    text: [`评审截止时间：${c.reviewDeadline}。您仍有待办的评审任务：`, `Review deadline ${c.reviewDeadline}. Your open review tasks:`, ...lines].join('\n'),
  };
}

function beijingTime(date: Date): string {
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** A new account's invitation: a one-time link to set its password. Chinese first, English after. */
export function renderInvitation(c: { displayName: string; username: string; link: string; expiresAt: Date; siteName?: string }) {
  const site = c.siteName ?? '最美后勤人评选平台';
  return {
    subject: `【${site}】账号已开通，请设置密码 / Your account: set your password`,
    text: [
      `${c.displayName}，您好：`,
      `协会秘书处已为您开通${site}账号，用户名：${c.username}。`,
      `请打开下面的链接设置密码（链接仅可使用一次，${beijingTime(c.expiresAt)} 前有效）：`,
      c.link,
      '如您并未参与本次评选工作，请忽略本邮件。',
      '',
      `Hello ${c.displayName},`,
      `The secretariat has opened an account for you. Your username: ${c.username}.`,
      `Set your password with this link (single use, valid until ${c.expiresAt.toISOString()}):`,
      c.link,
    ].join('\n'),
  };
}

/** A password reset someone asked for: a one-time link. Chinese first, English after. */
export function renderPasswordReset(c: { displayName: string; username: string; link: string; expiresAt: Date }) {
  return {
    subject: '【最美后勤人评选平台】重设密码 / Reset your password',
    text: [
      `${c.displayName}，您好：`,
      `我们收到了重设账号 ${c.username} 密码的请求。请打开下面的链接设置新密码（链接仅可使用一次，${beijingTime(c.expiresAt)} 前有效）：`,
      c.link,
      '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
      '',
      `Hello ${c.displayName},`,
      `Someone asked to reset the password of ${c.username}. Set a new one with this link (single use, valid until ${c.expiresAt.toISOString()}):`,
      c.link,
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}
