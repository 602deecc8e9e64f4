/**
 * The staff console in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core),
 * against the real app on 127.0.0.1 and the real bot on PuppetMock (test/bot/harness.ts):
 *   1. a parent asks for a person in WeChat; a staff member signs in, answers in the console,
 *      and the parent receives the answer in the chat;
 *   2. a child director records a home visit and the case leaves the overdue list;
 *   3. a parent's message with markup shows as text, and no script runs.
 * Skipped with a message when /usr/bin/chromium is missing (.ci/run installs it).
 */
import 'reflect-metadata'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { describeEachDb } from '../support/context'
import { startApi, type Api } from '../api/http'
import { startHarness, type Harness } from '../bot/harness'
import { startStaffConsole } from '../../src/staff'
import { DAY } from '../../src/shared/clock'
import { registeredFamily, staff, PASSWORD } from './fixtures'

const CHROMIUM = '/usr/bin/chromium'
const INJECTION = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
export const QUEUE_SCREENSHOT = join(tmpdir(), 'staff-console-queue.png')
export const THREAD_SCREENSHOT = join(tmpdir(), 'staff-console-thread.png')
export const KEY_CASE_SCREENSHOT = join(tmpdir(), 'staff-console-key-case.png')

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until<T>(what: () => T | undefined, ms = 8000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = what()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out')
    await sleep(50)
  }
}

if (!existsSync(CHROMIUM)) {
  describe('staff console in Chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is missing (apt-get install chromium fonts-wqy-microhei; .ci/run installs them)`, () => {})
  })
} else {
  describeEachDb(
    'staff console in Chromium',
    (h) => {
      let api: Api
      let chat: Harness
      let browser: Browser
      const dialogs: string[] = []

      const newPage = async (): Promise<Page> => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
        page.on('dialog', (d) => {
          dialogs.push(d.message())
          void d.dismiss()
        })
        return page
      }
      const signIn = async (page: Page, username: string) => {
        await page.goto(`${api.base}/staff/sign-in`)
        await page.getByLabel('用户名').fill(username)
        await page.getByLabel('密码').fill(PASSWORD)
        await page.getByRole('button', { name: '登录' }).click()
        await page.waitForURL(/\/staff\/(queue|key-cases|schedule)/)
      }
      /** A parent asks for a person in WeChat and writes `question`; returns the ticket number the bot gives. */
      const askInWeChat = async (id: string, question: string) => {
        const p = chat.parent(id)
        await p.send('你好')
        // asking for a person: the bot asks for the city when it does not know it, then for the question
        let prompt = await p.send('人工')
        if (!prompt.includes('请写下您想问的事')) prompt = await p.send('长治')
        expect(prompt).toContain('请写下您想问的事')
        const sent = await p.send(question)
        const ticketId = Number(sent.match(/问题编号 (\d+)/)?.[1])
        expect(ticketId).toBeGreaterThan(0)
        return { parent: p, ticketId }
      }

      beforeAll(async () => {
        const ctx = h.ctx()
        api = await startApi(ctx, startStaffConsole(ctx).routers)
        chat = await startHarness(ctx)
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        })
        await staff(ctx, { username: 'zhang.admin', role: 'admin' })
        await staff(ctx, { username: 'east', role: 'child-director', jurisdiction: 'jincheng', street: '东街道', communities: ['东街社区'] })
        await registeredFamily(ctx, { external: 'e2e-mum', name: '王芳', street: '东街道', community: '东街社区', child: { name: '小明', situations: ['disability'] } })
      })
      afterAll(async () => {
        await browser?.close()
        await chat?.stop()
        await api?.close()
      })

      it('a staff member answers in the console a question a parent sent in WeChat, and the parent receives it', async () => {
        const { parent, ticketId } = await askInWeChat('wx-parent-e2e', '孩子想在这边上初中，要准备什么材料？')
        const page = await newPage()
        await signIn(page, 'zhang.admin')
        await page.goto(`${api.base}/staff/queue`)
        const row = page.locator(`tr[data-ticket="${ticketId}"]`)
        await expect.poll(() => row.count()).toBe(1)
        expect(await row.innerText()).toContain('家长求助')
        await page.screenshot({ path: QUEUE_SCREENSHOT, fullPage: true })

        await row.getByRole('link').click()
        await expect.poll(() => page.locator('.msg.family').first().innerText()).toContain('要准备什么材料')
        await page.getByLabel('写给家长的话').fill('您好，请带户口本、居住证和孩子的学籍证明，周一上午到街道教育办报名。')
        await page.getByRole('button', { name: '发给家长' }).click()
        await expect.poll(() => page.locator('.flash').innerText()).toContain('回复已发给家长')
        expect(await page.locator('.msg.staff').last().innerText()).toContain('周一上午到街道教育办报名')
        await page.screenshot({ path: THREAD_SCREENSHOT, fullPage: true })

        const answer = await until(() => parent.inbox.find((l) => l.includes('周一上午到街道教育办报名')))
        expect(answer).toContain('户口本、居住证')
        await page.close()
      })

      it('a child director records a home visit and the case leaves the overdue list', async () => {
        h.clock().advance(31 * DAY)
        const page = await newPage()
        await signIn(page, 'east')
        await page.goto(`${api.base}/staff/key-cases?due=overdue`)
        const row = page.locator('tr[data-key-case]')
        expect(await row.count()).toBe(1)
        expect(await row.innerText()).toContain('已逾期')
        const caseId = await row.getAttribute('data-key-case')
        await row.getByRole('link').click()
        await page.getByLabel('上门探访').check()
        await page.getByLabel('情况记录').fill('入户走访：孩子在家写作业，奶奶照看，情况稳定。')
        await page.getByLabel('下一步打算（可不填）').fill('下个月电话联系学校老师')
        await page.getByRole('button', { name: '保存记录' }).click()
        await expect.poll(() => page.locator('.flash').innerText()).toContain('探访记录已保存')
        expect(await page.locator('table').first().innerText()).toContain('入户走访')
        await page.screenshot({ path: KEY_CASE_SCREENSHOT, fullPage: true })

        await page.goto(`${api.base}/staff/key-cases?due=overdue`)
        expect(await page.locator(`tr[data-key-case="${caseId}"]`).count()).toBe(0)
        await page.goto(`${api.base}/staff/key-cases`)
        expect(await page.locator(`tr[data-key-case="${caseId}"]`).innerText()).not.toContain('已逾期')
        await page.close()
      })

      it('shows markup in a parent’s message as text, and no script runs', async () => {
        const { ticketId } = await askInWeChat('wx-parent-inject', `请问 ${INJECTION} 怎么办`)
        const page = await newPage()
        await signIn(page, 'zhang.admin')
        await page.goto(`${api.base}/staff/queue/${ticketId}`)
        const text = await page.locator('.msg.family').first().innerText()
        expect(text).toContain(INJECTION)
        expect(await page.locator('.msg img').count()).toBe(0)
        expect(await page.locator('main script').count()).toBe(0)
        await page.getByLabel('写给家长的话').fill(`收到 ${INJECTION}`)
        await page.getByRole('button', { name: '发给家长' }).click()
        await expect.poll(() => page.locator('.msg.staff').last().innerText()).toContain(`收到 ${INJECTION}`)
        await sleep(300)
        expect(dialogs).toEqual([])
        await page.close()
      })
    },
  )
}
