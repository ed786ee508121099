import fs from 'node:fs';
import Fastify from 'fastify';

// The baselines of `npm run bench`, in a process of their own as the server is: a bare Fastify app
// that answers a constant JSON object (the ceiling of this machine for a JSON route) and, at
// /same/N, the bytes the real server answered for the Nth recorded request, with its headers
// (content type, encoding, ETag, security headers): what a perfect cache of that response costs.

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const recorded = process.env.BARE_RESPONSES
  ? (JSON.parse(fs.readFileSync(process.env.BARE_RESPONSES, 'utf8')) as Recorded[])
  : [];
const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok' }));
app.get('/const', async () => ({ hello: 'world' }));
recorded.forEach((r, i) => {
  const body = Buffer.from(r.body, 'base64');
  app.get(`/same/${i}`, (_request, reply) => {
    reply.code(r.status).headers(r.headers).send(body);
  });
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
