import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

// The plan page's verdicts in brief (/api/plans/:id/progress/summary): each without the series it
// read (inputs), which only the target page charts, and with what the plan page shows of it.

const { get, app } = useApp();

describe('plan progress in brief', () => {
  it('is the full judgement without inputs, paths or projection, with the latest figure used and their count', async () => {
    for (const url of ['/api/plans/lvliang-2014-2020/progress', '/api/plans/panjin-2019-2021/progress?asOf=2020']) {
      const full = (await get(url)).body;
      const brief = await get(url.replace('/progress', '/progress/summary'));
      expect(brief.status).toBe(200);
      expect(brief.body.rollup).toEqual(full.rollup);
      expect(brief.body.indicators).toEqual(full.indicators);
      expect(brief.body.targets).toHaveLength(full.targets.length);
      for (const [i, t] of full.targets.entries()) {
        const { inputs, ...rest } = t.result;
        const b = brief.body.targets[i];
        expect(b.result).not.toHaveProperty('inputs');
        expect(b.result).toMatchObject({ ...rest, explanation: t.result.explanation });
        const withValue = inputs.observations.filter((o: { value: number | null }) => o.value !== null);
        const last = withValue.at(-1);
        expect(b.result.judged).toEqual({
          figureCount: withValue.length,
          latest: last ? { year: last.year, value: last.value, isSample: last.isSample } : null,
        });
      }
    }
  });

  it('is smaller than the full judgement by the bytes of the series', async () => {
    const full = await app().inject({ method: 'GET', url: '/api/plans/lvliang-2014-2020/progress' });
    const brief = await app().inject({ method: 'GET', url: '/api/plans/lvliang-2014-2020/progress/summary' });
    const inputs = full
      .json()
      .targets.reduce((n: number, t: { result: { inputs: unknown } }) => n + JSON.stringify(t.result.inputs).length, 0);
    // The brief adds a few bytes per target (judged) for the series it leaves out.
    expect(brief.rawPayload.byteLength).toBeLessThan(full.rawPayload.byteLength - inputs * 0.8);
  });
});
