/**
 * Fixtures for the console tests: a registered family with a key-case child (through the
 * registry's domain functions), staff accounts, and a small cookie-keeping HTTP client that
 * reads forms the way a browser would (the CSRF field of the page, form-encoded posts).
 */
import type { DomainContext } from '../../src/domain/context'
import { findOrCreateIdentity } from '../../src/domain/identity/identity.service'
import { addChild, saveProfile } from '../../src/domain/registry/registry.service'
import { createStaff, type NewStaff, type StaffView } from '../../src/domain/staff/staff.service'

export const PASSWORD = 'correct horse 1'

export function validIdNumber(body = '14050220180901123'): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * w[i]!, 0)
  return body + '10X98765432'[sum % 11]
}

export async function registeredFamily(
  ctx: DomainContext,
  o: { external: string; name: string; street: string; community: string; child?: { name: string; idNumber?: string; situations?: string[] } },
): Promise<{ identityId: number; familyId: number; childId: number | null }> {
  const identity = await findOrCreateIdentity(ctx, 'miniprogram', o.external)
  const fam = await saveProfile(
    ctx,
    identity.id,
    {
      name: o.name,
      relation: 'mother',
      phone: '13800138000',
      jurisdiction: 'jincheng',
      district: '城区',
      street: o.street,
      community: o.community,
      hukou: { province: '河南省', city: '周口市', county: '郸城县' },
      movedInOn: '2025-05-01',
      residencePermit: true,
      consent: { accepted: true, version: '2026-03' },
      language: 'zh-CN',
    } as never,
    'zh-CN',
  )
  let childId: number | null = null
  if (o.child) {
    const c = await addChild(ctx, fam.id, { name: o.child.name, sex: 'male', birthDate: '2018-09-01', schoolStage: 'primary', idNumber: o.child.idNumber, situations: o.child.situations ?? [], disabilityCertified: false } as never, 'zh-CN')
    childId = c.id
  }
  return { identityId: identity.id, familyId: fam.id, childId }
}

export const staff = (ctx: DomainContext, input: Omit<NewStaff, 'password'>): Promise<StaffView> => createStaff(ctx, { password: PASSWORD, ...input })

export interface Browserish {
  get(path: string): Promise<{ status: number; text: string; headers: Headers; url: string }>
  /** Submits the form whose action is `action` on the last page read, with `fields` added. */
  post(action: string, fields: Record<string, string>, opts?: { csrf?: string | null }): Promise<{ status: number; text: string; headers: Headers; url: string }>
  cookies: Map<string, string>
  last: string
}

/** A staff member signed in to the console with PASSWORD, as a browser does it: the sign-in page read, its form sent. */
export async function signedInConsole(base: string, username: string): Promise<Browserish> {
  const b = client(base)
  await b.get('/staff/sign-in')
  const r = await b.post('/staff/sign-in', { username, password: PASSWORD })
  if (r.status !== 200) throw new Error(`console sign-in of ${username} answered ${r.status}`)
  return b
}

/** A cookie jar and form poster against the real app (follows redirects like a browser). */
export function client(base: string): Browserish {
  const cookies = new Map<string, string>()
  const self: Browserish = {
    cookies,
    last: '',
    async get(path) {
      return request('GET', path)
    },
    async post(action, fields, opts = {}) {
      const token = opts.csrf === undefined ? (self.last.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '') : opts.csrf
      const body = new URLSearchParams({ ...(token !== null ? { _csrf: token } : {}), ...fields })
      return request('POST', action, body.toString())
    },
  }
  async function request(method: string, path: string, body?: string): Promise<{ status: number; text: string; headers: Headers; url: string }> {
    let url = new URL(path, base).toString()
    for (let hop = 0; hop < 5; hop++) {
      const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
      if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
      const res = await fetch(url, { method, headers, body, redirect: 'manual' })
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';')
        const i = pair!.indexOf('=')
        const k = pair!.slice(0, i)
        const v = pair!.slice(i + 1)
        if (!v || /expires=Thu, 01 Jan 1970/i.test(c)) cookies.delete(k)
        else cookies.set(k, v)
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        url = new URL(res.headers.get('location')!, url).toString()
        method = 'GET'
        body = undefined
        continue
      }
      const text = await res.text()
      self.last = text
      return { status: res.status, text, headers: res.headers, url }
    }
    throw new Error('too many redirects')
  }
  return self
}
