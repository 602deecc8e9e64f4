/**
 * Bot benchmark: from a parent's message entering Wechaty (PuppetMock) to the bot's reply leaving
 * it, with the database in the loop (conversation state, identities, needs and referrals are read
 * and written on every turn). The bot is wired as `npm start` wires it (src/bot/bot.ts `createBot`);
 * the per-contact flood limit is raised (as test/bot/harness.ts does), since each simulated parent
 * sends its next message as soon as the reply arrives. test/bot/harness.ts itself waits 40 ms for
 * the rest of a turn, so it is not used for timing. Baseline in the same run: a bare Wechaty on
 * PuppetMock that echoes every message (the framework's own cost).
 *
 * Each parent says hello, accepts the privacy notice, then asks questions from the routing
 * development set (the bot routes each one, asks for the city once, names the department) and
 * goes back to the menu. PARENTS parents talk at once.
 */
import type { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'
import { WechatyBuilder, type Message } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import { createBot } from '../src/bot/bot'
import { ContactQueue } from '../src/bot/contact-queue'
import { routeMessage } from '../src/domain/routing'
import { benchContext, load1, log, round, timing, type Timing } from './support'

const BOT_ID = 'bench-bot'

export interface BotRun {
  target: string
  database?: 'sqlite' | 'mysql'
  parents: number
  messages: number
  seconds: number
  messagesPerSec: number
  latency: Timing
  load: number
}

export interface BotResult {
  bot: BotRun[]
  baseline: BotRun
  ratio: Record<string, number>
}

interface Driver {
  say(parent: string, text: string): Promise<number>
}

/** Logs a Wechaty in on a new Mocker and returns a driver that times each turn (message out → first reply back). */
async function driver(wechaty: ReturnType<typeof WechatyBuilder.build>, mocker: mock.Mocker, parents: string[]): Promise<Driver> {
  await wechaty.start()
  const botUser = mocker.createContact({ id: BOT_ID, name: '关爱助手' })
  const loggedIn = new Promise((r) => wechaty.once('login', r))
  mocker.login(botUser)
  await loggedIn
  const waiting = new Map<string, () => void>()
  const contacts = new Map<string, mock.ContactMock>()
  for (const id of parents) {
    const c = mocker.createContact({ id, name: id })
    ;(c as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId !== BOT_ID) return
      const done = waiting.get(id)
      waiting.delete(id)
      done?.()
    })
    contacts.set(id, c)
  }
  return {
    say(parent, text) {
      return new Promise<number>((resolve, reject) => {
        const t0 = performance.now()
        const timer = setTimeout(() => reject(new Error(`no reply to ${parent} within 30 s`)), 30_000)
        waiting.set(parent, () => {
          clearTimeout(timer)
          resolve(performance.now() - t0)
        })
        contacts.get(parent)!.say(text).to(botUser)
      })
    },
  }
}

async function drive(target: string, d: Driver, parents: string[], script: (i: number) => string[]): Promise<BotRun> {
  const before = load1()
  const lat: number[] = []
  const t0 = performance.now()
  await Promise.all(
    parents.map(async (p, i) => {
      for (const text of script(i)) lat.push(await d.say(p, text))
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const run: BotRun = { target, parents: parents.length, messages: lat.length, seconds: round(seconds, 2), messagesPerSec: round(lat.length / seconds, 1), latency: timing(lat), load: round((before + load1()) / 2) }
  log(`  ${target}: ${run.messagesPerSec} messages/s, p50 ${run.latency.p50.toFixed(1)} ms, p99 ${run.latency.p99.toFixed(1)} ms (${run.messages} messages)`)
  return run
}

export async function benchBot(devSet: string, kinds: Array<'sqlite' | 'mysql'>, opts: { parents: number; questions: number }): Promise<BotResult> {
  const texts = readFileSync(devSet, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text)
  // hello, accept, then per question: the question, the city (asked once, before registering), back to the menu
  const script = (i: number) => {
    const s = ['你好', '1']
    for (let q = 0; q < opts.questions; q++) s.push(texts[(i * opts.questions + q) % texts.length]!, q === 0 ? '晋城' : '菜单', '菜单')
    return s
  }
  log(`bot: ${opts.parents} parents at once, ${script(0).length} messages each`)
  routeMessage(texts[0]!, 'national') // the router's word lists load once per process: not part of a turn
  const bot: BotRun[] = []
  for (const kind of kinds) {
    const { ctx, close } = await benchContext(kind)
    const mocker = new mock.Mocker()
    const handle = createBot(ctx, { puppet: new PuppetMock({ mocker }), queue: new ContactQueue({ burst: 1000 }), deliveryPollMs: 1000 })
    try {
      const parents = Array.from({ length: opts.parents }, (_, i) => `bench-parent-${kind}-${i}`)
      const d = await driver(handle.wechaty, mocker, parents)
      bot.push({ ...(await drive(`bot on ${kind}`, d, parents, script)), database: kind })
    } finally {
      await handle.wechaty.stop()
      await close()
    }
  }
  const mocker = new mock.Mocker()
  const echo = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
  echo.on('message', async (msg: Message) => {
    if (msg.self()) return
    await msg.say(msg.text())
  })
  let baseline: BotRun
  try {
    const parents = Array.from({ length: opts.parents }, (_, i) => `bench-echo-${i}`)
    const d = await driver(echo, mocker, parents)
    baseline = await drive('bare Wechaty echo', d, parents, script)
  } finally {
    await echo.stop()
  }
  const ratio: Record<string, number> = {}
  for (const r of bot) ratio[r.database!] = round(r.messagesPerSec / baseline.messagesPerSec, 3)
  return { bot, baseline, ratio }
}
