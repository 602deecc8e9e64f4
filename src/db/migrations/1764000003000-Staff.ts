import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

/** Staff accounts and sessions, audit log, needs, tickets (history, thread), key-case contacts and risk history. */
export class Staff1764000003000 implements MigrationInterface {
  name = 'Staff1764000003000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'staff_account',
        columns: [
          col.id(),
          col.varchar('username', 64),
          col.varchar('password_hash', 255),
          col.varchar('role', 24),
          col.varchar('jurisdiction', 64, true),
          col.varchar('department', 128, true),
          col.varchar('street', 128, true),
          col.text('communities'),
          col.varchar('provider_kind', 24, true),
          col.varchar('wechat_id', 128, true),
          { ...col.int('failed_attempts'), default: 0 },
          col.instant('locked_until', true),
          col.bool('active', true),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_staff_username', columnNames: ['username'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'staff_session',
        columns: [col.id(), col.varchar('token_hash', 64), col.int('staff_id'), col.instant('expires_at'), col.instant('created_at')],
        indices: [new TableIndex({ name: 'uq_staff_session_token', columnNames: ['token_hash'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          col.id(),
          col.instant('at'),
          col.int('staff_id'),
          col.varchar('username', 64),
          col.varchar('action', 48),
          col.varchar('resource_type', 24),
          col.int('resource_id', true),
          col.int('family_id', true),
          col.text('detail', true),
        ],
        indices: [new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'need',
        columns: [
          col.id(),
          col.int('identity_id'),
          col.int('family_id', true),
          col.int('child_id', true),
          col.varchar('channel', 24),
          col.varchar('jurisdiction', 64),
          col.text('text'),
          col.varchar('service', 40),
          col.text('needs'),
          col.text('departments'),
          col.bool('urgent'),
          col.varchar('status', 24),
          col.int('ticket_id', true),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_need_family', columnNames: ['family_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'ticket',
        columns: [
          col.id(),
          col.varchar('kind', 16),
          col.varchar('priority', 8),
          col.varchar('status', 16),
          col.varchar('referral_state', 16, true),
          col.text('referral_reason', true),
          col.int('need_id', true),
          col.int('family_id', true),
          col.int('child_id', true),
          col.int('identity_id', true),
          col.varchar('channel', 24, true),
          col.varchar('service', 40),
          col.text('departments'),
          col.varchar('jurisdiction', 64),
          col.varchar('street', 128, true),
          col.varchar('community', 128, true),
          col.int('owner_staff_id', true),
          col.int('claimed_by', true),
          col.int('raised_to', true),
          col.instant('raised_at', true),
          col.instant('answered_at', true),
          col.instant('waiting_since'),
          col.instant('created_at'),
          col.instant('updated_at'),
          col.instant('closed_at', true),
        ],
        indices: [new TableIndex({ name: 'ix_ticket_status', columnNames: ['status', 'priority', 'created_at'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'ticket_event',
        columns: [col.id(), col.int('ticket_id'), col.instant('at'), col.varchar('actor', 80), col.varchar('action', 32), col.text('detail', true)],
        indices: [new TableIndex({ name: 'ix_ticket_event_ticket', columnNames: ['ticket_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'ticket_message',
        columns: [col.id(), col.int('ticket_id'), col.int('family_id', true), col.varchar('author', 8), col.int('staff_id', true), col.text('text'), col.instant('created_at')],
        indices: [new TableIndex({ name: 'ix_ticket_message_ticket', columnNames: ['ticket_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'key_case_contact',
        columns: [
          col.id(),
          col.int('key_case_id'),
          col.int('family_id', true),
          col.varchar('kind', 8),
          col.date('on_date'),
          col.text('notes'),
          col.text('next_step', true),
          col.int('staff_id'),
          col.instant('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_kcc_case', columnNames: ['key_case_id'] })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'key_case_risk',
        columns: [col.id(), col.int('key_case_id'), col.int('family_id', true), col.varchar('level', 8), col.text('note'), col.int('staff_id'), col.instant('created_at')],
        indices: [new TableIndex({ name: 'ix_kcr_case', columnNames: ['key_case_id'] })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['key_case_risk', 'key_case_contact', 'ticket_message', 'ticket_event', 'ticket', 'need', 'audit_entry', 'staff_session', 'staff_account']) await q.dropTable(t)
  }
}
