import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { hashPassword } from '../../server/src/auth/password.js';
import { prepareDatabase } from '../../server/src/db/setup.js';
import { createRepositories } from '../../server/src/repositories/index.js';

// The production server as its own process (server/dist/server.js, built by `npm test` before vitest
// runs), for the fault tests: a process can be killed, signalled, or run twice on one file, which an
// in-process app cannot.

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const SERVER = path.join(repoRoot, 'server/dist/server.js');

export const FAULT_PASSWORD = 'fault test password';

/** Migrates and seeds a database file, adds synthetic regions and an administrator `admin`. */
export async function prepareFaultDatabase(dbPath: string, syntheticRegions: string[] = []): Promise<void> {
  const { db } = prepareDatabase(dbPath);
  try {
    const insertRegion = db.prepare("INSERT INTO regions VALUES (?, ?, ?, 'prefecture', '100000')");
    db.transaction(() => {
      for (const code of syntheticRegions) insertRegion.run(code, `合成${code}`, `Synthetic ${code}`);
    })();
    const repos = createRepositories(db);
    const passwordHash = await hashPassword(FAULT_PASSWORD);
    repos.users.create(
      { name: 'admin', displayName: '测试管理员', role: 'admin', regions: [], passwordHash },
      new Date().toISOString(),
    );
  } finally {
    db.close();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for the test's failure message. */
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

export async function startServerProcess(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], {
    cwd: repoRoot,
    env: { ...process.env, JINDU_DB: dbPath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited before answering:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, output: () => output, exited };
}

export async function kill(server: ServerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | string> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, name = 'admin', password = FAULT_PASSWORD): Promise<Session> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.getSetCookie().find((c) => c.startsWith('jindu_session=')) ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export function headers(session: Session, json = true): Record<string, string> {
  return {
    cookie: session.cookie,
    'x-csrf-token': session.csrf,
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

export const INDICATORS = ['high_tech_firms', 'valid_invention_patents', 'rd_expenditure', 'gdp', 'patent_applications'];

/**
 * A CSV of figures: every region × indicator × year, values shifted by `shift` so that each file
 * changes every figure the previous one wrote (a commit that writes nothing proves nothing). Values
 * grow smoothly, so no figure check warns.
 */
export function figuresCsv(regions: string[], years: number[], shift: number): { bytes: Uint8Array; rows: number } {
  const lines = ['地区代码,指标代码,年份,数值,口径,来源'];
  for (const region of regions) {
    for (const indicator of INDICATORS) {
      for (const year of years) {
        const value = 1000 + (year - 2000) * 20 + (Number(region) % 89) + shift;
        lines.push(`${region},${indicator},${year},${value},最终核实,故障测试`);
      }
    }
  }
  return { bytes: new TextEncoder().encode(lines.join('\n')), rows: lines.length - 1 };
}

export async function uploadPreview(url: string, session: Session, file: Uint8Array, name = 'figures.csv') {
  const form = new FormData();
  form.set('defaultVintage', 'final');
  form.set('file', new Blob([file], { type: 'text/csv' }), name);
  const res = await fetch(`${url}/api/imports`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  });
  const body = (await res.json()) as {
    import: { id: number; summary: { new: number; changed: number; errors: number } };
    warnedRows: number[];
  };
  if (res.status !== 201) throw new Error(`preview answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function commit(url: string, session: Session, importId: number, acknowledged: number[] = []) {
  return fetch(`${url}/api/imports/${importId}/commit`, {
    method: 'POST',
    headers: headers(session),
    body: JSON.stringify({ acknowledged }),
  });
}
