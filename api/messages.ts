import type { Language } from '../domain/channels';

/** What each error code says to a person; Chinese unless the client asks for English. */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  'validation-failed': { zh: '提交的内容有误，请按提示修改。', en: 'Some fields are invalid; see details.' },
  'malformed-json': { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  'bad-request': { zh: '请求无效。', en: 'The request is invalid.' },
  unauthenticated: { zh: '请先登录。', en: 'Please sign in.' },
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
  'temporarily-unavailable': { zh: '系统暂时无法处理，请稍后用相同的 Idempotency-Key 重试。', en: 'Temporarily unavailable; retry later with the same Idempotency-Key.' },
  'quota-exhausted': { zh: '本单位在本次活动中的推荐名额已用完。', en: "Your unit's nomination quota for this campaign is used up." },
  'previously-honoured': { zh: '该候选人（团队）已获得过往届表彰，不在本次推荐范围内。', en: 'This nominee was honoured in an earlier edition and is not eligible.' },
  'duplicate-nomination': { zh: '该候选人已在本次活动中被推荐。', en: 'This nominee is already nominated in this campaign.' },
  'already-scored': { zh: '您已对该申报评过分。', en: 'You have already scored this case.' },
  'conflict-of-interest': { zh: '评审人员须回避本单位推荐的申报。', en: 'Reviewers may not decide cases recommended by their own unit.' },
  'not-in-notice-period': { zh: '该申报当前不在公示期内。', en: 'This case is not in its public notice period.' },
  'rate-limited': { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  'invalid-csv': { zh: '导入文件有误，未导入任何记录；请按提示修改后重新上传。', en: 'The CSV file has errors; nothing was imported. See details.' },
  'csv-too-large': { zh: '导入文件不得超过 2 MB。', en: 'The CSV file is larger than 2 MB.' },
  'unsupported-csv-type': { zh: '请以 CSV 文本上传（Content-Type: text/csv，UTF-8 编码）。', en: 'Send the file as CSV text: Content-Type text/csv, UTF-8.' },
  'internal-error': { zh: '系统内部错误。', en: 'Internal error.' },
};

export function pickLanguage(acceptLanguage: string | undefined): Language {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}

export function describeError(code: string, language: Language): string | undefined {
  const m = MESSAGES[code];
  return m && (language === 'en' ? m.en : m.zh);
}
