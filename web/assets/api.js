import { lang, t } from './i18n.js';

const TOKEN_KEY = 'laurel.session';

/** The signed-in staff or unit session of this tab: `{ token, user }`, or null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function saveSession(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, JSON.stringify(value));
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** An applicant's access token for one case, from the link in their email (`#token=…`) or kept since. */
export function applicantToken(caseId) {
  const key = `laurel.applicant.${caseId}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(key, fromLink);
    // The token leaves the address bar, so it is not shared by copying the link or kept in history.
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(key);
}

/** An error the API answered, with its message already in the reader's language. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? t('networkError'));
    this.status = status;
    this.code = error?.code ?? 'network';
    this.details = error?.details ?? [];
  }
}

/**
 * Calls the API with the session's token (or `token`), in the reader's language. JSON bodies are
 * sent as JSON, FormData as multipart, text with a `contentType` as it is. Answers the parsed body;
 * throws ApiError otherwise.
 */
export async function api(method, path, { body, token, accept, contentType } = {}) {
  const headers = { 'accept-language': lang === 'en' ? 'en' : 'zh-CN' };
  const bearer = token ?? session()?.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (accept) headers.accept = accept;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (contentType && typeof body === 'string') {
    payload = body;
    headers['content-type'] = contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.status === 401 && !token && session()) {
    saveSession(null);
    location.assign(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  const type = res.headers.get('content-type') ?? '';
  const parsed = type.includes('json') ? await res.json() : res.status === 204 ? null : await res.blob();
  if (!res.ok) throw new ApiError(res.status, parsed?.error);
  return parsed;
}

let labelsPromise;
/** The domain's vocabularies (fields, statuses, task kinds, decisions…) with their names. */
export function labels() {
  labelsPromise ??= api('GET', '/api/labels');
  return labelsPromise;
}
