import type { FactoryProvider } from '@nestjs/common';
import type { LetterSender } from '@send/domain';
import {
  APP_CONFIG,
  type AppConfig,
  letterSenderOf,
} from '../config/app-config';

/** The injection token of the letters' sender: a `LetterSender` of @send/domain, from the configuration. */
export const LETTER_SENDER = Symbol('LETTER_SENDER');

/** Who the council's letters come from and whom they name for the family (see `letterSenderOf`). */
export const letterSenderProvider = {
  provide: LETTER_SENDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): LetterSender => letterSenderOf(config),
} satisfies FactoryProvider<LetterSender>;
