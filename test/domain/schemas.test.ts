import type { z } from 'zod';
import { zodDetails } from '../../api/http/errors';
import { createCampaignBody, nominationBody } from '../../domain/schemas';
import { sampleNomination } from '../support/http';

function paths(result: { success: boolean; error?: z.ZodError }) {
  return result.error ? zodDetails(result.error)('en').map((d) => d.path) : [];
}

test('a complete individual nomination is accepted and defaults its media awards', () => {
  const { mediaAwards, ...rest } = sampleNomination();
  expect(mediaAwards).toEqual([]);
  const parsed = nominationBody.parse(rest);
  expect(parsed.mediaAwards).toEqual([]);
});

test('every missing or bad field is named', () => {
  const result = nominationBody.safeParse({ ...sampleNomination(), field: 'Astronomy!', applicantEmail: 'nope', nominee: { name: '某' } });
  expect(paths(result)).toEqual(expect.arrayContaining(['field', 'applicantEmail', 'nominee.gender', 'nominee.age']));
});

test('unknown fields are refused, so nothing can be mass-assigned', () => {
  expect(paths(nominationBody.safeParse({ ...sampleNomination(), status: 'announced' }))).toEqual(['status']);
});

test('a team nomination needs its team, an individual one must not carry one', () => {
  expect(paths(nominationBody.safeParse({ ...sampleNomination(), category: 'team' }))).toEqual(['team']);
  const team = { name: '示例食堂班组', foundedOn: '2015-09-01', contactName: '联系人甲', contactPhone: '13900000000', memberCount: 12 };
  expect(nominationBody.safeParse({ ...sampleNomination(), category: 'team', nominee: undefined, team }).success).toBe(true);
  expect(paths(nominationBody.safeParse({ ...sampleNomination(), team }))).toEqual(['team']);
});

test('a self-nomination without the sealed unit opinion is refused', () => {
  expect(paths(nominationBody.safeParse({ ...sampleNomination({ channel: 'self' }), unitOpinion: undefined }))).toEqual(['unitOpinion']);
});

test('a campaign whose review deadline is not after its submission deadline is refused', () => {
  const result = createCampaignBody.safeParse({
    code: 'x-2025', title: 't', submissionDeadline: '2025-03-31T23:59:59+08:00', reviewDeadline: '2025-02-28T23:59:59+08:00',
  });
  expect(paths(result)).toEqual(['reviewDeadline']);
});

test('a campaign request may leave its settings out, for the copied campaign or the notice to supply them', () => {
  const c = createCampaignBody.parse({ code: 'n-2024', title: 't', submissionDeadline: '2025-02-28T23:59:59+08:00', reviewDeadline: '2025-03-31T23:59:59+08:00' });
  expect([c.winnerCap, c.publicNoticePeriod, c.selfNomination, c.fields, c.unitKinds]).toEqual([undefined, undefined, undefined, undefined, undefined]);
});

test('a refused field is named in the reader’s language: Chinese by default, English when asked', () => {
  const result = createCampaignBody.safeParse({ code: 'Bad Code', title: 'x', submissionDeadline: '2030-01-02T00:00:00Z', reviewDeadline: '2030-01-01T00:00:00Z', winnerCap: 0 });
  const zh = zodDetails(result.error!)('zh-CN');
  const en = zodDetails(result.error!)('en');
  expect(zh.find((d) => d.path === 'reviewDeadline')?.message).toBe('评审截止时间必须晚于申报截止时间');
  expect(en.find((d) => d.path === 'reviewDeadline')?.message).toBe('must be after submissionDeadline');
  expect(zh.find((d) => d.path === 'code')?.message).toMatch(/小写字母/);
  expect(zh.find((d) => d.path === 'winnerCap')?.message).toMatch(/[\u4e00-\u9fff]/);
  expect(en.find((d) => d.path === 'winnerCap')?.message).toMatch(/Too small/);
});
