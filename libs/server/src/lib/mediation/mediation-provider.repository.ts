import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MediationProvider } from '@send/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '../db/sql';

/** A `mediation_provider` row. */
export type MediationProviderRow = MediationProvider;

const COLUMNS = 'id, name, email, phone, active';

/** `mediation_provider`: the list administrators keep (names are unique: 23505 on a duplicate). */
@Injectable()
export class MediationProviderRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** By name; only the active ones unless `includeInactive`. */
  list(includeInactive: boolean): Promise<MediationProviderRow[]> {
    return sql(
      this.db,
      `SELECT ${COLUMNS} FROM mediation_provider WHERE $1::boolean OR active ORDER BY name ASC`,
      [includeInactive],
    );
  }

  async findActive(id: string): Promise<MediationProviderRow | undefined> {
    const [row] = await sql<MediationProviderRow>(
      this.db,
      `SELECT ${COLUMNS} FROM mediation_provider WHERE id = $1 AND active`,
      [id],
    );
    return row;
  }

  async insert(
    tx: EntityManager,
    p: Omit<MediationProviderRow, 'id'>,
  ): Promise<MediationProviderRow> {
    const [row] = await sql<MediationProviderRow>(
      tx,
      `INSERT INTO mediation_provider (name, email, phone, active) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [p.name, p.email, p.phone, p.active],
    );
    return row as MediationProviderRow;
  }

  /** The provider under its row lock (FOR UPDATE) until the transaction ends. */
  async lock(
    tx: EntityManager,
    id: string,
  ): Promise<MediationProviderRow | undefined> {
    const [row] = await sql<MediationProviderRow>(
      tx,
      `SELECT ${COLUMNS} FROM mediation_provider WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async update(
    tx: EntityManager,
    p: MediationProviderRow,
  ): Promise<MediationProviderRow> {
    const [row] = await sql<MediationProviderRow>(
      tx,
      `UPDATE mediation_provider SET name = $2, email = $3, phone = $4, active = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
      [p.id, p.name, p.email, p.phone, p.active],
    );
    return row as MediationProviderRow;
  }
}
