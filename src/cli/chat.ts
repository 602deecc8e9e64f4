/**
 * `npm run chat -- --user <name>`: a conversation with the bot in the terminal, through
 * wechaty-puppet-mock (the real Wechaty message path), on the same database as `npm start`.
 * Each line on stdin is a message from that parent; the bot's replies go to stdout. At the end
 * of input it waits for the last replies and exits. The same name resumes the same conversation.
 * `--echo` also prints the parent's lines (for transcripts).
 */
import 'reflect-metadata'
import * as readline from 'node:readline'
import type { EventEmitter } from 'node:events'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { loadConfig, ConfigError } from '../config/env'
import { bootstrap } from '../app/bootstrap'
import { createLogger } from '../shared/logger'
import { startErrorMessage } from '../app/start-errors'
import { createBot } from '../bot/bot'
import { ContactQueue } from '../bot/contact-queue'
import { findOrCreateIdentity } from '../domain/identity/identity.service'

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const user = (argValue('--user') ?? '访客').trim() || '访客'
const interactive = !!process.stdin.isTTY
/** `--echo`: also print each message of the parent (transcripts of piped conversations). */
const echo = process.argv.includes('--echo')

let config
try {
  config = loadConfig()
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`)
    process.exit(1)
  }
  throw e
}
// stdout is the conversation: logs go to stderr, errors only by default (a JSON line 'urgent message escalated'
// printed in the middle of the conversation confused a parent trying the bot; LOG_LEVEL=warn shows them)
const log = createLogger({ level: config.LOG_LEVEL === 'info' ? 'error' : config.LOG_LEVEL, destination: process.stderr as never })
let dctx: Awaited<ReturnType<typeof bootstrap>>
try {
  dctx = await bootstrap({ config: { ...config, JOBS_ENABLED: false }, log })
} catch (e) {
  // the database refused or is away: one plain line naming the setting, not a stack trace
  const plain = startErrorMessage(e, config)
  if (!plain) throw e
  process.stderr.write(`chat: ${plain}\n`)
  process.exit(1)
}

const mocker = new mock.Mocker()
const queue = new ContactQueue({ burst: 1000 })
// Same database as `npm start`: no staff rooms here, and only this parent's queued messages are delivered.
const me = await findOrCreateIdentity(dctx, 'bot', `chat:${user}`)
const { wechaty, delivery } = createBot(dctx, { puppet: new PuppetMock({ mocker }), channel: 'bot', queue, deliveryPollMs: 1000, staffRooms: false, deliverOnlyTo: () => me.id })
await wechaty.start()
const botUser = mocker.createContact({ id: 'chat-bot', name: '关爱助手' })
const parent = mocker.createContact({ id: `chat:${user}`, name: user })
const loggedIn = new Promise((r) => wechaty.once('login', r))
mocker.login(botUser)
await loggedIn

let replies = 0
let waiting: (() => void) | null = null
;(parent as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
  if (m.payload.talkerId !== botUser.id) return
  const text = (m.payload as { text?: string }).text ?? ''
  process.stdout.write(interactive ? `\n${text}\n\n` : echo ? `bot> ${text.replace(/\n/g, '\n     ')}\n` : `${text}\n\n`)
  replies += 1
  waiting?.()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until the bot has answered (or stays silent long enough), then a moment for the rest of the turn. */
async function answered(before: number): Promise<void> {
  const deadline = Date.now() + 15_000
  while (replies === before && Date.now() < deadline) {
    await new Promise<void>((r) => {
      waiting = r
      setTimeout(r, 100)
    })
    waiting = null
    if (replies === before && queue.pending(parent.id) === 0 && Date.now() > deadline - 14_000) break
  }
  let n = -1
  while (n !== replies) {
    n = replies
    await sleep(60)
  }
}

const rl = readline.createInterface({ input: process.stdin, terminal: interactive })
const prompt = () => {
  if (interactive) process.stdout.write(`${user}> `)
}
prompt()
const lines: string[] = []
let busy = false
let closed = false

async function pump(): Promise<void> {
  if (busy) return
  busy = true
  while (lines.length) {
    const line = lines.shift()!
    if (!line.trim()) continue
    const before = replies
    if (echo && !interactive) process.stdout.write(`${user}> ${line}\n`)
    parent.say(line).to(botUser)
    await answered(before)
    prompt()
  }
  busy = false
  if (closed) await finish()
}

async function finish(): Promise<void> {
  await queue.idle()
  await delivery.flush()
  await sleep(200)
  await wechaty.stop()
  await dctx.db.close()
  process.exit(0)
}

rl.on('line', (line) => {
  lines.push(line)
  void pump()
})
rl.on('close', () => {
  closed = true
  if (!busy) void finish()
})
