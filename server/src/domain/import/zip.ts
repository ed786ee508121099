import { inflateRawSync } from 'node:zlib';

// A small reader of a ZIP's central directory, so an XLSX is measured before any library inflates
// it: the sizes every part declares, and each part inflated with a cap on its output. Nothing here
// trusts a size it reads: every offset is checked against the buffer.

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipError extends Error {
  override name = 'ZipError';
}

/** More parts than MAX_ENTRIES: refused as an attack, not as damage. */
export class ZipTooManyEntries extends ZipError {
  override name = 'ZipTooManyEntries';
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More parts than any workbook has: a directory this long is an attack on the reader itself. */
export const MAX_ENTRIES = 10_000;

function u16(b: Uint8Array, at: number): number {
  if (at < 0 || at + 2 > b.length) throw new ZipError('truncated');
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}

function u32(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) throw new ZipError('truncated');
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

function u64(b: Uint8Array, at: number): number {
  const low = u32(b, at);
  const high = u32(b, at + 4);
  // Above 2^53 no real size fits; Infinity makes every limit refuse it.
  return high >= 0x200000 ? Number.POSITIVE_INFINITY : high * 0x100000000 + low;
}

/** The End of Central Directory record: searched backwards over the longest possible comment. */
function findEocd(b: Uint8Array): number {
  const last = b.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === 0x05 && b[at + 3] === 0x06 && u32(b, at) === EOCD) {
      if (at + 22 + u16(b, at + 20) <= b.length) return at;
    }
  }
  throw new ZipError('no end of central directory');
}

/** The entries of the central directory, with ZIP64 sizes where the 32-bit fields are full. */
export function readZipDirectory(b: Uint8Array): ZipEntry[] {
  const eocd = findEocd(b);
  if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0) throw new ZipError('multi-disk archive');
  let count = u16(b, eocd + 10);
  let size = u32(b, eocd + 12);
  let offset = u32(b, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(b, locator) !== EOCD64_LOCATOR) throw new ZipError('zip64 locator missing');
    const at = u64(b, locator + 8);
    if (!Number.isSafeInteger(at) || u32(b, at) !== EOCD64) throw new ZipError('zip64 record missing');
    count = u64(b, at + 32);
    size = u64(b, at + 40);
    offset = u64(b, at + 48);
  }
  if (count > MAX_ENTRIES) throw new ZipTooManyEntries(`too many entries (${count})`);
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(size) || offset + size > b.length)
    throw new ZipError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (u32(b, at) !== CENTRAL) throw new ZipError('bad central directory entry');
    const flags = u16(b, at + 8);
    const method = u16(b, at + 10);
    let compressedSize = u32(b, at + 20);
    let uncompressedSize = u32(b, at + 24);
    const nameLength = u16(b, at + 28);
    const extraLength = u16(b, at + 30);
    const commentLength = u16(b, at + 32);
    let localHeaderOffset = u32(b, at + 42);
    const nameStart = at + 46;
    if (nameStart + nameLength + extraLength + commentLength > b.length) throw new ZipError('truncated');
    const name = decoder.decode(b.subarray(nameStart, nameStart + nameLength));
    // ZIP64 extended information: only the fields whose 32-bit value is 0xFFFFFFFF, in this order.
    let extra = nameStart + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(b, extra);
      const length = u16(b, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = u64(b, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, field);
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(b, field);
      }
      extra += 4 + length;
    }
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localHeaderOffset });
    at = extraEnd + commentLength;
  }
  return entries;
}

export class ZipSizeError extends Error {
  override name = 'ZipSizeError';
}

/**
 * The uncompressed bytes of one entry, never more than it declares: a part that inflates past its
 * declared size throws ZipSizeError (a lying directory is how a bomb hides from the size check).
 */
export function readZipEntry(b: Uint8Array, entry: ZipEntry): Uint8Array {
  if (entry.flags & 0x1) throw new ZipError(`encrypted part ${entry.name}`);
  const at = entry.localHeaderOffset;
  if (!Number.isSafeInteger(at) || u32(b, at) !== LOCAL) throw new ZipError(`bad local header for ${entry.name}`);
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  const end = start + entry.compressedSize;
  if (!Number.isSafeInteger(end) || end > b.length) throw new ZipError(`part ${entry.name} out of bounds`);
  const data = b.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipError(`stored part ${entry.name} has two sizes`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`part ${entry.name} uses compression method ${entry.method}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new ZipSizeError(`part ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`);
    }
    throw new ZipError(`part ${entry.name} does not inflate: ${(e as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize)
    throw new ZipError(`part ${entry.name} inflates to ${out.length} bytes, not ${entry.uncompressedSize}`);
  return out;
}
