export interface ScaleResult {
  scale: number
  counts: { families: number; children: number; keyCases: number; needs: number; tickets: number; bookings: number; communities: number }
  generateSeconds: number
  queries: Array<{ name: string; latency: import('../support').Timing; rows: number; load: number }>
  digest?: { directors: number; sent: number; seconds: number; load: number }
  baseline?: import('../support').Timing
  explain?: Record<string, unknown[]>
}
