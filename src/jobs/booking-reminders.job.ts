/**
 * Every minute: queue due session reminders (24 h and 2 h before, late rather than never) and
 * move expired waiting-list offers on. Safe on several instances at once: reminders are
 * deduplicated by the outbox, offers are ended with row locks.
 */
import type { JobDefinition } from './scheduler'
import { queueDueReminders } from '../domain/booking/reminders.service'
import { expireOffers } from '../domain/booking/waitlist.service'

export const bookingRemindersJob: JobDefinition = {
  name: 'booking-reminders',
  cron: '* * * * *',
  run: async (ctx) => {
    const reminders = await queueDueReminders(ctx)
    const offers = await expireOffers(ctx)
    return reminders + offers
  },
}
