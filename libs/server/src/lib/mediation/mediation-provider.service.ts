import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { MediationProvider } from '@send/contracts';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../audit/request-context';
import { SecurityLogService } from '../audit/security-log.service';
import type { Actor } from '../identity/actor';
import {
  MediationProviderRepository,
  type MediationProviderRow,
} from './mediation-provider.repository';
import type {
  NewProviderDto,
  UpdateProviderDto,
} from './mediation-provider.dto';

const view = ({
  id,
  name,
  email,
  phone,
  active,
}: MediationProviderRow): MediationProvider => ({
  id,
  name,
  email,
  phone,
  active,
});
const isUniqueViolation = (error: unknown) =>
  (error as { driverError?: { code?: string } }).driverError?.code === '23505';

/** Mediation providers: everyone reads the active ones; administrators keep the list, each change in the security log. */
@Injectable()
export class MediationProviderService {
  constructor(
    private readonly db: DataSource,
    private readonly providers: MediationProviderRepository,
    private readonly securityLog: SecurityLogService,
  ) {}

  async list(includeInactive: boolean): Promise<MediationProvider[]> {
    const rows = await this.providers.list(includeInactive);
    return rows.map(view);
  }

  async add(
    body: NewProviderDto,
    actor: Actor,
    request: RequestContext,
  ): Promise<MediationProvider> {
    const name = body.name.trim();
    try {
      return await this.db.transaction(async (tx) => {
        const saved = await this.providers.insert(tx, {
          name,
          email: body.email ?? null,
          phone: body.phone?.trim() || null,
          active: true,
        });
        await this.securityLog.record(
          request,
          {
            event: 'mediation_provider.added',
            outcome: 'success',
            actor,
            detail: { provider: view(saved) },
          },
          tx,
        );
        return view(saved);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(
          `There is already a mediation provider called ${name}.`,
        );
      throw error;
    }
  }

  async change(
    providerId: string,
    body: UpdateProviderDto,
    actor: Actor,
    request: RequestContext,
  ): Promise<MediationProvider> {
    const changes: Partial<MediationProvider> = {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.phone !== undefined
        ? { phone: body.phone?.trim() || null }
        : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    };
    if (!Object.keys(changes).length)
      throw new BadRequestException(
        'Send at least one of name, email, phone, active.',
      );
    try {
      return await this.db.transaction(async (tx) => {
        const before = await this.providers.lock(tx, providerId);
        if (!before)
          throw new NotFoundException(
            `There is no mediation provider with id ${providerId}.`,
          );
        const was = view(before);
        const after = await this.providers.update(tx, {
          ...before,
          ...changes,
        });
        await this.securityLog.record(
          request,
          {
            event: 'mediation_provider.changed',
            outcome: 'success',
            actor,
            detail: { before: was, after: view(after) },
          },
          tx,
        );
        return view(after);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException(
          `There is already a mediation provider called ${changes.name}.`,
        );
      throw error;
    }
  }
}
