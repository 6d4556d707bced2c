import { Routes } from '@angular/router';
import { CasePage } from './case-page';
import { RecommendationResponsePage } from './recommendation-response-page';

export const caseRoutes: Routes = [
  { path: ':id', title: 'Case', component: CasePage },
  {
    path: ':id/recommendations/:recommendationId/response',
    title: 'Record the response to a recommendation',
    component: RecommendationResponsePage,
  },
];
