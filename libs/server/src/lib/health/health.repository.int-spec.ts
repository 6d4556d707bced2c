import type { DataSource } from 'typeorm';
import { connect, unique } from '../../testing/int-database';
import { HealthRepository } from './health.repository';

describe('the health check’s readings against PostgreSQL (HealthRepository)', () => {
  let db: DataSource;
  let health: HealthRepository;

  beforeAll(async () => {
    db = await connect();
    health = new HealthRepository(db);
  });
  afterAll(() => db.destroy());

  it('reads the workers’ heartbeats, the actions due and the mail backlog in one row', async () => {
    const worker = unique('worker');
    await db.query(
      `INSERT INTO worker_heartbeat (worker_id, host, pid, tick_at) VALUES ($1, 'test', 1, now())`,
      [worker],
    );
    try {
      const row = await health.read(new Date(), 60_000, 700);
      expect(row.db_now).toBeInstanceOf(Date);
      expect(row.workers_alive).toBeGreaterThanOrEqual(1);
      expect(row.tick_at).toBeInstanceOf(Date);
      expect(typeof row.due_waiting).toBe('number');
      expect(typeof row.mail_backlog).toBe('number');
    } finally {
      await db.query(`DELETE FROM worker_heartbeat WHERE worker_id = $1`, [
        worker,
      ]);
    }
  });
});
