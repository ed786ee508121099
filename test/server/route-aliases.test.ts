import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PREPARE, type Principal, SAMPLES, type Sample, sessions, useRouteMatrix } from '../helpers/routeMatrix.js';

// Access is decided from the route the router matched, never from how the URL is spelled. Every
// route of the app is called, over a real socket (so the request target reaches the server exactly
// as written, absolute form included), through several spellings of its path, by principals that
// most routes refuse; each spelling must get exactly the answer of the plain URL.

// Sign-in is tried many times over from one address here: the limits are not under test.
const matrixApp = useRouteMatrix({ signInLimits: { perPair: 10_000, perAddress: 10_000, perAccount: 10_000 } });
const WHO: Principal[] = ['anonymous', 'viewer', 'statistician_other', 'statistician_region'];

/** The spellings of one request target: the route's fixed segments are re-spelled, its parameters kept. */
function aliases(pattern: string, target: string, origin: string): Record<string, string> {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);
  const fixed = pattern.split('/').map((segment) => !segment.includes(':') && !segment.includes('*'));
  const respell = (f: (segment: string) => string) =>
    path
      .split('/')
      .map((segment, i) => (fixed[i] ? f(segment) : segment))
      .join('/');
  const encodeLetters = (segment: string) => segment.replace(/[a-z]/gi, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const encodeFirst = (segment: string) => segment.replace(/[a-z]/i, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const mixCase = (segment: string) => [...segment].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join('');
  return {
    'one letter encoded': respell(encodeFirst) + query,
    'every letter encoded': respell(encodeLetters) + query,
    'doubled slashes': path.replace(/\//g, '//') + query,
    'absolute form': origin + path + query,
    'trailing slash': `${path}/${query}`,
    'mixed case': respell(mixCase) + query,
    'all at once': `${respell((s) => encodeFirst(mixCase(s))).replace(/\//g, '//')}/${query}`,
  };
}

interface Answer {
  status: number;
  code: string | undefined;
}

/** Sends the request target exactly as written (Node's client does not normalise `path`). */
function send(port: number, method: string, target: string, sample: Sample, who: Principal): Promise<Answer> {
  const session = sessions[who];
  const body =
    sample.payload === undefined
      ? undefined
      : Buffer.isBuffer(sample.payload)
        ? sample.payload
        : Buffer.from(JSON.stringify(sample.payload));
  const headers: Record<string, string> = {
    ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    ...(body && !Buffer.isBuffer(sample.payload) ? { 'content-type': 'application/json' } : {}),
    ...sample.headers,
  };
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let code: string | undefined;
        if (String(res.headers['content-type']).includes('json')) code = (JSON.parse(text) as { code?: string }).code;
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('route aliases', () => {
  it('spells out the aliases of a path without touching its parameters', () => {
    const spelled = aliases('/api/reports/plans/:id.pdf', '/api/reports/plans/Panjin.pdf?lang=en', 'http://h');
    expect(spelled).toEqual({
      'one letter encoded': '/%61pi/%72eports/%70lans/Panjin.pdf?lang=en',
      'every letter encoded': '/%61%70%69/%72%65%70%6f%72%74%73/%70%6c%61%6e%73/Panjin.pdf?lang=en',
      'doubled slashes': '//api//reports//plans//Panjin.pdf?lang=en',
      'absolute form': 'http://h/api/reports/plans/Panjin.pdf?lang=en',
      'trailing slash': '/api/reports/plans/Panjin.pdf/?lang=en',
      'mixed case': '/ApI/RePoRtS/PlAnS/Panjin.pdf?lang=en',
      'all at once': '//%41pI//%52ePoRtS//%50lAnS//Panjin.pdf/?lang=en',
    });
  });

  it('answers every route, however its path is spelled, exactly as the plain URL', async () => {
    const app = matrixApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    // Signing out goes last, so that it does not end the sessions the other rows use.
    const signOut = (r: { method: string; url: string }) => Number(r.method === 'DELETE' && r.url === '/api/session');
    const routes = [...app.routeTable]
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .sort((a, b) => signOut(a) - signOut(b));
    const mismatches: string[] = [];
    let compared = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const docs = route.url.startsWith('/api/docs');
      const sample = SAMPLES[key];
      if (!docs && !sample) throw new Error(`No sample request for ${key}: add one to test/helpers/routeMatrix.ts`);
      for (const who of WHO) {
        const call = async (spell: (target: string) => string) => {
          await PREPARE[key]?.(app, who);
          const request: Sample = docs ? { url: route.url.replace('*', 'index.html') } : (sample as () => Sample)();
          return send(port, route.method, spell(request.url), request, who);
        };
        const plain = await call((target) => target);
        for (const name of Object.keys(aliases(route.url, '/', origin))) {
          const aliased = await call((target) => aliases(route.url, target, origin)[name] as string);
          compared += 1;
          if (aliased.status !== plain.status || aliased.code !== plain.code) {
            mismatches.push(
              `${key} as ${who}, ${name}: ${aliased.status} ${aliased.code ?? ''} (plain: ${plain.status} ${plain.code ?? ''})`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every route, four principals, seven spellings.
    expect(compared).toBe(routes.length * WHO.length * 7);
    expect(routes.length).toBeGreaterThan(40);
  }, 240_000);
});
