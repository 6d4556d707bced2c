import { randomUUID } from 'node:crypto';
import { api, password, type Session, sessionCookieOf, sql } from './api';

/**
 * A team of its own for one test file (its own name, a manager and caseworkers, signed in), so
 * that the numbers a report gives about it can be checked by hand whatever else the run records.
 */
export interface Team {
  name: string;
  manager: Session;
  caseworkers: Session[];
}

async function signInWith(email: string): Promise<Session> {
  const res = await fetch(`${process.env['E2E_BASE_URL']}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: password() }),
  });
  const cookie = sessionCookieOf(res.headers);
  if (res.status !== 200 || !cookie)
    throw new Error(
      `signing in as ${email} → ${res.status} ${await res.text()}`,
    );
  return {
    cookie,
    csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken,
  };
}

/** Adds staff (with the run's password) and signs them in. */
export async function addStaff(
  name: string,
  role: string,
  team: string,
): Promise<{ id: string; session: Session }> {
  const email = `${randomUUID().slice(0, 8)}@test.council`;
  const [row] = await sql<{ id: string }>(
    `INSERT INTO staff_user (name, role, team, email, password_hash)
     SELECT $1, $2, $3, $4, password_hash FROM staff_user WHERE email = 'caseworker@test.council' RETURNING id`,
    [name, role, team, email],
  );
  return { id: row!.id, session: await signInWith(email) };
}

export async function newTeam(
  label: string,
  caseworkers: string[],
): Promise<Team> {
  const name = `${label} ${randomUUID().slice(0, 6)}`;
  const manager = await addStaff(`${label} Manager`, 'manager', name);
  const staff = [];
  for (const c of caseworkers)
    staff.push((await addStaff(c, 'caseworker', name)).session);
  return { name, manager: manager.session, caseworkers: staff };
}

export async function mediationProviderId(): Promise<string> {
  await sql(
    `INSERT INTO mediation_provider (name) VALUES ('Global Mediation') ON CONFLICT (name) DO NOTHING`,
  );
  const [row] = await sql<{ id: string }>(
    `SELECT id FROM mediation_provider WHERE name = 'Global Mediation'`,
  );
  return row!.id;
}

interface Detail {
  id: string;
  reference: string;
  version: number;
  decisions: { id: string }[];
  mediations: { id: string }[];
  appeals: { id: string }[];
  orders: { id: string }[];
  recommendations: { id: string; responsibleBody: string }[];
  deadlines: {
    ruleId: string;
    dueOn: string;
    status: string;
    subjectId: string;
  }[];
}

/** One case recorded step by step through the API by one member of staff. */
export class Story {
  detail!: Detail;

  private constructor(private readonly as: Session) {}

  static async open(
    as: Session,
    reference: string,
    childName: string,
  ): Promise<Story> {
    const s = new Story(as);
    const res = await api<Detail>(
      'POST',
      '/cases',
      { reference, childName, dateOfBirth: '2014-03-09' },
      as,
    );
    if (res.status !== 201)
      throw new Error(`opening ${reference} → ${res.status} ${res.text}`);
    s.detail = res.body;
    return s;
  }

  get id(): string {
    return this.detail.id;
  }

  async post(path: string, body: Record<string, unknown>): Promise<Detail> {
    const res = await api<Detail>(
      'POST',
      `/cases/${this.id}${path}`,
      { expectedVersion: this.detail.version, ...body },
      this.as,
    );
    if (res.status !== 201)
      throw new Error(`POST ${path} → ${res.status} ${res.text}`);
    this.detail = res.body;
    return res.body;
  }

  deadline(ruleId: string, subjectId?: string) {
    const d = this.detail.deadlines.find(
      (x) =>
        x.ruleId === ruleId &&
        (subjectId === undefined || x.subjectId === subjectId),
    );
    if (!d)
      throw new Error(`no ${ruleId} deadline on ${this.detail.reference}`);
    return d;
  }
}
