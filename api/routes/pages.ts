import express, { Router } from 'express';
import path from 'node:path';
import { projectRoot } from '../../config';

export const WEB_DIR = path.join(projectRoot, 'web');

/**
 * The pages: plain HTML and ES modules served as they are (nothing to build), same origin as the
 * API. `/inbox` serves `inbox.html`.
 */
export function pageRoutes(): Router {
  const router = Router();
  router.use(express.static(WEB_DIR, { extensions: ['html'], index: 'index.html', maxAge: 0 }));
  return router;
}
