/**
 * Resident identity numbers (居民身份证号, GB 11643-1999): check, encrypt at rest, look up, show masked.
 *   - 18 characters: 17 digits and a check character (0-9 or X) computed with ISO 7064 MOD 11-2.
 *   - Stored as AES-256-GCM ciphertext under `ctx.dataKey` (random 12-byte IV, 16-byte tag), never in clear.
 *   - A keyed hash (HMAC-SHA256 under a key derived from the data key) allows exact lookups without decrypting.
 *   - Shown only masked: 110***********1234.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { isIsoDate } from '../../shared/dates'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** Upper-cases a trailing x and drops spaces. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

/** The check character GB 11643 gives for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

/** The birth date written in an identity number (YYYY-MM-DD). */
export function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/** True for an 18-character number with a real birth date and the right check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = normaliseIdNumber(raw)
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false
  if (!isIsoDate(idBirthDate(id))) return false
  return idCheckChar(id.slice(0, 17)) === id[17]
}

/** 110105201905011234 → 110***********1234 */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`
}

const PREFIX = 'v1:'

/** AES-256-GCM: "v1:" + base64(iv | tag | ciphertext). */
export function encryptIdNumber(key: Buffer, id: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const ct = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')
}

export function decryptIdNumber(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error('unknown ciphertext format')
  const buf = Buffer.from(stored.slice(PREFIX.length), 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12))
  decipher.setAuthTag(buf.subarray(12, 28))
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8')
}

/** Keyed hash for lookups (a plain hash of an 18-digit number would be easy to reverse). */
export function hashIdNumber(key: Buffer, id: string): string {
  const lookupKey = createHmac('sha256', key).update('registry:id-number-lookup').digest()
  return createHmac('sha256', lookupKey).update(normaliseIdNumber(id)).digest('hex')
}
