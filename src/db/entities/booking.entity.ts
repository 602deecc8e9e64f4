import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'

/**
 * Booking family-education and psychological-support sessions (issue 5).
 * Free times are computed from working plans; a slot row is materialised when a time is
 * first booked or opened/closed by staff, and the (provider, start) pair is unique.
 */

/** A staff member who gives sessions (counsellor, family-education instructor). */
@Entity('booking_provider')
export class BookingProvider {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'varchar', length: 64, name: 'display_name' })
  displayName!: string

  /** Session kinds given: 'family_education' | 'mental_health'. */
  @Column({ type: 'simple-json' })
  kinds!: string[]

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  community!: string | null

  /** The department (as the jurisdiction's list names it) the provider works for. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  department!: string | null

  /** The staff account of this provider, linked by the staff module. */
  @Column({ type: 'int', name: 'staff_id', nullable: true })
  staffId!: number | null

  @Column({ type: 'boolean', default: true })
  active!: boolean

  /** Set on demo/seeded rows so seeding twice adds nothing. */
  @Index('uq_booking_provider_seed', { unique: true })
  @Column({ type: 'varchar', length: 96, name: 'seed_key', nullable: true })
  seedKey!: string | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** Where sessions take place. */
@Entity('booking_venue')
export class BookingVenue {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'varchar', length: 128 })
  name!: string

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null

  /** 'childrens_home' (儿童之家) | 'protection_station' (未保站) | 'community_centre' */
  @Column({ type: 'varchar', length: 24 })
  kind!: string

  @Column({ type: 'varchar', length: 32 })
  jurisdiction!: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  community!: string | null

  @Index('uq_booking_venue_seed', { unique: true })
  @Column({ type: 'varchar', length: 96, name: 'seed_key', nullable: true })
  seedKey!: string | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** One weekly working block of a provider: weekday, hours, breaks, session length and capacity. */
@Entity('booking_plan')
@Index('ix_booking_plan_provider', ['providerId'])
export class BookingPlan {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'provider_id' })
  providerId!: number

  /** 0 = Sunday … 6 = Saturday (Asia/Shanghai). */
  @Column({ type: 'int' })
  weekday!: number

  /** 'HH:MM' local time. */
  @Column({ type: 'varchar', length: 5, name: 'start_time' })
  startTime!: string

  @Column({ type: 'varchar', length: 5, name: 'end_time' })
  endTime!: string

  /** [{start:'HH:MM', end:'HH:MM'}] */
  @Column({ type: 'simple-json' })
  breaks!: Array<{ start: string; end: string }>

  @Column({ type: 'int', name: 'session_minutes' })
  sessionMinutes!: number

  /** 1 for one-to-one, N for a group session. */
  @Column({ type: 'int' })
  capacity!: number

  @Column({ type: 'varchar', length: 24 })
  kind!: string

  @Column({ type: 'int', name: 'venue_id', nullable: true })
  venueId!: number | null

  /** 'in_person' (at venueId) | 'online' | 'phone' */
  @Column({ type: 'varchar', length: 16 })
  mode!: string

  @Column({ type: 'varchar', length: 10, name: 'valid_from', nullable: true })
  validFrom!: string | null

  @Column({ type: 'varchar', length: 10, name: 'valid_to', nullable: true })
  validTo!: string | null

  /** Closed on China's statutory public holidays. */
  @Column({ type: 'boolean', name: 'skip_public_holidays', default: true })
  skipPublicHolidays!: boolean

  @Index('uq_booking_plan_seed', { unique: true })
  @Column({ type: 'varchar', length: 96, name: 'seed_key', nullable: true })
  seedKey!: string | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** Closed dates: a provider's leave, or a holiday for every provider of a jurisdiction. */
@Entity('booking_exception')
@Index('ix_booking_exception_provider', ['providerId'])
export class BookingException {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  /** Null with `jurisdiction` set: applies to every provider there. */
  @Column({ type: 'int', name: 'provider_id', nullable: true })
  providerId!: number | null

  @Column({ type: 'varchar', length: 32, nullable: true })
  jurisdiction!: string | null

  @Column({ type: 'varchar', length: 10, name: 'from_date' })
  fromDate!: string

  /** Inclusive. */
  @Column({ type: 'varchar', length: 10, name: 'to_date' })
  toDate!: string

  /** 'leave' | 'holiday' | 'training' | 'other' */
  @Column({ type: 'varchar', length: 16 })
  reason!: string

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A bookable time, materialised when first booked or when staff open or close it. */
@Entity('booking_slot')
@Index('uq_booking_slot_provider_start', ['providerId', 'startsAt'], { unique: true })
@Index('ix_booking_slot_start', ['startsAt'])
export class BookingSlot {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'provider_id' })
  providerId!: number

  @Column({ type: 'varchar', length: 24 })
  kind!: string

  @Column({ type: 'datetime', name: 'starts_at' })
  startsAt!: Date

  @Column({ type: 'datetime', name: 'ends_at' })
  endsAt!: Date

  @Column({ type: 'int' })
  capacity!: number

  /** Places taken by bookings with status 'booked' (kept in the same transaction as the bookings). */
  @Column({ type: 'int', name: 'booked_count', default: 0 })
  bookedCount!: number

  /** Places held for open waiting-list offers. */
  @Column({ type: 'int', name: 'held_count', default: 0 })
  heldCount!: number

  @Column({ type: 'int', name: 'venue_id', nullable: true })
  venueId!: number | null

  @Column({ type: 'varchar', length: 16 })
  mode!: string

  /** 'open' | 'closed' (by staff, nobody booked) | 'cancelled' (by staff, families told) */
  @Column({ type: 'varchar', length: 16 })
  status!: string

  /** 'plan' | 'staff' */
  @Column({ type: 'varchar', length: 8 })
  origin!: string

  @Column({ type: 'varchar', length: 255, name: 'cancel_reason', nullable: true })
  cancelReason!: string | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A family's booking of a place in a slot, for a child or for the parent. */
