import type { Language } from './channels';

/** What each error code says to a person; Chinese unless the client asks for English. */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  'validation-failed': { zh: '提交的内容有误，请按提示修改。', en: 'Some fields are invalid; see details.' },
  'malformed-json': { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'malformed-multipart': { zh: '请求内容不是有效的 multipart/form-data。', en: 'The request body is not valid multipart/form-data.' },
  'bad-request': { zh: '请求无效。', en: 'The request is invalid.' },
  unauthenticated: { zh: '请先登录。', en: 'Please sign in.' },
  'invalid-token': { zh: '登录凭证无效或已过期，请重新登录。', en: 'The token is invalid or has expired; sign in again.' },
  'invalid-credentials': { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  forbidden: { zh: '您无权执行此操作。', en: 'You are not allowed to do this.' },
  'not-found': { zh: '未找到该资源，或您无权查看。', en: 'Not found, or not visible to you.' },
  'campaign-not-found': { zh: '未找到该评选活动。', en: 'No such campaign.' },
  'campaign-exists': { zh: '该活动代码已被使用。', en: 'A campaign with this code exists already.' },
  'deadline-passed': { zh: '申报截止时间已过。', en: 'The submission deadline has passed.' },
  'deadline-order': { zh: '评审截止时间必须晚于申报截止时间。', en: 'The review deadline must come after the submission deadline.' },
  'round-closed': { zh: '评审委员会评选已结束。', en: 'The committee round is already closed.' },
  'task-not-open': { zh: '该任务已不再处于待办状态。', en: 'This task is no longer open.' },
  'claimed-by-other': { zh: '该任务已被其他人认领。', en: 'Someone else has claimed this task.' },
  'not-claimed-by-you': { zh: '您没有认领该任务。', en: 'You have not claimed this task.' },
  'decision-not-allowed': { zh: '此类任务不接受该决定。', en: 'This decision is not allowed for this kind of task.' },
  'score-required': { zh: '通过时须给出 0–100 的评分。', en: 'Approving needs a score from 0 to 100.' },
  'score-not-allowed': { zh: '只有评审委员会通过时才可评分。', en: 'Only a committee approval carries a score.' },
  'case-closed': { zh: '该申报已结束，无法再操作。', en: 'This case is closed.' },
  'resubmission-not-requested': { zh: '当前无需重新提交报名表。', en: 'No resubmission of the sealed form is pending.' },
  'channel-not-allowed': { zh: '您的单位类型不能通过此渠道推荐。', en: 'Your unit may not nominate through this channel.' },
  'unit-mismatch': { zh: '推荐单位须与登录单位一致。', en: 'The recommending unit must be your own unit.' },
  'sealed-form-missing': { zh: '请上传加盖单位公章的报名表扫描件。', en: 'Upload the scanned form with the unit seal.' },
  'payload-too-large': { zh: '上传文件不得超过 10 MB。', en: 'The upload is larger than 10 MB.' },
  'unsupported-media-type': { zh: '报名表须为 PDF、JPEG 或 PNG 文件。', en: 'The form must be a PDF, JPEG or PNG file.' },
  'malformed-upload': { zh: '报名表文件已损坏或不完整，请重新扫描或导出后上传。', en: 'The form file is damaged or incomplete; scan or export it again.' },
  'unsafe-upload': { zh: '报名表文件中含有多余的数据或可执行内容（如脚本、程序、压缩包），请重新扫描或导出后上传。', en: 'The form file carries extra data or active content (script, program, archive); scan or export it again.' },
  'temporarily-unavailable': { zh: '系统暂时无法处理，请稍后用相同的 Idempotency-Key 重试。', en: 'Temporarily unavailable; retry later with the same Idempotency-Key.' },
  'quota-exhausted': { zh: '本单位在本次活动中的推荐名额已用完。', en: "Your unit's nomination quota for this campaign is used up." },
  'previously-honoured': { zh: '该候选人（团队）已获得过往届表彰，不在本次推荐范围内。', en: 'This nominee was honoured in an earlier edition and is not eligible.' },
  'duplicate-nomination': { zh: '该候选人已在本次活动中被推荐。', en: 'This nominee is already nominated in this campaign.' },
  'already-scored': { zh: '您已对该申报评过分。', en: 'You have already scored this case.' },
  'conflict-of-interest': { zh: '评审人员须回避本单位推荐的申报。', en: 'Reviewers may not decide cases recommended by their own unit.' },
  'not-in-notice-period': { zh: '该申报当前不在公示期内。', en: 'This case is not in its public notice period.' },
  'rate-limited': { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  'login-throttled': { zh: '登录失败次数过多，请稍后再试。', en: 'Too many failed sign-ins; wait a moment and try again.' },
  'account-locked': { zh: '登录失败次数过多，该账号已暂时锁定，请 15 分钟后再试或联系秘书处。', en: 'Too many failed sign-ins: the account is locked for 15 minutes, or until the secretariat unlocks it.' },
  'cannot-disable-self': { zh: '不能停用自己的账号。', en: 'You cannot disable your own account.' },
  'access-token-changed': { zh: '访问凭证已被更换，请使用最新的凭证。', en: 'The access token has been replaced; use the newest one.' },
  'history-unavailable': { zh: '该申报的工作流历史已不在 Temporal 服务器上，也未归档。', en: "This case's workflow history is neither on the Temporal server nor in the archive." },
  'no-access-token': { zh: '该申报不是个人自荐，没有申报人访问凭证。', en: 'Only self-nominations have an applicant access token.' },
  'invalid-csv': { zh: '导入文件有误，未导入任何记录；请按提示修改后重新上传。', en: 'The CSV file has errors; nothing was imported. See details.' },
  'csv-too-large': { zh: '导入文件不得超过 2 MB。', en: 'The CSV file is larger than 2 MB.' },
  'unsupported-csv-type': { zh: '请以 CSV 文本上传（Content-Type: text/csv，UTF-8 编码）。', en: 'Send the file as CSV text: Content-Type text/csv, UTF-8.' },
  'self-nomination-closed': { zh: '本次评选活动不接受个人自荐，请通过推荐单位申报。', en: 'This campaign does not take self-nominations; apply through a recommending unit.' },
  'campaign-in-use': { zh: '该修改与活动中已有的申报相抵触，详见说明。', en: 'This change contradicts cases already in the campaign; see details.' },
  'unit-exists': { zh: '已有同名单位。', en: 'A unit with this name is registered already.' },
  'username-taken': { zh: '该用户名已被使用。', en: 'This username is taken.' },
  'invitation-accepted': { zh: '该账号已设置密码，无需再发邀请；如忘记密码，可申请重设。', en: 'The account has set its password already; a forgotten password can be reset.' },
  'invalid-link': { zh: '链接无效或已过期，请向秘书处索取新的链接，或重新申请重设密码。', en: 'The link is invalid or has expired; ask the secretariat for a new one, or ask for a reset again.' },
  'weak-password': { zh: '密码不符合要求，详见说明。', en: 'The password is too weak; see details.' },
  'internal-error': { zh: '系统内部错误。', en: 'Internal error.' },
};

export function pickLanguage(acceptLanguage: string | undefined): Language {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}

export function describeError(code: string, language: Language): string | undefined {
  const m = MESSAGES[code];
  return m && (language === 'en' ? m.en : m.zh);
}
