import express, { Router } from 'express';
import path from 'node:path';
import { projectRoot } from '../../config';

export const WEB_DIR = path.join(projectRoot, 'web');

/**
 * The pages: plain HTML and ES modules served as they are (nothing to build), same origin as the
 * API. `/inbox` serves `inbox.html`.
 */
export function pageRoutes({ devMail = false }: { devMail?: boolean } = {}): Router {
  const router = Router();
  // The development mailbox is read at /dev/mail, not /mail: a browser gets the page, any other
  // caller the JSON (routes/ops.ts). Neither exists in production.
  router.get(['/mail', '/mail.html'], (_req, _res, next) => next('router'));
  if (devMail) router.get('/dev/mail', (req, res, next) => (req.accepts(['json', 'html']) === 'html' ? res.sendFile(path.join(WEB_DIR, 'mail.html')) : next()));
  router.use(express.static(WEB_DIR, { extensions: ['html'], index: 'index.html', maxAge: 0 }));
  return router;
}
