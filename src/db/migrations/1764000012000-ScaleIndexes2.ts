import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/**
 * A covering index for the staff lists of a big city (docs/performance.md, scale): a child director's
 * or supervisor's key cases are picked from the jurisdiction's open cases by place and due date. With
 * every column that step reads in one index, the database answers it from the index alone, without a
 * row lookup for each of a city's thousands of open cases.
 */
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['key_case', 'ix_key_case_place_names', ['jurisdiction_id', 'status', 'community', 'street', 'next_contact_due', 'next_visit_due']],
]

export class ScaleIndexes21764000012000 implements MigrationInterface {
  name = 'ScaleIndexes21764000012000'

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }))
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name)
  }
}
