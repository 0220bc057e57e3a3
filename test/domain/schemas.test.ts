import type { z } from 'zod';
import { zodDetails } from '../../api/http/errors';
import { createCampaignBody, nominationBody } from '../../domain/schemas';
import { sampleNomination } from '../support/http';

function paths(result: { success: boolean; error?: z.ZodError }) {
  return result.error ? zodDetails(result.error).map((d) => d.path) : [];
}

test('a complete individual nomination is accepted and defaults its media awards', () => {
  const { mediaAwards, ...rest } = sampleNomination();
  expect(mediaAwards).toEqual([]);
  const parsed = nominationBody.parse(rest);
  expect(parsed.mediaAwards).toEqual([]);
});

test('every missing or bad field is named', () => {
  const result = nominationBody.safeParse({ ...sampleNomination(), field: 'astronomy', applicantEmail: 'nope', nominee: { name: '某' } });
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

test('campaign defaults follow the national notice', () => {
  const c = createCampaignBody.parse({ code: 'n-2024', title: 't', submissionDeadline: '2025-02-28T23:59:59+08:00', reviewDeadline: '2025-03-31T23:59:59+08:00' });
  expect(c).toMatchObject({ winnerCap: 100, publicNoticePeriod: 'P7D', committeeQuorum: 1, quotas: { association: 3, memberUnit: 1, branch: 10 } });
});
