/**
 * The real bot as its own OS process: `tsx src/cli/chat.ts --user <name>` (Wechaty on PuppetMock,
 * the parent's lines on stdin, the bot's replies on stdout) on a database of the test's choosing.
 * `send` writes one line and waits for the answer; `kill` sends SIGKILL to the whole process group.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')

export interface ChatProcess {
  child: ChildProcess
  /** Everything the bot printed so far. */
  output(): string
  /** Sends a line and resolves with what the bot printed in answer (waits until it stops printing). */
  send(line: string, timeoutMs?: number): Promise<string>
  kill(): Promise<void>
  /** Closes stdin and waits for a clean exit. */
  end(): Promise<number | null>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function startChat(user: string, env: Record<string, string>): ChatProcess {
  const child = spawn(TSX, ['src/cli/chat.ts', '--user', user], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  let lastChange = Date.now()
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8')
    lastChange = Date.now()
  })
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString('utf8')
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    child,
    output: () => out,
    async send(line, timeoutMs = 60_000) {
      const before = out.length
      child.stdin!.write(`${line}\n`)
      const deadline = Date.now() + timeoutMs
      while (out.length === before || Date.now() - lastChange < 200) {
        if (Date.now() > deadline) throw new Error(`no answer to "${line}" within ${timeoutMs} ms; stderr: ${err.slice(-500)}`)
        if (child.exitCode !== null) throw new Error(`chat exited (${child.exitCode}); stderr: ${err.slice(-500)}`)
        await sleep(50)
      }
      return out.slice(before)
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
      await exited
    },
    async end() {
      child.stdin!.end()
      return Promise.race([exited, sleep(20_000).then(() => -1)])
    },
  }
}
