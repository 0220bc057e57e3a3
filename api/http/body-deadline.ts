import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../domain/errors';
import type { Operation } from '../operation';
import { sendError } from './errors';
import { operationMatcher } from './operation-match';

export interface BodyAllowances {
  /** Any body but a file, from the end of the headers. */
  requestTimeoutMs: number;
  /** A file an operation takes, a sealed form or a CSV sheet: 10 MB on a slow line. */
  uploadTimeoutMs: number;
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The client is told if it has not been answered yet, and nothing more it sends is read. */
function cut(req: Request, res: Response): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.setHeader('Connection', 'close');
  sendError(req, res, new AppError(408, 'request-timeout'));
}

/**
 * A request's body must arrive within its allowance after the headers: a file sent to an operation
 * that takes one has a slow line's time for 10 MB, any other body the ordinary allowance. Node's
 * own request timeout is one for all, so it is set to the longest and this tells them apart. A
 * body still arriving when its request has been answered (refused before it was read) is only
 * drained, so it gets no more than the ordinary allowance, whatever it claims to be.
 */
export function bodyDeadline({ requestTimeoutMs, uploadTimeoutMs }: BodyAllowances, operations: readonly Operation[]): RequestHandler {
  const match = operationMatcher(operations);
  return (req, res, next) => {
    if (req.complete || !hasBody(req)) return next();
    const startedAt = Date.now();
    const operation = match(req.method, req.originalUrl)?.operation;
    const takesFile = Boolean((operation?.multipart || operation?.text) && req.is(['multipart/form-data', 'text/*']));
    let timer = setTimeout(() => cut(req, res), takesFile ? uploadTimeoutMs : requestTimeoutMs);
    const done = () => clearTimeout(timer);
    req.once('end', done);
    req.once('close', done);
    res.once('finish', () => {
      if (req.complete || !takesFile) return;
      clearTimeout(timer);
      timer = setTimeout(() => cut(req, res), Math.max(0, startedAt + requestTimeoutMs - Date.now()));
    });
    next();
  };
}
