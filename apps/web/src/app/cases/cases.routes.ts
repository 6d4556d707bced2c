import { inject } from '@angular/core';
import { Router, Routes } from '@angular/router';
import { CaseDeadlinesTab } from './case-deadlines-tab';
import { CaseHistoryTab } from './case-history-tab';
import { CaseOverview } from './case-overview';
import { CasePage } from './case-page';
import { FindCasePage } from './find-case-page';
import { OpenCasePage } from './open-case-page';
import { CheckAnswersPage } from './record/check-answers-page';
import { CorrectionList } from './record/correction-list';
import { EventFormPage } from './record/event-form-page';
import { RecordMenu } from './record/record-menu';

export const caseRoutes: Routes = [
  { path: '', title: 'Find a case', component: FindCasePage },
  { path: 'new', title: 'Open a case', component: OpenCasePage },
  // The response to a recommendation is recorded on the form engine like every other entry; old links still lead there.
  {
    path: ':id/recommendations/:recommendationId/response',
    redirectTo: ({ params }) =>
      inject(Router).createUrlTree(
        ['/cases', params['id'], 'record', 'recommendation-response'],
        {
          queryParams: { recommendation: params['recommendationId'] },
        },
      ),
  },
  {
    path: ':id',
    component: CasePage,
    children: [
      {
        path: '',
        title: 'Case',
        component: CaseOverview,
        data: { tab: 'Overview' },
      },
      {
        path: 'deadlines',
        title: 'Case deadlines',
        component: CaseDeadlinesTab,
        data: { tab: 'Deadlines' },
      },
      {
        path: 'history',
        title: 'Case history',
        component: CaseHistoryTab,
        data: { tab: 'History' },
      },
      {
        path: 'documents',
        title: 'Case documents',
        loadComponent: () =>
          import('./case-documents-tab').then((m) => m.CaseDocumentsTab),
        data: { tab: 'Documents' },
      },
      {
        path: 'notes/new',
        title: 'Add a note',
        loadComponent: () =>
          import('./note-form-page').then((m) => m.NoteFormPage),
      },
      {
        path: 'record',
        title: 'What do you want to record?',
        component: RecordMenu,
      },
      {
        path: 'record/corrections',
        title: 'Which entry was recorded wrongly?',
        component: CorrectionList,
      },
      {
        path: 'record/:kind',
        title: 'Record an entry',
        component: EventFormPage,
      },
      {
        path: 'letters/decision-notice',
        title: 'Issue the notice of a decision',
        loadComponent: () =>
          import('./letters/issue-decision-notice-page').then(
            (m) => m.IssueDecisionNoticePage,
          ),
      },
      {
        path: 'letters/entry/:sequence',
        title: 'Make the letter of an entry',
        loadComponent: () =>
          import('./letters/entry-letter-page').then((m) => m.EntryLetterPage),
      },
      {
        path: 'record/:kind/check',
        title: 'Check your answers before saving',
        component: CheckAnswersPage,
      },
    ],
  },
];
