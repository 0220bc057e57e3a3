// Sending a sealed form: checked here first, then sent with XMLHttpRequest so a <progress> can follow
// the upload (fetch cannot report upload progress). Used by the nomination form and the status page.
import { ApiError, session } from './api.js';
import { define, lang, t } from './i18n.js';

export const MAX_SEALED_FORM_BYTES = 10 * 1024 * 1024;
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

/** For `<input type=file accept=…>`. */
export const SEALED_FORM_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

define({
  fileRequired: { zh: '请选择加盖单位公章的报名表扫描件。', en: 'Choose the scanned form with the unit seal.' },
  fileWrongType: { zh: '报名表须为 PDF、JPEG 或 PNG 文件。', en: 'The form must be a PDF, JPEG or PNG file.' },
  fileTooLarge: { zh: '文件为 {size}，超过 10 MB 上限，请压缩或降低扫描分辨率后再上传。', en: 'The file is {size}, over the 10 MB limit; compress it or scan at a lower resolution.' },
  fileEmpty: { zh: '所选文件是空的。', en: 'The chosen file is empty.' },
  fileChosen: { zh: '已选择：{name}（{size}）', en: 'Chosen: {name} ({size})' },
  uploadProgress: { zh: '上传进度', en: 'Upload progress' },
  uploadPercent: { zh: '已上传 {percent}%', en: '{percent}% uploaded' },
  uploadProcessing: { zh: '上传完成，正在处理……', en: 'Uploaded; processing…' },
});

/** A size as people read it: 1.2 MB, 350 KB. */
export function formatSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** What is wrong with the chosen file, in words, or null. The server judges the content again. */
export function sealedFormProblem(file) {
  if (!file) return t('fileRequired');
  if (!TYPES.includes(file.type) && !EXTENSIONS.test(file.name)) return t('fileWrongType');
  if (file.size === 0) return t('fileEmpty');
  if (file.size > MAX_SEALED_FORM_BYTES) return t('fileTooLarge', { size: formatSize(file.size) });
  return null;
}

/** A key for the Idempotency-Key header (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Shows an upload's progress in `progress` (a <progress>) and `text` (its words). Returns the
 * callback `upload` wants.
 */
export function progressReporter(progress, text) {
  return (loaded, total) => {
    progress.hidden = false;
    progress.max = total || 1;
    progress.value = loaded;
    const percent = total ? Math.floor((loaded / total) * 100) : 0;
    text.textContent = percent >= 100 ? t('uploadProcessing') : t('uploadPercent', { percent });
  };
}

/**
 * POSTs `formData` (multipart) to `path` as api() would — the reader's language, the bearer token
 * (`token`, else the session's) — and reports the upload's progress to `onProgress(loaded, total)`.
 * Answers `{ status, body }` for a 2xx; throws ApiError otherwise.
 */
export function upload(path, formData, { token, idempotencyKey, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept-language', lang === 'en' ? 'en' : 'zh-CN');
    xhr.setRequestHeader('accept', 'application/json');
    const bearer = token ?? session()?.token;
    if (bearer) xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
    if (idempotencyKey) xhr.setRequestHeader('idempotency-key', idempotencyKey);
    xhr.responseType = 'json';
    if (onProgress) {
      xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0));
      xhr.upload.addEventListener('load', () => onProgress(1, 1));
    }
    xhr.addEventListener('load', () => {
      const body = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body });
      else reject(new ApiError(xhr.status, body?.error ?? { code: `http-${xhr.status}`, message: xhr.statusText || t('networkError') }));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null)));
    xhr.addEventListener('timeout', () => reject(new ApiError(0, null)));
    xhr.send(formData);
  });
}
