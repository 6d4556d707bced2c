import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { randomInt } from 'node:crypto';

/**
 * What a new password must be (ASVS 5.0 V6.2), in one place for every way a password is set (an
 * administrator's first password, a change by its owner, a reset):
 * - at least 12 characters (6.2.1; counted as characters, not bytes), at most 1,024 (6.2.9: 64 or more
 *   allowed), taken exactly as typed: no truncation, no change of case, no composition rules (6.2.5, 6.2.8);
 * - not one of the 49,233 passwords most common in published breach corpora that
 *   `@zxcvbn-ts/language-common` ships (its `passwords-common` list, compared without regard to case)
 *   (6.2.4, 6.2.12), and not easy to guess by zxcvbn's estimate (score 3 of 4 or more: it also finds
 *   a common password with a few changes, dictionary words, names, dates, keyboard patterns and
 *   l33t speak);
 * - not built from the account's own name or email, or from the service's name (6.2.11: these are
 *   given to zxcvbn as words an attacker would try first).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's score from 0 (guessable in under 10^3 tries) to 4 (10^10 or more); 3: 10^8 or more. */
const MIN_SCORE = 3;
/** Words an attacker of this service tries first (ASVS 5.0 6.2.11). */
const SERVICE_WORDS = [
  'send',
  'disagreements',
  'disagreement',
  'council',
  'ehcp',
  'tribunal',
  'mediation',
  'caseworker',
];

/**
 * The estimator and the list, loaded on first use (several megabytes of dictionaries: the
 * commands that never check a password, such as migrate and verify-history, do not pay for them).
 */
let loaded:
  | Promise<{ estimator: ZxcvbnFactory; commonPasswords: ReadonlySet<string> }>
  | undefined;

function load() {
  loaded ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([{ ZxcvbnFactory }, common, english]) => ({
    estimator: new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    }),
    commonPasswords: new Set(
      common.dictionary['passwords-common'].map((p: string) => p.toLowerCase()),
    ),
  }));
  return loaded;
}

/** The words of a person's name and email, for the check above. */
export function personalWords(
  ...texts: (string | null | undefined)[]
): string[] {
  return texts
    .flatMap((t) => (t ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((w) => w.length >= 3);
}

/**
 * Why `password` cannot be used, in words its owner can act on; null when it can. `words`: the
 * account's own name and email words (see `personalWords`).
 */
export async function passwordProblem(
  password: string,
  words: string[] = [],
): Promise<string | null> {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (length > MAX_PASSWORD_LENGTH)
    return `must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const { estimator, commonPasswords } = await load();
  if (commonPasswords.has(password.toLowerCase())) {
    return 'is one of the most common passwords, which attackers try first: choose another (three or four unrelated words make a good one)';
  }
  if (onlyContextWords(password, [...SERVICE_WORDS, ...words])) {
    return "is made of your name or email, or of the service's name, which attackers try first: choose another (three or four unrelated words make a good one)";
  }
  const result = estimator.check(password, [...SERVICE_WORDS, ...words]);
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning
      ? ` (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})`
      : '';
    return `is too easy to guess${why}: choose another (three or four unrelated words make a good one)`;
  }
  return null;
}

/** Whether the password's letters are nothing but context words (names, email, the service's name) and a few more. */
function onlyContextWords(password: string, words: string[]): boolean {
  let rest = password.toLowerCase().replace(/[^\p{L}]/gu, '');
  if (!rest) return false;
  for (const word of [...words].sort((a, b) => b.length - a.length))
    rest = rest.split(word).join('');
  return rest.length < 3;
}

/** Letters and digits that cannot be mistaken for one another when read out or typed. */
const UNAMBIGUOUS = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A temporary password for an administrator to pass on (a reset): 20 random characters from a
 * 31-character alphabet (about 99 bits), in groups of five, e.g. `k7mqp-x2vhz-9rdta-4wnse`.
 */
export function temporaryPassword(): string {
  const chars = Array.from(
    { length: 20 },
    () => UNAMBIGUOUS[randomInt(UNAMBIGUOUS.length)],
  );
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
