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

  const open = (childName: string, team = actor.team) =>
    commands.open(
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
    );

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

  it('finds a fragment through a trigram index, not by reading every term', async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return (await tx.query(
        `EXPLAIN SELECT case_id FROM case_search_term t WHERE t.team = $1 AND lower(t.term) LIKE $2`,
        [actor.team, '%bettina%'],
      )) as { 'QUERY PLAN': string }[];
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Index Scan on case_search_term(_team)?_trgm/,
    );
  });
});
