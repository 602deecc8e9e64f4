/**
 * What went wrong at start (`npm start`, `npm run migrate`), in one plain line for the person at
 * the terminal: which setting to look at and what to do next. Null for anything else (the caller
 * logs it as it is). Never repeats a password from DATABASE_URL.
 */
import type { Config } from '../config/env'

const DB_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'PROTOCOL_CONNECTION_LOST'])

/** DATABASE_URL with its password hidden. */
export function safeDatabaseUrl(config: Pick<Config, 'db'>): string {
  if (config.db.kind === 'sqlite') return `sqlite:${config.db.file}`
  return config.db.url.replace(/^(mysql:\/\/[^:/@]*):[^@]*@/, '$1:***@')
}

export function startErrorMessage(e: unknown, config: Pick<Config, 'db' | 'PORT' | 'HOST'>): string | null {
  const err = e as { code?: string; message?: string; syscall?: string }
  const code = err?.code
  if (!code) return null
  if (err.syscall === 'listen' && code === 'EADDRINUSE') {
    return `Port ${config.PORT} is already in use (is the service already running?). Stop the other process, or choose another port: PORT=${config.PORT + 1} npm start`
  }
  if (err.syscall === 'listen' && code === 'EACCES') {
    return `Not allowed to listen on port ${config.PORT}. Choose a port above 1024: PORT=3000 npm start`
  }
  const db = safeDatabaseUrl(config)
  if (code === 'ER_ACCESS_DENIED_ERROR') return `The database refused the user name or password in DATABASE_URL (${db}). Check DATABASE_URL.`
  if (code === 'ER_BAD_DB_ERROR') return `The database named in DATABASE_URL does not exist (${db}). Create it (CREATE DATABASE …) or fix DATABASE_URL.`
  if (DB_UNREACHABLE.has(code)) return `Cannot reach the database in DATABASE_URL (${db}): ${code}. Is it running? Check the host and port in DATABASE_URL.`
  if (code === 'SQLITE_CANTOPEN') return `Cannot open the SQLite file in DATABASE_URL (${db}). Check that its folder exists and can be written, or set DATA_DIR.`
  return null
}
