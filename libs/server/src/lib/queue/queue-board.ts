import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DEADLINE_QUEUE } from './queues';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Only reads reach the board: it can show the queues but never change them. A paused deadline
 * queue silently stops reminders, so no one pauses, empties, retries or removes anything here
 * (PostgreSQL holds every timer; the worker's sweep re-creates what Redis lost).
 */
const readsOnly: RequestHandler = (
  request: Request,
  response: Response,
  next: NextFunction,
) => {
  if (request.method === 'GET' || request.method === 'HEAD') return next();
  response
    .status(405)
    .set('Allow', 'GET, HEAD')
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'about:blank',
        title: 'Not allowed',
        status: 405,
        detail:
          'The queue board is read-only: it shows the queues and changes nothing.',
      }),
    );
};

/**
 * Bull Board at /api/admin/queues, read-only (bull-board's `readOnlyMode`, and every method but GET
 * and HEAD refused before it). Its routes are plain Express routes outside Nest's guards, so the
 * caller passes the middleware that lets only signed-in administrators through (`adminOnly`).
 */
export function mountQueueBoard(
  app: INestApplication,
  administratorsOnly: RequestHandler,
): void {
  const queue = app.get<Queue>(getQueueToken(DEADLINE_QUEUE));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queue, { readOnlyMode: true })],
    serverAdapter: adapter,
  });
  app.use(QUEUE_BOARD_PATH, administratorsOnly, readsOnly, adapter.getRouter());
}
