import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/password.js';
import { type Db, openDatabase } from '../../server/src/db/connection.js';
import { createRepositories } from '../../server/src/repositories/index.js';
import { ImportRejected } from '../../server/src/services/importWrites.js';
import { MAX_UPLOAD_BYTES, readUploadForm, UPLOAD_FORM_SLACK } from '../../server/src/services/uploadForm.js';
import { tempDbPath } from '../helpers/db.js';

// An upload's form is read on the import worker (services/uploadForm.ts), the route only collecting
// the body: the reader refuses what @fastify/multipart on the route refused, with the same codes.

const BOUNDARY = '----jinduform';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const field = (name: string, value: string) =>
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const filePart = (name: string, bytes: Uint8Array | string, fieldName = 'file') =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from('\r\n'),
  ]);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);
const CSV = '地区,指标,年份,数值\n吕梁市,专利授权量,2050,1\n';

async function refusedWith(body: Uint8Array, type = TYPE) {
  const error = await readUploadForm(body, type).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  const { statusCode, code, detail } = error as ImportRejected;
  return { statusCode, code, detail };
}

describe('readUploadForm: the file and fields of a whole multipart body', () => {
  it('reads the file, its name and the fields, those after the file too', async () => {
    const form = await readUploadForm(
      Buffer.concat([field('defaultVintage', 'final'), filePart('f.csv', CSV), field('defaultSource', '  公报  '), end]),
      TYPE,
    );
    expect(Buffer.from(form.file).toString('utf8')).toBe(CSV);
    expect(form).toMatchObject({ fileName: 'f.csv', defaultVintage: 'final', defaultSource: '公报', region: null });
  });

  it('keeps the first file only, and names a file without a name "upload"', async () => {
    const form = await readUploadForm(
      Buffer.concat([field('defaultVintage', 'revised'), filePart('', 'first'), filePart('b.csv', 'second', 'other'), end]),
      TYPE,
    );
    expect(Buffer.from(form.file).toString('utf8')).toBe('first');
    expect(form.fileName).toBe('upload');
  });

  it('refuses no form, a cut form, no file, a file over the limit and a bad field, with the route’s codes', async () => {
    expect(await refusedWith(Buffer.from('{}'), 'application/json')).toMatchObject({ statusCode: 400, code: 'not_multipart' });
    expect(await refusedWith(Buffer.from('x'), 'multipart/form-data')).toMatchObject({ code: 'not_multipart' });
    const whole = Buffer.concat([field('defaultVintage', 'final'), filePart('f.csv', CSV), end]);
    expect(await refusedWith(whole.subarray(0, whole.length - 30))).toMatchObject({ statusCode: 400, code: 'upload_incomplete' });
    expect(await refusedWith(Buffer.concat([field('defaultVintage', 'final'), end]))).toEqual({
      statusCode: 400,
      code: 'file_missing',
      detail: { field: 'file' },
    });
    const big = Buffer.concat([
      field('defaultVintage', 'final'),
      filePart('f.csv', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41)),
      end,
    ]);
    expect(await refusedWith(big)).toMatchObject({ statusCode: 413, code: 'file_too_large' });
    const exact = await readUploadForm(
      Buffer.concat([field('defaultVintage', 'final'), filePart('f.csv', Buffer.alloc(MAX_UPLOAD_BYTES, 0x41)), end]),
      TYPE,
    );
    expect(exact.file.byteLength).toBe(MAX_UPLOAD_BYTES);
    expect(await refusedWith(Buffer.concat([field('defaultVintage', 'provisional'), filePart('f.csv', CSV), end]))).toMatchObject(
      {
        statusCode: 400,
        code: 'invalid_field',
        detail: { field: 'defaultVintage', reason: 'not_allowed' },
      },
    );
    const many = Buffer.concat([...Array.from({ length: 11 }, (_, i) => field(`f${i}`, 'x')), filePart('f.csv', CSV), end]);
    expect(await refusedWith(many)).toMatchObject({ code: 'upload_incomplete' });
  });
});

describe('POST /api/imports: the body as the route collects it', () => {
  const PASSWORD = 'statistician password';
  let app: App;
  let db: Db;
  let cleanup: () => void;
  let who: { cookie: string; csrf: string };

  beforeAll(async () => {
    const tmp = tempDbPath();
    cleanup = tmp.cleanup;
    app = await buildApp({ dbPath: tmp.dbPath, serveWeb: false });
    db = openDatabase(tmp.dbPath);
    const passwordHash = await hashPassword(PASSWORD);
    createRepositories(db).users.create(
      { name: 'lv', displayName: '吕梁统计员', role: 'statistician', regions: ['141100'], passwordHash },
      new Date().toISOString(),
    );
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { name: 'lv', password: PASSWORD } });
    who = { cookie: `jindu_session=${res.cookies.find((c) => c.name === 'jindu_session')?.value}`, csrf: res.json().csrfToken };
  });
  afterAll(async () => {
    db.close();
    await app.close();
    cleanup();
  });
  const post = (payload: Buffer) =>
    app.inject({
      method: 'POST',
      url: '/api/imports',
      payload,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': TYPE },
    });

  it('previews a file whose fields follow it', async () => {
    const res = await post(Buffer.concat([filePart('f.csv', CSV), field('defaultVintage', 'final'), end]));
    expect(res.statusCode).toBe(201);
    expect(res.json().import).toMatchObject({ fileName: 'f.csv', defaultVintage: 'final' });
  });

  it('a body over the file’s limit and the fields’ room is 413 file_too_large before it reaches the worker', async () => {
    const res = await post(Buffer.alloc(MAX_UPLOAD_BYTES + UPLOAD_FORM_SLACK + 1, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file_too_large', messages: { en: expect.stringContaining('10 MB limit') } });
  });
});
