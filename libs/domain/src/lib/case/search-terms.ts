import type { SearchTermKind } from '@send/contracts';
import type { CaseSnapshot } from './case-snapshot';

/** One thing a case can be found by, as recorded on it. */
export interface SearchTerm {
  kind: SearchTermKind;
  term: string;
}

/**
 * What people remember a case by: its reference and the child's name, the Tribunal's references of
 * its appeals, the names of its parents and other contacts, the school: named in section I of a
 * final or amended plan (SEND Regs 2014 reg 12(1)(i)) or by the Tribunal (a name-school order's
 * placement, reg 43(2)), the mediation provider and the
 * provider's own reference for the mediation. The one
 * place that says which facts are searchable: the write path stores these beside the case in the
 * same transaction. Blank and repeated terms are left out; order is stable.
 */
export function caseSearchTerms(snapshot: CaseSnapshot): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (kind: SearchTermKind, value: string | undefined) => {
    const term = value?.trim();
    if (!term) return;
    const key = `${kind}\u0000${term.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ kind, term });
  };
  add('reference', snapshot.reference);
  add('child_name', snapshot.childName);
  for (const a of snapshot.appeals ?? [])
    add('tribunal_reference', a.tribunalReference);
  for (const c of snapshot.contacts ?? []) add('contact_name', c.name);
  for (const d of snapshot.decisions ?? []) add('school', d.placement);
  for (const o of snapshot.orders ?? [])
    if (o.type === 'name_school_only') add('school', o.details);
  for (const m of snapshot.mediations ?? []) {
    add('mediation_provider', m.providerName);
    add('mediation_reference', m.providerReference);
  }
  return terms;
}

/** Whether two lists of terms are the same (the write path skips rewriting unchanged terms). */
export function sameSearchTerms(
  a: readonly SearchTerm[],
  b: readonly SearchTerm[],
): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => t.kind === b[i]?.kind && t.term === b[i]?.term)
  );
}
