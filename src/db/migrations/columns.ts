/**
 * Column builders for migrations, so every migration writes types that mean the same on
 * SQLite and MySQL/MariaDB. Use these in every migration; entities declare the same types.
 *   instants   -> datetime (UTC; MySQL connection uses timezone 'Z')
 *   dates      -> varchar(10) 'YYYY-MM-DD'
 *   JSON       -> text (entities use 'simple-json')
 */
import type { TableColumnOptions } from 'typeorm'

export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable }),
  varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  bool: (name: string, dflt?: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, ...(dflt === undefined ? {} : { default: dflt ? 1 : 0 }) }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', isNullable: nullable }),
  date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable }),
}
