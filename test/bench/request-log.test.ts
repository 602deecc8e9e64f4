/**
 * The request line is written without pino's redaction pass (docs/performance.md: it was 9% of the
 * public checklist's CPU): still exactly one line a request, with method, route pattern, status and
 * duration only; every other log call is still redacted.
 */
import 'reflect-metadata'
import { it, expect, beforeAll, afterAll, describe } from 'vitest'
import { createTestContext, type TestContext } from '../support/context'
import { capturingLogger, startApi, type Api } from '../api/http'

describe('request log line', () => {
  let t: TestContext
  let api: Api
  const cap = capturingLogger()
  beforeAll(async () => {
    t = await createTestContext('sqlite')
    api = await startApi({ ...t.ctx, log: cap.log })
  })
  afterAll(async () => {
    await api.close()
    await t.cleanup()
  })

  it('is one line a request with the route pattern, and other lines keep their redaction', async () => {
    cap.lines.length = 0
    expect((await api.call('GET', '/api/v1/jurisdictions/jincheng/checklist?lang=en')).status).toBe(200)
    expect((await api.call('DELETE', '/api/v1/me/children/12345', { token: 'nope' })).status).toBe(401)
    const requests = cap.lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request')
    expect(requests).toHaveLength(2)
    expect(requests[0]).toMatchObject({ level: 30, method: 'GET', route: '/api/v1/jurisdictions/:id/checklist', status: 200 })
    expect(Object.keys(requests[0]).sort()).toEqual(['level', 'method', 'ms', 'msg', 'route', 'status', 'time'])
    expect(requests[1]).toMatchObject({ method: 'DELETE', route: '/api/v1/me/children/:id', status: 401 })
    expect(JSON.stringify(requests)).not.toContain('12345')

    cap.log.info({ child: { name: '小明' }, phone: '13800138000' }, 'other')
    const other = JSON.parse(cap.lines.at(-1)!)
    expect(other.child.name).toBe('[redacted]')
    expect(other.phone).toBe('[redacted]')
  })
})
