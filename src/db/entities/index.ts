/** Every entity, registered once. Add a new entity class here. */
import { Identity } from './identity.entity'
import { AuthSession } from './auth-session.entity'
import { OutboundMessage } from './outbound-message.entity'
import { JobRun } from './job-run.entity'
import { Family } from './family.entity'
import { Guardian } from './guardian.entity'
import { Child } from './child.entity'
import { KeyCase } from './key-case.entity'
import { RegistryStats } from './registry-stats.entity'
import { BotConversation } from './bot-conversation.entity'
import { FamilyJoinCode, FamilyJoinAttempt } from './family-join.entity'
export { FamilyJoinCode, FamilyJoinAttempt }

export { BotConversation }
export { Identity, AuthSession, OutboundMessage, JobRun }
export { Family, Guardian, Child, KeyCase, RegistryStats }

import { StaffAccount, StaffSession, AuditEntry } from './staff.entity'
import { Need, Ticket, TicketEvent, TicketMessage, KeyCaseContact, KeyCaseRisk } from './ticket.entity'
export { StaffAccount, StaffSession, AuditEntry, Need, Ticket, TicketEvent, TicketMessage, KeyCaseContact, KeyCaseRisk }

import { BookingProvider, BookingVenue, BookingPlan, BookingException, BookingSlot, Booking, BookingFamilyLock, BookingWaitlist, BookingOffer } from './booking.entity'
export { BookingProvider, BookingVenue, BookingPlan, BookingException, BookingSlot, Booking, BookingFamilyLock, BookingWaitlist, BookingOffer }
const bookingEntities = [BookingProvider, BookingVenue, BookingPlan, BookingException, BookingSlot, Booking, BookingFamilyLock, BookingWaitlist, BookingOffer]

export const entities = [Identity, AuthSession, OutboundMessage, JobRun, Family, Guardian, Child, KeyCase, RegistryStats, BotConversation, StaffAccount, StaffSession, AuditEntry, Need, Ticket, TicketEvent, TicketMessage, KeyCaseContact, KeyCaseRisk, ...bookingEntities, FamilyJoinCode, FamilyJoinAttempt]
