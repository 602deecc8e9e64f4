/** The baseline of the HTTP benchmark: a bare Koa hello-world, no middleware, on 127.0.0.1:$PORT. */
import Koa from 'koa'

const app = new Koa()
app.use((ctx) => {
  ctx.body = 'Hello World'
})
app.listen(Number(process.argv[2] ?? 0), '127.0.0.1')
