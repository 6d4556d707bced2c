import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  deadlineStatusTag,
  type TaggedDeadline,
  tagClass,
} from './deadline-status';

@Component({
  selector: 'app-deadline-status-tag',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<strong [class]="className()">{{ tag().text }}</strong>`,
})
export class DeadlineStatusTag {
  readonly deadline = input.required<TaggedDeadline>();
  /** Today in Europe/London (YYYY-MM-DD). */
  readonly today = input.required<string>();

  protected readonly tag = computed(() =>
    deadlineStatusTag(this.deadline(), this.today()),
  );
  protected readonly className = computed(() => tagClass(this.tag().colour));
}
