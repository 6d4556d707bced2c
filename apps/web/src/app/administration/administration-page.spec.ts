import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AdministrationPage } from './administration-page';

describe('AdministrationPage', () => {
  it('says every change, letter templates included, is recorded in the security log', () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(AdministrationPage);
    fixture.detectChanges();
    const text = (fixture.nativeElement as HTMLElement).textContent?.replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain(
      'Every change to staff accounts, mediation providers, bank holidays and letter templates is recorded in the security log, with who made it and when.',
    );
    expect(text).not.toContain('keeps who uploaded it');
  });
});
