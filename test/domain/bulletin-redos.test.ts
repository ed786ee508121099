import { describe, expect, it } from 'vitest';
import {
  type BulletinIndicator,
  type BulletinReading,
  BulletinTerms,
  MAX_BULLETIN_CHARS,
  readBulletin,
} from '../../server/src/domain/bulletin.js';
import { seedImportContext } from '../helpers/importContext.js';

// The bulletin reader (server/src/domain/bulletin.ts) meets pasted text: a paragraph built to make a
// scan quadratic (one clause of thousands of names, of numbers, of changes; asides never closed; a
// 分别 list without end) must be read in time that grows linearly. As in import-redos.test.ts: the
// input is made 8× longer and the processor time may grow less than 20× (a quadratic scan: 64×).

const terms = new BulletinTerms(
  seedImportContext().indicators.map(
    ({ code, nameZh, unit, aliases }): BulletinIndicator => ({ code, nameZh, unit, aliases: aliases ?? [] }),
  ),
);
const read = (text: string) => readBulletin(text, terms);

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function linear(make: (n: number) => string, expected: (result: BulletinReading) => void, n = 5_000): void {
  const small = make(n);
  const large = make(8 * n);
  expect(large.length).toBeLessThanOrEqual(MAX_BULLETIN_CHARS);
  expected(read(small));
  expected(read(large));
  const time = (input: string, times: number) => {
    const start = cpuMs();
    for (let i = 0; i < times; i++) read(input);
    return (cpuMs() - start) / times;
  };
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    smallMs = Math.min(smallMs, time(small, 8));
    largeMs = Math.min(largeMs, time(large, 1));
  }
  expect(largeMs / smallMs).toBeLessThan(20);
}

const repeatTo = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

describe('pathological paragraphs are read in linear time', () => {
  it('one clause of names and no number', () => {
    linear(
      (n) => repeatTo('专利授权量', n),
      (r) => expect(r.proposals).toEqual([]),
    );
  });

  it('one clause of numbers and no name', () => {
    linear(
      (n) => repeatTo('1件', n),
      (r) => {
        expect(r.proposals).toEqual([]);
        expect(r.skipped.every((s) => s.reason === 'no_indicator')).toBe(true);
      },
    );
    linear(
      (n) => `${repeatTo('1,000', n)}件`,
      (r) => expect(r.proposals).toEqual([]),
    );
  });

  it('one name and thousands of changes after it', () => {
    linear(
      (n) => `专利授权量422件${repeatTo('比上年增长1%', n)}`,
      (r) => {
        expect(r.proposals).toHaveLength(1);
        expect(r.proposals[0]?.value).toBe(422);
      },
    );
  });

  it('asides never closed, and 其中 clauses of names', () => {
    linear(
      (n) => repeatTo('(专利授权量1件', n),
      (r) => expect(r.proposals.length).toBeGreaterThan(0),
    );
    linear(
      (n) => `其中${repeatTo('发明专利授权量', n)}1件`,
      (r) => expect(r.proposals).toEqual([]),
    );
  });

  it('a 分别 list without end', () => {
    linear(
      (n) => `${repeatTo('专利申请量与', n / 2)}分别为${repeatTo('1件和', n / 2)}`,
      (r) => expect(r.proposals.length).toBeLessThanOrEqual(1),
    );
  });

  it('sentence after sentence of figures', () => {
    linear(
      (n) => repeatTo('年末高新技术企业达到84家，比上年增长10.3%。', n),
      (r) => expect(r.proposals.every((p) => p.indicatorCode === 'high_tech_firms' && p.value === 84)).toBe(true),
    );
  });
});
