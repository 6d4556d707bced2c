/**
 * Every variable of the letters' sender, set as a council's operator would (the configuration's
 * `letterSenderOf`): for the tests that start with a council's own details rather than the example.
 */
export const COUNCIL_SENDER_ENV = {
  COUNCIL_NAME: 'Rutland County Council',
  COUNCIL_ADDRESS: 'Catmose, Oakham, Rutland LE15 6HP',
  MEDIATION_ADVISER_NAME: 'Global Mediation',
  MEDIATION_ADVISER_PHONE: '0800 064 0707',
  MEDIATION_ADVISER_EMAIL: 'send@globalmediation.example',
  COUNCIL_MEDIATION_CONTACT_NAME: 'Rutland SEND Team',
  COUNCIL_MEDIATION_CONTACT_PHONE: '01572 722577',
  COUNCIL_MEDIATION_CONTACT_EMAIL: 'send@rutland.gov.example',
  SENDIASS_NAME: 'Rutland SENDIASS',
  SENDIASS_PHONE: '+44 (0)1572 758 364',
  SENDIASS_EMAIL: 'sendiass@rutland.gov.example',
  DISAGREEMENT_RESOLUTION_NAME: 'Kids Disagreement Resolution',
  DISAGREEMENT_RESOLUTION_PHONE: '0333 062 0010',
  DISAGREEMENT_RESOLUTION_EMAIL: 'resolution@kids.example',
};
