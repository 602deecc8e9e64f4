/**
 * Drives the real bot through a real Wechaty on PuppetMock: parents are mock contacts who say
 * things to the bot and read its replies; `restart()` builds a new Wechaty on the same database.
 */
import { beforeAll, afterAll } from 'vitest'
import type { EventEmitter } from 'node:events'
import type { Wechaty } from 'wechaty'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import type { FileBoxInterface } from 'file-box'
import type { DomainContext } from '../../src/domain/context'
import { createBot, type BotHandle } from '../../src/bot/bot'
import { ContactQueue } from '../../src/bot/contact-queue'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { addChild, saveProfile } from '../../src/domain/registry/registry.service'
import { CONSENT_VERSION } from '../../src/domain/registry/registry.schemas'

export const BOT_ID = 'bot-self'

export interface Parent {
  id: string
  /** Everything the bot said to this parent, in order. */
  inbox: string[]
  /** Says `text` to the bot and resolves with the bot's reply (all messages of the turn, joined). */
  send(text: string): Promise<string>
  sendFile(file: FileBoxInterface): Promise<string>
}

export interface Harness {
  bot: Wechaty
  handle: BotHandle
  mocker: mock.Mocker
  parent(id: string, name?: string): Parent
  /** Says a message from a parent without waiting for the reply (floods). */
  sayWithoutWaiting(parentId: string, text: string): void
  /** A mock contact (not a parent): staff members in rooms. */
  contact(id: string, name: string): mock.ContactMock
  restart(): Promise<void>
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function startHarness(dctx: DomainContext, opts: { queue?: ContactQueue; extra?: (bot: Wechaty) => void } = {}): Promise<Harness> {
  const parents = new Map<string, { name: string; p: Parent; arrivals: Array<() => void> }>()
  let mocker!: mock.Mocker
  let bot!: Wechaty
  let handle!: BotHandle
  let botUser!: mock.ContactMock
  const contacts = new Map<string, { name: string; c?: mock.ContactMock }>()

  const attach = (id: string) => {
    const entry = parents.get(id)!
    const c = mocker.createContact({ id, name: entry.name })
    ;(c as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
      if (m.payload.talkerId !== BOT_ID) return
      entry.p.inbox.push((m.payload as { text?: string }).text ?? '')
      for (const f of entry.arrivals.splice(0)) f()
    })
    return c
  }

  const boot = async () => {
    mocker = new mock.Mocker()
    const puppet = new PuppetMock({ mocker })
    handle = createBot(dctx, { puppet, queue: opts.queue ?? new ContactQueue({ burst: 1000 }), deliveryPollMs: 200 })
    bot = handle.wechaty
    opts.extra?.(bot)
    await bot.start()
    botUser = mocker.createContact({ id: BOT_ID, name: '关爱助手' })
    const loggedIn = new Promise((r) => bot.once('login', r))
    mocker.login(botUser)
    await loggedIn
    for (const id of parents.keys()) contactOf.set(id, attach(id))
    for (const [id, e] of contacts) e.c = mocker.createContact({ id, name: e.name })
  }
  const contactOf = new Map<string, mock.ContactMock>()

  await boot()

  const waitReply = async (entry: { p: Parent; arrivals: Array<() => void> }, before: number): Promise<string> => {
    const deadline = Date.now() + 10_000
    while (entry.p.inbox.length === before) {
      if (Date.now() > deadline) throw new Error('no reply from the bot within 10 s')
      await new Promise<void>((r) => {
        entry.arrivals.push(r)
        setTimeout(r, 200)
      })
    }
    // let the rest of the turn arrive
    let n = -1
    while (n !== entry.p.inbox.length) {
      n = entry.p.inbox.length
      await sleep(40)
    }
    return entry.p.inbox.slice(before).join('\n\n')
  }

  return {
    get bot() {
      return bot
    },
    get handle() {
      return handle
    },
    get mocker() {
      return mocker
    },
    parent(id, name = id) {
      const existing = parents.get(id)
      if (existing) return existing.p
      const entry = {
        name,
        arrivals: [] as Array<() => void>,
        p: {
          id,
          inbox: [] as string[],
          send: async (text: string) => {
            const before = entry.p.inbox.length
            contactOf.get(id)!.say(text).to(botUser)
            return waitReply(entry, before)
          },
          sendFile: async (file: FileBoxInterface) => {
            const before = entry.p.inbox.length
            contactOf.get(id)!.say(file as never).to(botUser)
            return waitReply(entry, before)
          },
        } as Parent,
      }
      parents.set(id, entry)
      contactOf.set(id, attach(id))
      return entry.p
    },
    sayWithoutWaiting(id: string, text: string) {
      contactOf.get(id)!.say(text).to(botUser)
    },
    contact(id, name) {
      const c = mocker.createContact({ id, name })
      contacts.set(id, { name, c })
      return c
    },
    async restart() {
      await bot.stop()
      await boot()
    },
    async stop() {
      await bot.stop()
    },
  }
}

/**
 * A harness for a `describeEachDb` block: the clock set to `start`, the bot started before the
 * block's tests and stopped after them. Returns a stand-in that forwards to the running harness.
 */
export function useHarness(h: { ctx(): DomainContext; clock(): { set(d: string): void } }, start = '2026-03-02T02:00:00Z'): Harness {
  let current: Harness | undefined
  beforeAll(async () => {
    h.clock().set(start)
    current = await startHarness(h.ctx())
  })
  afterAll(async () => {
    await current?.stop()
  })
  return new Proxy({} as Harness, {
    get: (_, key) => {
      const value = (current as unknown as Record<PropertyKey, unknown>)[key]
      return typeof value === 'function' ? value.bind(current) : value
    },
  })
}

/**
 * A parent who greeted the bot and consented in chat, then registered through the registry (a family in
 * 西街社区, jincheng, with these children, girls born 2016-05-01 in primary school): for tests about what
 * comes after registration.
 */
export async function registeredInChat(ctx: DomainContext, chat: Harness, id: string, name: string, children: string[] = ['小宝']): Promise<{ p: Parent; familyId: number; identityId: number; ids: number[] }> {
  const p = chat.parent(id)
  await p.send('你好')
  await p.send('1')
  const identity = await findOrCreateIdentity(ctx, 'bot', id)
  const family = await saveProfile(
    ctx,
    identity.id,
    {
      name, relation: 'mother', phone: null, jurisdiction: 'jincheng', district: '城区', street: null, community: '西街社区',
      hukou: { province: '河南省', city: '周口市', county: '郸城县' }, movedInOn: '2024-01-01', residencePermit: true,
      consent: { accepted: true, version: CONSENT_VERSION }, language: 'zh-CN',
    } as never,
    'zh-CN',
  )
  const ids: number[] = []
  for (const c of children) ids.push((await addChild(ctx, family.id, { name: c, sex: 'female', birthDate: '2016-05-01', schoolStage: 'primary', situations: [] } as never, 'zh-CN')).id)
  return { p, familyId: family.id, identityId: identity.id, ids }
}
