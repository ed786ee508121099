import { describe, expect, it } from 'vitest';
import {
  type Extraction,
  editNewIndicator,
  editRow,
  factsOf,
  highlightSegments,
  type Proposal,
  planFileOf,
  problemPlace,
  rowsOf,
  sourceFileOf,
  textFingerprint,
} from '../../web/src/features/planExtract/draft.js';

// The new-plan page's state: proposals as rows, accepted rows as a plan file, refusals traced back.

const proposal = (over: Partial<Proposal>): Proposal => ({
  key: 'high-tech-firms-2021',
  start: 10,
  end: 24,
  clause: '高新技术企业达到140家以上',
  indicator: 'high_tech_firms',
  newIndicator: null,
  type: 'level',
  comparator: 'at_least',
  value: 140,
  valueMin: null,
  valueMax: null,
  valueUnknown: false,
  valueAsPrinted: null,
  unitPrinted: '家',
  unit: '家',
  targetYear: 2021,
  baseYear: null,
  baseValue: null,
  benchmarkRegion: null,
  commitment: null,
  milestones: [],
  leadUnits: ['市科技局'],
  responsibleUnits: [],
  confidence: 0.9,
  reasons: [],
  alsoAt: [],
  ...over,
});

const extraction: Extraction = {
  text: `${'某'.repeat(10)}高新技术企业达到140家以上,专利200件`,
  source: { fileName: null, format: 'text', encoding: null },
  facts: {
    titleZh: '关于推进科技创新的实施意见',
    docNumber: '盘政办发〔2019〕29号',
    issuerZh: '盘锦市人民政府办公室',
    issueDate: null,
    periodStart: 2019,
    periodEnd: 2021,
    regionCode: '211100',
  },
  proposals: [
    proposal({}),
    proposal({ key: 'patents-2021', start: 25, end: 31, clause: '专利200件', indicator: 'patent_grants', value: 200 }),
  ],
};

