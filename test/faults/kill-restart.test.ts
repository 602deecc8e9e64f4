/**
 * Fault: the bot's process is killed (SIGKILL, no chance to clean up) in the middle of a
 * parent's registration and started again on the same database file. The conversation resumes
 * at the question it was on, and at the end every answer the parent gave before the kill is in
 * the saved family record.
 */
import 'reflect-metadata'
import { describe, it, expect, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startChat, type ChatProcess } from './chat-process'
import { loadConfig } from '../../src/config/env'
import { openDatabase } from '../../src/db/database'
import { Child, Guardian, Family } from '../../src/db/entities'

describe('bot process killed mid-registration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ldet-kill-'))
  const env = { DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}` }
  let chat: ChatProcess | undefined
  afterAll(async () => {
    await chat?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('resumes at the same question after a SIGKILL and keeps every answer', async () => {
    chat = startChat('王芳', env)
    await chat.send('你好')
    await chat.send('1') // consent
    expect(await chat.send('登记')).toContain('怎么称呼您')
    expect(await chat.send('王芳')).toContain('1 妈妈')
    expect(await chat.send('妈妈')).toContain('手机号')
    expect(await chat.send('13800138000')).toContain('哪个城市')
    expect(await chat.send('长治')).toContain('哪个区或县')

    expect(await chat.send('潞州区')).toContain('街道')
    expect(await chat.send('跳过')).toContain('社区')
    expect(await chat.send('英雄中路社区')).toContain('户口')
    expect(await chat.send('河南省 周口市 郸城县')).toContain('搬来')
    expect(await chat.send('2023-03-01')).toContain('居住证')
    expect(await chat.send('有')).toContain('第 1 个孩子')
    expect(await chat.send('小明')).toContain('男孩还是女孩')

    // killed while the parent is being asked the child's sex: no shutdown, no flush
    await chat.kill()
    chat = startChat('王芳', env)
    // the parent answers the question they were asked; the bot takes it as the child's sex
    expect(await chat.send('1')).toContain('哪天出生')
    expect(await chat.send('2019-05-01')).toContain('上学到哪一步')
    expect(await chat.send('3')).toContain('身份证号')
    expect(await chat.send('跳过')).toContain('都没有请回复')
    expect(await chat.send('没有')).toContain('还有别的孩子')
    const summary = await chat.send('2')
    expect(summary).toContain('王芳（妈妈）')
    expect(summary).toContain('河南省 周口市 郸城县')
    expect(summary).toContain('小明，男，2019-05-01 出生')
    expect(await chat.send('1')).toContain('登记好了')
    expect(await chat.end()).toBe(0)
    chat = undefined

    // what was stored: every answer, from before and after the kill
    const db = await openDatabase(loadConfig({ NODE_ENV: 'test', ...env }).db)
    try {
      const families = await db.repo(Family).find()
      expect(families).toHaveLength(1)
      expect(families[0]).toMatchObject({ jurisdictionId: 'changzhi', district: '潞州区', community: '英雄中路社区', hukouProvince: '河南省', hukouCity: '周口市', hukouCounty: '郸城县', movedInOn: '2023-03-01', residencePermit: true })
      const guardians = await db.repo(Guardian).find()
      expect(guardians.map((g) => [g.name, g.relation, g.mobile])).toEqual([['王芳', 'mother', '13800138000']])
      const children = await db.repo(Child).find()
      expect(children.map((c) => [c.name, c.sex, c.birthDate, c.schoolStage])).toEqual([['小明', 'male', '2019-05-01', 'kindergarten']])
    } finally {
      await db.close()
    }
  }, 120_000)
})