@Entity('booking')
@Index('uq_booking_family_idem', ['familyId', 'idempotencyKey'], { unique: true })
@Index('ix_booking_family_status', ['familyId', 'status'])
@Index('ix_booking_status_start', ['status', 'startsAt'])
@Index('ix_booking_slot', ['slotId'])
export class Booking {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  /** Null: the session is for the parent. */
  @Column({ type: 'int', name: 'child_id', nullable: true })
  childId!: number | null

  /** The identity that booked (reminders go there). */
  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  /** 'bot' | 'miniprogram' | 'official_account' */
  @Column({ type: 'varchar', length: 24 })
  channel!: string

  @Column({ type: 'varchar', length: 24 })
  kind!: string

  @Column({ type: 'int', name: 'slot_id' })
  slotId!: number

  @Column({ type: 'int', name: 'provider_id' })
  providerId!: number

  @Column({ type: 'datetime', name: 'starts_at' })
  startsAt!: Date

  @Column({ type: 'datetime', name: 'ends_at' })
  endsAt!: Date

  /** 'booked' | 'cancelled' | 'attended' | 'no_show' */
  @Column({ type: 'varchar', length: 16 })
  status!: string

  /** 'family' | 'staff' */
  @Column({ type: 'varchar', length: 8, name: 'cancelled_by', nullable: true })
  cancelledBy!: string | null

  @Column({ type: 'varchar', length: 255, name: 'cancel_reason', nullable: true })
  cancelReason!: string | null

  /** What the family wants to talk about: shown only to the provider and the staff who need it. */
  @Column({ type: 'text', nullable: true })
  topic!: string | null

  @Column({ type: 'varchar', length: 128, name: 'idempotency_key' })
  idempotencyKey!: string

  /** The booking this one replaced when the family rescheduled. */
  @Column({ type: 'int', name: 'rescheduled_from', nullable: true })
  rescheduledFrom!: number | null

  /** When the 24 h / 2 h reminder was handled (queued, or skipped because reminders are paused). */
  @Column({ type: 'datetime', name: 'reminder_24h_at', nullable: true })
  reminder24hAt!: Date | null

  @Column({ type: 'datetime', name: 'reminder_2h_at', nullable: true })
  reminder2hAt!: Date | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}

/** One row per family, locked (FOR UPDATE) while a booking of that family is made, so overlap checks hold under concurrency. */
@Entity('booking_family_lock')
export class BookingFamilyLock {
  @PrimaryColumn({ type: 'int', name: 'family_id' })
  familyId!: number

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}

/** A family waiting for a place in a full slot. */
@Entity('booking_waitlist')
@Index('uq_booking_waitlist_slot_family', ['slotId', 'familyId'], { unique: true })
export class BookingWaitlist {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'slot_id' })
  slotId!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  @Column({ type: 'int', name: 'identity_id' })
  identityId!: number

  @Column({ type: 'varchar', length: 24 })
  channel!: string

  @Column({ type: 'int', name: 'child_id', nullable: true })
  childId!: number | null

  @Column({ type: 'text', nullable: true })
  topic!: string | null

  /** 'waiting' | 'offered' | 'booked' | 'expired' | 'left' | 'closed' */
  @Column({ type: 'varchar', length: 16 })
  status!: string

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date

  @Column({ type: 'datetime', name: 'updated_at' })
  updatedAt!: Date
}

/** A freed place offered to a waiting family for a limited time. */
@Entity('booking_offer')
@Index('uq_booking_offer_place_attempt', ['placeKey', 'attempt'], { unique: true })
@Index('ix_booking_offer_status_expiry', ['status', 'expiresAt'])
export class BookingOffer {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int', name: 'slot_id' })
  slotId!: number

  @Column({ type: 'int', name: 'waitlist_id' })
  waitlistId!: number

  @Column({ type: 'int', name: 'family_id' })
  familyId!: number

  /** The freed place (e.g. `c<cancelled booking id>`); at most 3 attempts each. */
  @Column({ type: 'varchar', length: 64, name: 'place_key' })
  placeKey!: string

  @Column({ type: 'int' })
  attempt!: number

  /** 'open' | 'accepted' | 'expired' | 'declined' | 'withdrawn' */
  @Column({ type: 'varchar', length: 16 })
  status!: string

  @Column({ type: 'datetime', name: 'expires_at' })
  expiresAt!: Date

  @Column({ type: 'int', name: 'booking_id', nullable: true })
  bookingId!: number | null

  @Column({ type: 'datetime', name: 'created_at' })
  createdAt!: Date
}
