import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

/** Booking of family-education and psychological-support sessions (issue 5). */
export class Booking1764000002000 implements MigrationInterface {
  name = 'Booking1764000002000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'booking_provider',
        columns: [
          col.id(),
          col.varchar('display_name', 64),
          col.text('kinds'),
          col.varchar('jurisdiction', 32),
          col.varchar('community', 64, true),
          col.varchar('department', 64, true),
          col.int('staff_id', true),
          col.bool('active', true),
          col.varchar('seed_key', 96, true),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_booking_provider_seed', columnNames: ['seed_key'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_venue',
        columns: [
          col.id(),
          col.varchar('name', 128),
          col.varchar('address', 255, true),
          col.varchar('kind', 24),
          col.varchar('jurisdiction', 32),
          col.varchar('community', 64, true),
          col.varchar('seed_key', 96, true),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_booking_venue_seed', columnNames: ['seed_key'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_plan',
        columns: [
          col.id(),
          col.int('provider_id'),
          col.int('weekday'),
          col.varchar('start_time', 5),
          col.varchar('end_time', 5),
          col.text('breaks'),
          col.int('session_minutes'),
          col.int('capacity'),
          col.varchar('kind', 24),
          col.int('venue_id', true),
          col.varchar('mode', 16),
          col.date('valid_from', true),
          col.date('valid_to', true),
          col.bool('skip_public_holidays', true),
          col.varchar('seed_key', 96, true),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_booking_plan_provider', columnNames: ['provider_id'] }),
          new TableIndex({ name: 'uq_booking_plan_seed', columnNames: ['seed_key'], isUnique: true }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_exception',
        columns: [
          col.id(),
          col.int('provider_id', true),
          col.varchar('jurisdiction', 32, true),
          col.date('from_date'),
          col.date('to_date'),
          col.varchar('reason', 16),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_booking_exception_provider', columnNames: ['provider_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_slot',
        columns: [
          col.id(),
          col.int('provider_id'),
          col.varchar('kind', 24),
          col.instant('starts_at'),
          col.instant('ends_at'),
          col.int('capacity'),
          { ...col.int('booked_count'), default: 0 },
          { ...col.int('held_count'), default: 0 },
          col.int('venue_id', true),
          col.varchar('mode', 16),
          col.varchar('status', 16),
          col.varchar('origin', 8),
          col.varchar('cancel_reason', 255, true),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_booking_slot_provider_start', columnNames: ['provider_id', 'starts_at'], isUnique: true }),
          new TableIndex({ name: 'ix_booking_slot_start', columnNames: ['starts_at'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking',
        columns: [
          col.id(),
          col.int('family_id'),
          col.int('child_id', true),
          col.int('identity_id'),
          col.varchar('channel', 24),
          col.varchar('kind', 24),
          col.int('slot_id'),
          col.int('provider_id'),
          col.instant('starts_at'),
          col.instant('ends_at'),
          col.varchar('status', 16),
          col.varchar('cancelled_by', 8, true),
          col.varchar('cancel_reason', 255, true),
          col.text('topic', true),
          col.varchar('idempotency_key', 128),
          col.int('rescheduled_from', true),
          col.instant('reminder_24h_at', true),
          col.instant('reminder_2h_at', true),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_booking_family_idem', columnNames: ['family_id', 'idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_booking_family_status', columnNames: ['family_id', 'status'] }),
          new TableIndex({ name: 'ix_booking_status_start', columnNames: ['status', 'starts_at'] }),
          new TableIndex({ name: 'ix_booking_slot', columnNames: ['slot_id'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_family_lock',
        columns: [{ ...col.int('family_id'), isPrimary: true }, col.instant('created_at')],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_waitlist',
        columns: [
          col.id(),
          col.int('slot_id'),
          col.int('family_id'),
          col.int('identity_id'),
          col.varchar('channel', 24),
          col.int('child_id', true),
          col.text('topic', true),
          col.varchar('status', 16),
          col.instant('created_at'),
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_booking_waitlist_slot_family', columnNames: ['slot_id', 'family_id'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'booking_offer',
        columns: [
          col.id(),
          col.int('slot_id'),
          col.int('waitlist_id'),
          col.int('family_id'),
          col.varchar('place_key', 64),
          col.int('attempt'),
          col.varchar('status', 16),
          col.instant('expires_at'),
          col.int('booking_id', true),
          col.instant('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_booking_offer_place_attempt', columnNames: ['place_key', 'attempt'], isUnique: true }),
          new TableIndex({ name: 'ix_booking_offer_status_expiry', columnNames: ['status', 'expires_at'] }),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['booking_offer', 'booking_waitlist', 'booking_family_lock', 'booking', 'booking_slot', 'booking_exception', 'booking_plan', 'booking_venue', 'booking_provider']) await q.dropTable(t)
  }
}
