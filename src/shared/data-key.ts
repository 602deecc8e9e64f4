/**
 * The AES-256-GCM key for identity numbers: DATA_ENCRYPTION_KEY, or for the embedded
 * default a key generated once into DATA_DIR/encryption.key (mode 0600).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Config } from '../config/env'
import { ConfigError } from '../config/env'

export function parseKey(text: string): Buffer {
  const s = text.trim()
  const buf = /^[0-9a-fA-F]{64}$/.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64')
  if (buf.length !== 32) throw new ConfigError('DATA_ENCRYPTION_KEY: must be 32 bytes, as 64 hex characters or base64')
  return buf
}

export function resolveDataKey(config: Config): Buffer {
  if (config.DATA_ENCRYPTION_KEY) return parseKey(config.DATA_ENCRYPTION_KEY)
  if (config.NODE_ENV === 'production') throw new ConfigError('DATA_ENCRYPTION_KEY: required in production')
  const file = join(config.DATA_DIR, 'encryption.key')
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'))
  mkdirSync(config.DATA_DIR, { recursive: true })
  const key = randomBytes(32)
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 })
  return key
}
