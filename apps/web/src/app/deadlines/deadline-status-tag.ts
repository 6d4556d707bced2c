import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DeadlineView } from '@send/contracts';
import { deadlineStatusTag, tagClass } from './deadline-status';

@Component({
  selector: 'app-deadline-status-tag',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<strong [class]="className()">{{ tag().text }}</strong>`,
})
export class DeadlineStatusTag {
  readonly deadline = input.required<Pick<DeadlineView, 'status' | 'dueOn' | 'metOn' | 'metOnTime'> & Partial<Pick<DeadlineView, 'displayStatus'>>>();
  /** Today in Europe/London (YYYY-MM-DD). */
  readonly today = input.required<string>();

  protected readonly tag = computed(() => deadlineStatusTag(this.deadline(), this.today()));
  protected readonly className = computed(() => tagClass(this.tag().colour));
}
