/** A small client of the Laurel API over real HTTP, as a person's browser or a script would use it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async login(username: string, password = 'demo-password'): Promise<ApiClient> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return this.as((res.body as { token: string }).token);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { ...headers, ...(this.token && { authorization: `Bearer ${this.token}` }) } };
    if (body instanceof FormData || body instanceof TextBody) init.body = body instanceof TextBody ? body.text : body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(this.baseUrl + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  /** Text as it is, a CSV sheet for one. */
  postText = (path: string, text: string, contentType: string) => this.request('POST', path, new TextBody(text), { 'content-type': contentType });
}

class TextBody {
  constructor(readonly text: string) {}
}

/** A minimal but real PDF: the magic bytes are what the API judges. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export function nominationForm(nomination: unknown, file: Buffer = SAMPLE_PDF, name = 'form.pdf', type = 'application/pdf'): FormData {
  const form = new FormData();
  form.append('nomination', JSON.stringify(nomination));
  form.append('sealedForm', new Blob([file], { type }), name);
  return form;
}

let counter = 0;

/** A synthetic individual nomination: every name, unit and number here is made up. */
export function sampleNomination(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    channel: 'organisation',
    category: 'individual',
    field: 'catering',
    recommendingUnit: '示例市教育后勤协会',
    nomineeUnit: '示例市第一中学',
    applicantEmail: `applicant${counter}@example.test`,
    phone: '13800000000',
    nominee: { name: `测试候选人${counter}`, gender: '女', age: 41, ethnicity: '汉族', politicalAffiliation: '群众', post: '食堂主管', title: '高级厨师' },
    duties: '负责学生食堂的日常管理。',
    story: '多年如一日保障师生用餐安全。',
    mediaAwards: [],
    unitOpinion: { text: '同意推荐。', sealedOn: '2025-02-20' },
    ...overrides,
  };
}

/** Polls until `check` passes: the thing awaited is an event in another process (a workflow, an email). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Once every case's notice has ended, the secretariat announces (择期通报, now); answers the cases as announced. */
export async function announceAfterNotice(secretariat: ApiClient, campaignId: string, caseIds: string[], timeoutMs = 60_000) {
  const read = () => Promise.all(caseIds.map((id) => secretariat.get(`/api/nominations/${id}`)));
  await eventually(read, (rs) => rs.every((r) => r.body.status === 'notice-ended'), timeoutMs);
  const scheduled = await secretariat.post(`/api/campaigns/${campaignId}/announcement`, {});
  if (scheduled.status !== 202) throw new Error(`announcement of ${campaignId}: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  return eventually(read, (rs) => rs.every((r) => r.body.status === 'announced'), timeoutMs);
}

/** A campaign open for submissions for a day, its review the day after, decided by one committee vote; answers its id. */
export async function openCampaign(secretariat: ApiClient, code: string, title = '测试活动', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await secretariat.post('/api/campaigns', {
    code,
    title,
    committeeQuorum: 1,
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    ...extra,
  });
  if (res.status !== 201) throw new Error(`campaign ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
