/**
 * A small TCP proxy on 127.0.0.1 in front of the database server: the service connects to the
 * proxy's port. `stop()` makes the database "go away" (open connections are cut, new ones
 * refused); `start()` brings it back on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface TcpProxy {
  port: number
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
        s.on('error', () => undefined)
      }
      client.pipe(upstream)
      upstream.pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(port, '127.0.0.1', () => resolve())
    })
    port = (server.address() as AddressInfo).port
  }
  const stop = async () => {
    const s = server
    server = undefined
    for (const sock of sockets) sock.destroy()
    sockets.clear()
    if (s) await new Promise<void>((r) => s.close(() => r()))
  }
  await listen()
  return {
    get port() {
      return port
    },
    stop,
    start: listen,
    close: stop,
  }
}
