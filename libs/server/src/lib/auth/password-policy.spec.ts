import {
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  personalWords,
  temporaryPassword,
} from './password-policy';

describe('the password policy (ASVS 5.0 V6.2)', () => {
  it('takes a long password nobody would guess, exactly as typed', async () => {
    expect(await passwordProblem('kestrel-violin-harbour-42')).toBeNull();
    expect(await passwordProblem('correct horse battery staple')).toBeNull();
    expect(
      await passwordProblem('x'.repeat(5) + ' Ünïcödé pässwörd ✓'),
    ).toBeNull();
  });

  it(`refuses fewer than ${MIN_PASSWORD_LENGTH} characters (counted as characters, not bytes)`, async () => {
    expect(await passwordProblem('short-one')).toMatch(
      /at least 12 characters/,
    );
    expect(await passwordProblem('📄📄📄📄📄📄📄📄📄📄📄')).toMatch(
      /at least 12 characters/,
    ); // 11 characters, 44 bytes
  });

  it('refuses a password on the shipped list of common passwords, whatever its case', async () => {
    expect(await passwordProblem('1qaz2wsx3edc')).toMatch(
      /most common passwords/,
    );
    expect(await passwordProblem('QWERTY123456')).toMatch(
      /most common passwords/,
    );
  });

  it('refuses a password that is easy to guess although not on the list', async () => {
    expect(await passwordProblem('Password12345!')).toMatch(
      /too easy to guess/,
    );
    expect(await passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(
      /too easy to guess/,
    );
  });

  it("refuses one built from the account's own name and email, or the service's name", async () => {
    const words = personalWords('Priya Shah', 'priya.shah@example.council');
    expect(words).toEqual(
      expect.arrayContaining(['priya', 'shah', 'example', 'council']),
    );
    expect(await passwordProblem('priyashah2026', words)).toMatch(
      /made of your name or email/,
    );
    expect(await passwordProblem('Priya.Shah.Council.2026!', words)).toMatch(
      /made of your name or email/,
    );
    expect(await passwordProblem('sendcouncil2026')).toMatch(/service's name/);
    expect(
      await passwordProblem('priya-kestrel-violin-harbour', words),
    ).toBeNull();
  });

  it('makes temporary passwords that meet the policy and are never the same twice', async () => {
    const a = temporaryPassword();
    expect(a).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(a).not.toMatch(/[ilo01]/);
    expect(await passwordProblem(a)).toBeNull();
    expect(new Set(Array.from({ length: 50 }, temporaryPassword)).size).toBe(
      50,
    );
  });
});
