import type { ApiErrorBody } from './types';

/** A non-2xx answer from the API (or no answer at all: status 0), with the server's message. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly field: string | undefined;
  /** A stable code the UI translates (e.g. 'wrong_credentials', 'region_not_assigned'). */
  readonly code: string | undefined;
  /** Both languages, where the server sends them (upload checks). */
  readonly messages: { zh: string; en: string } | undefined;
  /** The answer's whole body, for refusals that say more (a plan file's list of problems). */
  readonly body: unknown;

  constructor(
    status: number,
    message: string,
    field?: string,
    code?: string,
    messages?: { zh: string; en: string },
    body?: unknown,
  ) {
    super(message);
    this.status = status;
    this.field = field;
    this.code = code;
    this.messages = messages;
    this.body = body;
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string';
}

// The CSRF token of the signed-in session: sent with every write. Set by the session query.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function request<T>(
  method: string,
  path: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...headers,
        ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body,
      signal: signal ?? null,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw refusal(response, data);
  return data as T;
}

/** The ApiError of a non-2xx answer, from its JSON body when it has one. */
function refusal(response: Response, data: unknown): ApiError {
  if (isErrorBody(data)) return new ApiError(response.status, data.message, data.field, data.code, data.messages, data);
  return new ApiError(response.status, `${response.status} ${response.statusText}`.trim());
}

// The file name of `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): the encoded form.
const ENCODED_FILE_NAME = /filename\*=UTF-8''([^;\s]+)/i;

/**
 * A file from the API (a report), read whole, or the server's refusal as an ApiError: a plain link
 * would show a refusal (429 while the reader's reports are being made) as raw JSON, or a failed download.
 */
export async function apiDownload(path: string): Promise<{ blob: Blob; fileName: string | null }> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw refusal(response, await response.json().catch(() => null));
  const encoded = ENCODED_FILE_NAME.exec(response.headers.get('content-disposition') ?? '')?.[1];
  let fileName: string | null = null;
  try {
    fileName = encoded ? decodeURIComponent(encoded) : null;
  } catch {
    // A malformed escape: the browser names the file from the URL instead.
  }
  return { blob: await response.blob(), fileName };
}

/** The one way the web app reads from the API: JSON in, JSON out, every failure an ApiError. */
export function apiGet<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  return request<T>('GET', path, undefined, {}, init.signal);
}

/**
 * Every page of a paged list (`limit`/`offset`; a page shorter than the limit is the last), for the
 * pages that need a whole list. The first page, and lists that can be long, ask for one page instead.
 */
export async function apiGetAllPages<T>(path: string, pageSize: number, init: { signal?: AbortSignal } = {}): Promise<T[]> {
  const all: T[] = [];
  const joiner = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += pageSize) {
    const page = await apiGet<T[]>(`${path}${joiner}limit=${pageSize}&offset=${offset}`, init);
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}

/** Writes: JSON bodies (or a FormData upload), with the session's CSRF token. */
export function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  if (body instanceof FormData) return request<T>(method, path, body, {});
  return request<T>(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'Content-Type': 'application/json' },
  );
}
