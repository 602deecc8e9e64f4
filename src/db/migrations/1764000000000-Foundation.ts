import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'identity',
        columns: [
          col.id(),
          col.varchar('channel', 24),
          col.varchar('external_id', 128),
          { ...col.varchar('language', 8), default: "'zh-CN'" },
          col.int('family_id', true),
          col.int('guardian_id', true),
          col.bool('reminders_paused', false),
          col.instant('created_at'),
          col.instant('last_seen_at'),
        ],
        indices: [new TableIndex({ name: 'uq_identity_channel_external', columnNames: ['channel', 'external_id'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'auth_session',
        columns: [col.id(), col.varchar('token_hash', 64), col.int('identity_id'), col.instant('expires_at'), col.instant('created_at')],
        indices: [new TableIndex({ name: 'uq_auth_session_token', columnNames: ['token_hash'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'outbound_message',
        columns: [
          col.id(),
          col.varchar('channel', 24),
          col.varchar('recipient', 128),
          col.int('family_id', true),
          col.varchar('kind', 32),
          col.varchar('dedupe_key', 191, true),
          col.varchar('message_key', 128, true),
          col.text('params', true),
          col.text('plain_text', true),
          col.bool('unsolicited', false),
          { ...col.varchar('status', 16), default: "'pending'" },
          { ...col.int('attempts'), default: 0 },
          col.varchar('last_error', 64, true),
          col.instant('available_at'),
          col.instant('locked_until', true),
          col.instant('created_at'),
          col.instant('sent_at', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_outbound_dedupe', columnNames: ['dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_outbound_pending', columnNames: ['channel', 'status', 'available_at'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'job_run',
        columns: [{ ...col.varchar('run_key', 191), isPrimary: true }, col.varchar('owner', 64), col.instant('claimed_at')],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['job_run', 'outbound_message', 'auth_session', 'identity']) await q.dropTable(t)
  }
}
