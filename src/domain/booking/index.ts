/**
 * Booking family-education and psychological-support sessions: the one module the bot, the
 * mini-program API, the staff API/console and the jobs book through.
 *
 * Families:  listFreeTimes · book · listFamilyBookings · cancelBooking(by 'family') · rescheduleBooking
 *            joinWaitlist · leaveWaitlist · listFamilyWaitlist · listFamilyOffers · acceptOffer · declineOffer
 * Staff:     createProvider · linkProviderToStaff · providersOfStaff · createVenue · addWorkingPlan · removeWorkingPlan
 *            addException · openSlot · closeSlot · cancelSlot · cancelBooking(by 'staff', reason)
 *            markAttendance · providerSchedule · departmentOverview
 * Jobs:      queueDueReminders · expireOffers (src/jobs/booking-reminders.job.ts)
 * Demo data: seedDemo (npm run seed:demo)
 */
export * from './slots'
export * from './booking.service'
export * from './waitlist.service'
export * from './staff.service'
export * from './reminders.service'
export { seedDemo, DEMO_MARK } from './seed-demo'
