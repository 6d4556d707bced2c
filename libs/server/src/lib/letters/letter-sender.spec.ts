import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_LETTER_HISTORIES,
  type LetterSender,
  letterData,
  letterFacts,
} from '@send/domain';
import { COUNCIL_SENDER_ENV } from '@send/domain/testing';
import { loadConfig } from '../config/app-config';
import { docxText, renderLetter } from './letter-render';
import { letterSenderProvider } from './letter-sender';

/** The sender LETTER_SENDER provides under `env` (the provider's own factory, as Nest calls it). */
const senderOf = (env: NodeJS.ProcessEnv): LetterSender =>
  letterSenderProvider.useFactory(loadConfig(env));

describe('letter data from the configured sender', () => {
  const env = { NODE_ENV: 'production', ...COUNCIL_SENDER_ENV };

  it('gives a decision notice the council’s details and the contacts it set', () => {
    const data = letterData(
      'decision_notice',
      letterFacts(DEMO_LETTER_HISTORIES.decision_notice),
      senderOf(env),
    );
    expect(data).toMatchObject({
      councilName: 'Rutland County Council',
      councilAddress: 'Catmose, Oakham, Rutland LE15 6HP',
      mediationAdviserName: 'Global Mediation',
      mediationAdviserPhone: '0800 064 0707',
      mediationAdviserEmail: 'send@globalmediation.example',
      councilMediationContactName: 'Rutland SEND Team',
      councilMediationContactPhone: '01572 722577',
      councilMediationContactEmail: 'send@rutland.gov.example',
      iassName: 'Rutland SENDIASS',
      iassPhone: '+44 (0)1572 758 364',
      iassEmail: 'sendiass@rutland.gov.example',
      disagreementResolutionName: 'Kids Disagreement Resolution',
      disagreementResolutionPhone: '0333 062 0010',
      disagreementResolutionEmail: 'resolution@kids.example',
    });
    const text = docxText(
      renderLetter(
        readFileSync(join(__dirname, 'templates', 'decision_notice.docx')),
        data,
      ),
    );
    for (const [name, value] of Object.entries(env))
      if (name !== 'NODE_ENV') expect(text).toContain(value);
    expect(text).not.toMatch(/Example Council|Exampletown|example\.org/);
  });

  it('gives a mediation-arranged letter the configured mediation adviser', () => {
    expect(
      letterData(
        'mediation_arranged',
        letterFacts(DEMO_LETTER_HISTORIES.mediation_arranged),
        senderOf(env),
      ),
    ).toMatchObject({
      councilName: 'Rutland County Council',
      mediationAdviserName: 'Global Mediation',
      mediationAdviserPhone: '0800 064 0707',
    });
  });
});