describe('the new-plan draft', () => {
  it('prefills the facts from the text', () => {
    expect(factsOf(extraction, new Date('2026-12-06'))).toMatchObject({
      slug: 'plan-211100-2019-2021',
      kind: 'implementation_opinion',
      status: 'expired',
      docNumber: '盘政办发〔2019〕29号',
      periodStart: '2019',
      regionCode: '211100',
      sourceFile: `plan-${textFingerprint(extraction.text)}.txt`,
    });
  });

  it('names pasted text by a fingerprint of the text: another text another name, the same text the same name on any day', () => {
    // FNV-1a's published 32-bit test vectors: the fingerprint is the same in every browser and session.
    expect(textFingerprint('')).toBe('811c9dc5');
    expect(textFingerprint('a')).toBe('e40c292c');
    expect(textFingerprint('foobar')).toBe('bf9cf968');
    const first = factsOf(extraction, new Date('2026-12-06')).sourceFile;
    expect(first).toMatch(/^plan-[0-9a-f]{8}\.txt$/);
    // The same text pasted on another day: the same name, so the stored document is reused (not 409).
    expect(factsOf(extraction, new Date('2027-03-01')).sourceFile).toBe(first);
    // A second plan pasted the same day: another name, so the server stores it beside the first.
    const second = { ...extraction, text: `${extraction.text}。到2021年,院士专家工作站达到8个以上` };
    expect(factsOf(second, new Date('2026-12-06')).sourceFile).not.toBe(first);
    // One character apart (simplified against traditional) is another document too.
    expect(sourceFileOf({ ...extraction, text: extraction.text.replace('专利', '專利') })).not.toBe(first);
    // Every default is a name POST /api/plans takes (schemas/planFile.ts).
    for (const name of [first, factsOf(second).sourceFile]) expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/);
  });

  it("keeps an uploaded file's Latin name, and fingerprints a name of Chinese characters only", () => {
    const uploaded = (fileName: string) => sourceFileOf({ ...extraction, source: { ...extraction.source, fileName } });
    expect(uploaded('panjin-future-2026.docx')).toBe('panjin-future-2026.docx');
    expect(uploaded('盘锦方案2026.pdf')).toBe('2026.pdf');
    // 方案.docx would shrink to "docx", the same for every such file: the text names it instead.
    expect(uploaded('盘锦市未来产业行动方案.docx')).toBe(`plan-${textFingerprint(extraction.text)}.txt`);
  });

  it('saves only the accepted rows, edited values as numbers, units in the note', () => {
    let [a, b] = rowsOf(extraction.proposals);
    if (!a || !b) throw new Error('rows');
    a = { ...a, decision: 'accepted' };
    b = editRow(b, 'value', '250');
    const body = planFileOf(factsOf(extraction), [a, { ...b, decision: 'rejected' }], extraction.text);
    expect(body.targets).toEqual([
      expect.objectContaining({
        key: 'high-tech-firms-2021',
        value: 140,
        clause: '高新技术企业达到140家以上',
        noteZh: '牵头单位：市科技局',
      }),
    ]);
    expect(body.sourceText).toBe(extraction.text);
    expect(editRow(b, 'value', '250')).toMatchObject({ value: '250', edited: true, decision: 'accepted' });
  });

  it('traces a problem to its row', () => {
    const rows = rowsOf(extraction.proposals).map((r, i) => ({
      ...r,
      decision: i === 1 ? ('accepted' as const) : ('rejected' as const),
    }));
    const place = problemPlace('targets[0].value', rows);
    expect(place).toMatchObject({ kind: 'target', field: 'value', row: { id: 'patents-2021' } });
    expect(problemPlace('slug', rows)).toEqual({ kind: 'plan', field: 'slug' });
  });

  it('cuts the text into marked and plain pieces', () => {
    const rows = rowsOf(extraction.proposals);
    const segments = highlightSegments(extraction.text, rows);
    expect(segments.map((s) => [extraction.text.slice(s.start, s.end), s.rows])).toEqual([
      ['某'.repeat(10), []],
      ['高新技术企业达到140家以上', ['high-tech-firms-2021']],
      [',', []],
      ['专利200件', ['patents-2021']],
    ]);
  });

  it("a new indicator: its definition edited, sent once as the file's indicators, its problems traced to the row", () => {
    const fresh = proposal({
      key: 'new-abc-2030',
      indicator: null,
      newIndicator: { code: 'new_abc', nameZh: '智能网联汽车测试里程', unit: '万公里', kind: 'stock', direction: 'up' },
      leadUnits: ['市科技局'],
      responsibleUnits: ['市未来产业办', '經濟區管委會'],
    });
    const [row] = rowsOf([fresh]);
    expect(row?.newIndicator).toEqual({
      code: 'new_abc',
      nameZh: '智能网联汽车测试里程',
      nameEn: '',
      unit: '万公里',
      unitEn: '万公里',
      kind: 'stock',
      direction: 'up',
    });
    const edited = editNewIndicator(
      editNewIndicator(row as NonNullable<typeof row>, 'nameEn', 'Test distance'),
      'unitEn',
      '10,000 km',
    );
    expect(edited.decision).toBe('accepted');
    const file = planFileOf(
      factsOf(extraction),
      [edited],
      extraction.text,
      new Map([
        ['市科技局', true],
        ['市未来产业办', false],
        ['經濟區管委會', true],
      ]),
    ) as { indicators: unknown[]; targets: Record<string, unknown>[] };
    expect(file.indicators).toEqual([
      {
        code: 'new_abc',
        nameZh: '智能网联汽车测试里程',
        nameEn: 'Test distance',
        unit: '万公里',
        unitEn: '10,000 km',
        kind: 'stock',
        direction: 'up',
      },
    ]);
    expect(file.targets[0]).toMatchObject({
      indicator: 'new_abc',
      units: [
        { role: 'lead', unit: '市科技局' },
        { role: 'responsible', unit: '經濟區管委會' },
      ],
      noteZh: '责任单位：市未来产业办',
    });
    // a catalogue indicator chosen instead: no definition sent
    const chosen = planFileOf(factsOf(extraction), [editRow(edited, 'indicator', 'high_tech_firms')], extraction.text);
    expect(chosen.indicators).toBeUndefined();
    expect(problemPlace('indicators[0].kind', [edited])).toEqual({ kind: 'target', row: edited, field: 'newIndicator.kind' });
  });
});
