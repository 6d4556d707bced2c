import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { NotificationController } from './notification.controller';

/** Each member of staff's notifications and their calendar feed of deadlines (API). */
@Module({
  imports: [DeadlinesModule],
  controllers: [NotificationController, CalendarFeedController],
})
export class NotificationsModule {}
