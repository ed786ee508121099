/**
 * Rendered reports kept in memory, least recently used first out, bounded by their total size in
 * bytes (a count would let a few large PDFs take the memory of many). Keys carry the data version,
 * so an entry is never stale: once the data changes, old entries are no longer asked for; they are
 * dropped as soon as an entry of a newer version arrives, rather than waiting to age out. A render
 * that finishes after the data changed under it is not kept (nobody will ask for its version again).
 */
export function createReportCache(maxBytes: number) {
  const entries = new Map<string, { bytes: Buffer; version: number }>();
  let size = 0;
  let newest = Number.NEGATIVE_INFINITY;
  let hits = 0;
  let misses = 0;

  function drop(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    size -= entry.bytes.byteLength;
  }

  return {
    get(key: string): Buffer | undefined {
      const entry = entries.get(key);
      if (!entry) {
        misses++;
        return undefined;
      }
      hits++;
      // Map keeps insertion order: re-inserting makes this the most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry.bytes;
    },
    /** `version` is the data version the bytes were made from. */
    set(key: string, bytes: Buffer, version: number): void {
      if (version < newest) return;
      if (version > newest) {
        newest = version;
        for (const [k, e] of entries) if (e.version < version) drop(k);
      }
      drop(key);
      if (bytes.byteLength > maxBytes) return;
      while (size + bytes.byteLength > maxBytes) {
        const oldest = entries.keys().next().value as string;
        drop(oldest);
      }
      entries.set(key, { bytes, version });
      size += bytes.byteLength;
    },
    stats: () => ({ entries: entries.size, bytes: size, maxBytes, hits, misses }),
  };
}

export type ReportCache = ReturnType<typeof createReportCache>;
