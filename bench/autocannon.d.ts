/** The part of autocannon's programmatic API (no types shipped) that the HTTP benchmark uses. */
declare module 'autocannon' {
  export interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    method?: string
    /** Called once for each connection: `client.setHeaders` gives that connection its own headers. */
    setupClient?: (client: Client) => void
  }
  export interface Client {
    setHeaders(headers: Record<string, string>): void
  }
  export interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
  }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }
  function autocannon(opts: Options): Promise<Result>
  export default autocannon
}
