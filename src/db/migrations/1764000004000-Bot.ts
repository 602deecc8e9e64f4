import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { col } from './columns'

/** Conversation state of the chat channels (WeChat bot, Official Account). */
export class Bot1764000004000 implements MigrationInterface {
  name = 'Bot1764000004000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'bot_conversation',
        columns: [
          col.id(),
          col.int('identity_id'),
          col.varchar('flow', 32),
          col.varchar('step', 48),
          col.text('data'),
          col.text('history'),
          { ...col.int('failures'), default: 0 },
          { ...col.int('version'), default: 0 },
          col.instant('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_bot_conversation_identity', columnNames: ['identity_id'], isUnique: true })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('bot_conversation')
  }
}
