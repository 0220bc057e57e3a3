import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A secret kept in `<varDir>/<name>` outside production, made by `make` on first use. The API and
 * the worker may both make it at once: it is written to a file of its own and linked into place,
 * so each reads the one that won.
 */
export function developmentSecret(varDir: string, name: string, make: () => string): string {
  const file = path.join(varDir, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(varDir, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, make(), { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  return fs.readFileSync(file, 'utf8');
}
