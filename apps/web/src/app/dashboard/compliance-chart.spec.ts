import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ComplianceSeries } from '@send/contracts';
import { ComplianceChart } from './compliance-chart';
import { find } from '../shared/testing';

const month = (
  m: string,
  metOnTime: number,
  metLate: number,
  missed: number,
  pending: number,
) => {
  const known = metOnTime + metLate + missed;
  return {
    month: m,
    due: known + pending,
    metOnTime,
    metLate,
    missed,
    pending,
    percentOnTime: known ? Math.round((100 * metOnTime) / known) : null,
  };
};

const series: ComplianceSeries = {
  category: 'recommendation_responses',
  title: 'Responding to health and social care recommendations',
  months: [
    month('2025-12', 2, 1, 1, 0),
    month('2026-01', 0, 0, 0, 0),
    month('2026-02', 1, 0, 0, 3),
  ],
  total: {
    due: 8,
    metOnTime: 3,
    metLate: 1,
    missed: 1,
    pending: 3,
    percentOnTime: 60,
  },
};

describe('ComplianceChart', () => {
  function render() {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(ComplianceChart);
    fixture.componentRef.setInput('series', series);
    fixture.componentRef.setInput('id', 'recs');
    fixture.componentRef.setInput('filters', {
      team: 'SEND North',
      from: '2025-12',
      to: '2026-02',
    });
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one image of stacked bars, described for assistive technology', () => {
    const element = render();
    const svg = find(element, 'svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(element.querySelector('#recs-chart-title')?.textContent).toBe(
      'Bar chart, Responding to health and social care recommendations, by month due: 8 due, 60% met on time, 1 missed. The table that follows gives each month.',
    );
    const bars = [...svg.querySelectorAll('rect')].map((r) => [
      r.getAttribute('class'),
      Number(r.getAttribute('height')).toFixed(1),
    ]);
    // December: 2 on time, 1 late, 1 missed; January: nothing; February: 1 on time, 3 not yet due. The axis goes to 4.
    const unit = (260 - 12 - 40) / 4;
    expect(bars).toEqual([
      ['app-chart__bar app-chart--on-time', (2 * unit).toFixed(1)],
      ['app-chart__bar app-chart--late', unit.toFixed(1)],
      ['app-chart__bar app-chart--missed', unit.toFixed(1)],
      ['app-chart__bar app-chart--on-time', unit.toFixed(1)],
      ['app-chart__bar app-chart--pending', (3 * unit).toFixed(1)],
    ]);
  });

  it('gives the same numbers in a table, each linking to the deadlines behind it', () => {
    const element = render();
    const rows = [...element.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      [
        'Dec 2025',
        '2 met on time in December 2025',
        '1 met late in December 2025',
        '1 missed in December 2025',
        '0',
        '50%',
      ],
      ['Jan 2026', '0', '0', '0', '0', '–'],
      [
        'Feb 2026',
        '1 met on time in February 2026',
        '0',
        '0',
        '3 not yet due in February 2026',
        '100%',
      ],
    ]);
    const missed = find(element, 'tbody tr a[href*="status=missed"]');
    expect(missed.getAttribute('href')).toBe(
      '/dashboard/deadlines?team=SEND%20North&from=2025-12&to=2026-02&category=recommendation_responses&month=2025-12&status=missed',
    );
    expect(
      [...element.querySelectorAll('tfoot th, tfoot td')].map((c) =>
        c.textContent?.trim(),
      ),
    ).toEqual(['Whole period', '3', '1', '1', '3', '60%']);
  });
});
