import type { DataSource } from 'typeorm';
import {
  caseWritePath,
  connect,
  fixedClock,
  insertActor,
  unique,
} from '../../testing/int-database';
import type { Actor } from '../identity/actor';
import { CaseCommandService } from './case-command.service';
import { CaseRepository } from './case.repository';

const clock = fixedClock('2026-01-07T10:00:00Z');

describe('case search terms (CaseRepository: case_search_term and search)', () => {
  let db: DataSource;
  let cases: CaseRepository;
  let commands: CaseCommandService;
  let actor: Actor;

  beforeAll(async () => {
    db = await connect();
    ({ cases, commands } = await caseWritePath(db, clock));
    actor = await insertActor(db, 'Casey Worker');
  });
  afterAll(() => db.destroy());

  const open = async (childName: string, team = actor.team) =>
    (
      await commands.open(
        {
          type: 'case.opened',
          reference: unique('REF'),
          childName,
          dateOfBirth: '2015-04-02',
          caseworker: actor.name,
          team,
          openedOn: '2026-01-05',
        },
        { ...actor, team },
      )
    ).caseId;

  it('writes the terms with the case change, and finds a case by a contact with why it matched', async () => {
    const id = await open('Ada Search');
    await commands.record(
      id,
      {
        type: 'contact.added',
        contactId: 'c1',
        name: 'Bettina Parent',
        relationship: 'Mother',
        addedOn: '2026-01-06',
      },
      actor,
      { expectedVersion: 1 },
    );
    const terms = await cases.searchTermsOf(id);
    expect(terms.map((t) => t.kind)).toEqual([
      'reference',
      'child_name',
      'contact_name',
    ]);
    const found = await cases.search({ team: actor.team, text: 'bettina' });
    expect(found).toEqual({
      items: [
        expect.objectContaining({
          id,
          matched: { kind: 'contact_name', term: 'Bettina Parent' },
        }),
      ],
      total: 1,
    });
  });

  it('reads only the team asked for, and an auditor (no team) reads every team', async () => {
    const name = unique('Zed');
    const other = unique('Other team');
    const mine = await open(name);
    const theirs = await open(name, other);
    const team = await cases.search({ team: actor.team, text: name });
    expect(team.items.map((c) => c.id)).toEqual([mine]);
    const all = await cases.search({ team: null, text: name });
    expect(all.items.map((c) => c.id).sort()).toEqual([mine, theirs].sort());
    expect(all.total).toBe(2);
  });

  it('gives the total of every match with each page, and past the last page', async () => {
    const name = unique('Paged');
    const ids = [await open(name), await open(name), await open(name)];
    const search = (offset: number) =>
      cases.search({ team: actor.team, text: name, limit: 2, offset });
    const [first, second, past] = [
      await search(0),
      await search(2),
      await search(5),
    ];
    expect([first.total, second.total, past.total]).toEqual([3, 3, 3]);
    expect([
      first.items.length,
      second.items.length,
      past.items.length,
    ]).toEqual([2, 1, 0]);
    expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual(
      ids.sort(),
    );
    expect(Object.keys(first.items[0] ?? {})).not.toContain('total');
  });

  it('treats % and _ as the characters typed, and replaces terms when they change', async () => {
    const id = await open('Percy 100%_done');
    expect(
      (await cases.search({ team: actor.team, text: '100%_' })).items.map(
        (c) => c.id,
      ),
    ).toEqual([id]);
    expect((await cases.search({ team: actor.team, text: '1000' })).total).toBe(
      0,
    );
    await db.transaction((tx) =>
      cases.replaceSearchTerms(tx, id, actor.team, [
        { kind: 'school', term: 'Riverside Academy' },
      ]),
    );
    expect(await cases.searchTermsOf(id)).toEqual([
      { kind: 'school', term: 'Riverside Academy' },
    ]);
    const bySchool = await cases.search({
      team: actor.team,
      text: 'riverside',
    });
    expect(bySchool.items[0]?.matched).toEqual({
      kind: 'school',
      term: 'Riverside Academy',
    });
  });

  it("reads a team's own terms within a team, and the trigram index across every team, never every term", async () => {
    // Plans as a large table would have them: no reading of the whole table (or, for the search
    // of every team, of the whole team index: a handful of test rows make that look cheap).
    const planOf = (query: string, params: unknown[], off: string[]) =>
      db.transaction(async (tx) => {
        await tx.query('ANALYZE case_search_term');
        for (const setting of off) await tx.query(`SET LOCAL ${setting} = off`);
        const rows = (await tx.query(`EXPLAIN ${query}`, params)) as {
          'QUERY PLAN': string;
        }[];
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    // As CaseRepository.search asks: within a team, strpos over the team's entries.
    expect(
      await planOf(
        `SELECT case_id, kind, term, position FROM case_search_term t WHERE t.team = $1 AND strpos(lower(t.term), $2) > 0`,
        [actor.team, 'bettina'],
        ['enable_seqscan'],
      ),
    ).toMatch(/case_search_term_team\b/);
    expect(
      await planOf(
        `SELECT case_id FROM case_search_term t WHERE lower(t.term) LIKE $1`,
        ['%bettina%'],
        ['enable_seqscan', 'enable_indexscan', 'enable_indexonlyscan'],
      ),
    ).toMatch(/case_search_term_trgm\b/);
  });
});
