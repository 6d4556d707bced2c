import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { DEADLINE_QUEUE } from './queues';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * Bull Board at /api/admin/queues. Its routes are plain Express routes outside Nest's guards, so
 * the caller passes the middleware that lets only signed-in administrators through (`adminOnly`).
 */
export function mountQueueBoard(app: INestApplication, administratorsOnly: RequestHandler): void {
  const queue = app.get<Queue>(getQueueToken(DEADLINE_QUEUE));
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter: adapter });
  app.use(QUEUE_BOARD_PATH, administratorsOnly, adapter.getRouter());
}
