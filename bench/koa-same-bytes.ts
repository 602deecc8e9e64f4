/**
 * A second baseline of the HTTP benchmark: Koa sending the bytes the public checklist sends (its body
 * and headers, read from the file the benchmark wrote), with no routing, no log line, no rate limit.
 * Bare Koa's hello-world writes 11 bytes; this one writes the same compressed checklist the service
 * does, so the gap between the two is what carrying the answer costs, and the gap between this and
 * the service is what the service adds. `tsx bench/koa-same-bytes.ts <answer.json> <port>`
 */
import Koa from 'koa'
import { readFileSync } from 'node:fs'

const answer = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { headers: Record<string, string>; body: string }
const body = Buffer.from(answer.body, 'base64')
const app = new Koa()
app.use((ctx) => {
  for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value)
  ctx.body = body
})
app.listen(Number(process.argv[3] ?? 0), '127.0.0.1')
