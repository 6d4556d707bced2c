import { tribunalReference, type Walk } from './walk';

/*
 * The entries walks record most often, one step each through `Walk.post` (one event in the history;
 * the version caught up when the deadline monitor wrote meanwhile), each answering what it recorded.
 * A walk that checks the clock does so between them; a test about what comes after runs them in a row.
 */

/** The entry a step just recorded: the last of `items` (the step fails when there is none). */
function recorded<T>(items: T[], what: string): T {
  const item = items.at(-1);
  if (item === undefined)
    throw new Error(`the case has no ${what} after recording one`);
  return item;
}

/** The decision (`decision.issued`), with the body as given; answers its id. */
export async function issueDecision(
  w: Walk,
  decision: Record<string, unknown>,
): Promise<string> {
  const d = await w.post('/decisions', decision, 'decision.issued');
  return recorded(d.decisions, 'decision').id;
}

/**
 * The family contacted the mediation adviser about a decision (`mediation.adviser_contacted`),
 * health and social care not in issue unless said; answers the mediation's id.
 */
export async function contactAdviser(
  w: Walk,
  m: {
    decisionId: string;
    providerId: string;
    contactedOn: string;
    healthInIssue?: boolean;
    socialCareInIssue?: boolean;
  },
): Promise<string> {
  const d = await w.post(
    '/mediations',
    {
      decisionId: m.decisionId,
      providerId: m.providerId,
      contactedOn: m.contactedOn,
      healthInIssue: m.healthInIssue ?? false,
      socialCareInIssue: m.socialCareInIssue ?? false,
    },
    'mediation.adviser_contacted',
  );
  return recorded(
    d.mediations.filter((x) => x.decisionId === m.decisionId),
    'mediation of the decision',
  ).id;
}

/** The family told the adviser they do not want mediation (`mediation.declined`). */
export async function declineMediation(
  w: Walk,
  mediationId: string,
  adviserInformedOn: string,
): Promise<void> {
  await w.post(
    `/mediations/${mediationId}/declined`,
    { adviserInformedOn },
    'mediation.declined',
  );
}

/** The adviser's certificate of `kind` (`certificate.issued`). */
export async function issueCertificate(
  w: Walk,
  mediationId: string,
  kind: string,
  issuedOn: string,
): Promise<void> {
  await w.post(
    `/mediations/${mediationId}/certificates`,
    { kind, issuedOn },
    'certificate.issued',
  );
}

/**
 * Mediation declined, from contact to certificate: the adviser contacted, told the family does not
 * want mediation (the same day unless said), and the information-only certificate; answers the
 * mediation's id.
 */
export async function declineMediationWithCertificate(
  w: Walk,
  m: {
    decisionId: string;
    providerId: string;
    contactedOn: string;
    adviserInformedOn?: string;
    certificateOn: string;
  },
): Promise<string> {
  const mediationId = await contactAdviser(w, m);
  await declineMediation(w, mediationId, m.adviserInformedOn ?? m.contactedOn);
  await issueCertificate(w, mediationId, 'information_only', m.certificateOn);
  return mediationId;
}

/**
 * The appeal lodged with the Tribunal (`appeal.lodged`) against a decision, with a Tribunal
 * reference of the year it was lodged and the other fields as given; answers the appeal recorded.
 */
export async function lodgeAppeal(
  w: Walk,
  a: { decisionId: string; lodgedOn: string } & Record<string, unknown>,
): Promise<{ id: string; tribunalReference: string }> {
  const { decisionId, lodgedOn, ...more } = a;
  const d = await w.post(
    '/appeals',
    {
      decisionId,
      tribunalReference: tribunalReference(lodgedOn.slice(2, 4)),
      lodgedOn,
      ...more,
    },
    'appeal.lodged',
  );
  return recorded(d.appeals, 'appeal');
}

/** The Tribunal registered the appeal, and the council received it (`appeal.registered`). */
export async function registerAppeal(
  w: Walk,
  appealId: string,
  registeredOn: string,
  appealReceivedOn: string,
): Promise<void> {
  await w.post(
    `/appeals/${appealId}/registration`,
    { registeredOn, appealReceivedOn },
    'appeal.registered',
  );
}
