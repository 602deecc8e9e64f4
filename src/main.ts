/**
 * Composition root: settings → database (migrations applied) → HTTP API and staff console
 * → WeChat bot (when a puppet is configured) → scheduled jobs. SIGTERM/SIGINT close all cleanly.
 */
import type { Server } from 'node:http'
import { loadConfig, ConfigError } from './config/env'
import { bootstrap } from './app/bootstrap'
import { createApp } from './miniprogram-api/app'
import { startServices, type Stoppable } from './app/services'
import { createLogger } from './shared/logger'
import { startErrorMessage } from './app/start-errors'

let config: ReturnType<typeof loadConfig> | undefined

async function main(): Promise<void> {
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(1)
    }
    throw e
  }
  const log = createLogger({ level: config.LOG_LEVEL })
  const dctx = await bootstrap({ config, log })
  log.info({ db: config.db.kind }, 'database ready, migrations applied')

  const services: Stoppable[] = await startServices(dctx)
  const app = createApp(dctx, services.flatMap((s) => s.routers ?? []))
  const server: Server = app.listen(config.PORT, config.HOST)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })
  log.info({ port: config.PORT }, `HTTP API listening on http://localhost:${config.PORT} (staff console: /staff)`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down')
    await new Promise<void>((r) => server.close(() => r()))
    for (const s of [...services].reverse()) await s.stop().catch((e: Error) => log.warn({ err: e.message }, 'stop failed'))
    await dctx.db.close()
    log.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((e) => {
  // a cause the person at the terminal can fix (port taken, database refused): one plain line, what to do
  const plain = config ? startErrorMessage(e, config) : null
  if (plain) {
    process.stderr.write(`Cannot start: ${plain}\n`)
    process.exit(1)
  }
  createLogger().fatal({ err: { type: (e as Error)?.name, message: (e as Error)?.message, stack: (e as Error)?.stack } }, 'start failed')
  process.exit(1)
})
