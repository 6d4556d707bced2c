import type { DataSource } from 'typeorm';
import { connect, insertStaff, unique } from '../../testing/int-database';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { SecurityLogService } from '../audit/security-log.service';
import type { Actor } from '../identity/actor';
import { MediationProviderRepository } from './mediation-provider.repository';
import { MediationProviderService } from './mediation-provider.service';

const request = { headers: {}, ip: '192.0.2.1', id: 'req-mediation' };

describe('mediation providers against PostgreSQL (MediationProviderRepository, MediationProviderService)', () => {
  let db: DataSource;
  let providers: MediationProviderRepository;
  let service: MediationProviderService;
  let admin: Actor;

  beforeAll(async () => {
    db = await connect();
    providers = new MediationProviderRepository(db);
    service = new MediationProviderService(
      db,
      providers,
      new SecurityLogService(new AuditLogRepository(db)),
    );
    const team = unique('Admins');
    admin = {
      id: await insertStaff(db, { role: 'administrator', team }),
      name: 'Ada Admin',
      role: 'administrator',
      team,
    };
  });
  afterAll(() => db.destroy());

  it('adds a provider (trimmed), lists the active ones by name, and refuses a second of the same name (409)', async () => {
    const name = unique('Mediation Co');
    const added = await service.add(
      {
        name: ` ${name} `,
        email: 'hello@mediation.example',
        phone: ' 01234 567890 ',
      } as never,
      admin,
      request,
    );
    expect(added).toEqual({
      id: expect.any(String),
      name,
      email: 'hello@mediation.example',
      phone: '01234 567890',
      active: true,
    });
    expect((await service.list(false)).some((p) => p.id === added.id)).toBe(
      true,
    );
    expect(await providers.findActive(added.id)).toEqual(added);
    await expect(
      service.add({ name } as never, admin, request),
    ).rejects.toMatchObject({ status: 409 });
    const names = (await service.list(true)).map((p) => p.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(
      names,
    );
  });

  it('changes a provider under its row lock, with before and after in the security log; an inactive one is listed only when asked', async () => {
    const added = await service.add(
      { name: unique('Resolve Ltd') } as never,
      admin,
      request,
    );
    const changed = await service.change(
      added.id,
      { active: false, phone: '' } as never,
      admin,
      request,
    );
    expect(changed).toMatchObject({ id: added.id, active: false, phone: null });
    expect((await service.list(false)).some((p) => p.id === added.id)).toBe(
      false,
    );
    expect((await service.list(true)).some((p) => p.id === added.id)).toBe(
      true,
    );
    expect(await providers.findActive(added.id)).toBeUndefined();
    const [row] = (await db.query(
      `SELECT detail FROM security_log WHERE event = 'mediation_provider.changed' AND detail->'after'->>'id' = $1`,
      [added.id],
    )) as {
      detail: { before: { active: boolean }; after: { active: boolean } };
    }[];
    expect(row?.detail.before.active).toBe(true);
    expect(row?.detail.after.active).toBe(false);
    await expect(
      service.change(
        '00000000-0000-4000-8000-000000000000',
        { active: true } as never,
        admin,
        request,
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      service.change(added.id, {} as never, admin, request),
    ).rejects.toMatchObject({ status: 400 });
  });
});
