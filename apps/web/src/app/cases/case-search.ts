import { Injectable, signal } from '@angular/core';

/** What was last searched for, kept in memory (not in the address: names and dates of birth are personal data). */
export interface CaseSearchCriteria {
  text?: string;
  dateOfBirth?: string;
}

@Injectable({ providedIn: 'root' })
export class CaseSearch {
  readonly criteria = signal<CaseSearchCriteria | undefined>(undefined);
}
