import { Type } from 'typebox';
import { Nullable } from './common.js';

// What POST /api/plans/extract answers: the document's text as stored (the plan file's source
// document), the plan's facts read from it, and the proposed targets (domain/extract/propose.ts).
// Nothing is saved: the page sends the accepted targets to POST /api/plans as a plan file.

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });

export const ExtractionProposal = Type.Object({
  key: Type.String(),
  start: Type.Integer({ description: 'offset of the clause in `text`' }),
  end: Type.Integer(),
  clause: Type.String({ description: 'verbatim: text.slice(start, end)' }),
  indicator: Nullable(Type.String()),
  newIndicator: Nullable(
    Type.Object({
      code: Type.String(),
      nameZh: Type.String(),
      unit: Type.String(),
      kind: Type.String(),
      direction: Type.String(),
    }),
  ),
  type: Type.String(),
  comparator: Type.String(),
  value: Nullable(Type.Number()),
  valueMin: Nullable(Type.Number()),
  valueMax: Nullable(Type.Number()),
  valueUnknown: Type.Boolean(),
  valueAsPrinted: Nullable(Type.Number()),
  unitPrinted: Type.String(),
  unit: Type.String(),
  targetYear: Nullable(Type.Integer()),
  baseYear: Nullable(Type.Integer()),
  baseValue: Nullable(Type.Number()),
  benchmarkRegion: Nullable(Type.String()),
  commitment: Nullable(Type.String()),
  milestones: Type.Array(
    Type.Object({
      year: Type.Integer(),
      value: Nullable(Type.Number()),
      clause: Type.String(),
      start: Type.Integer(),
      end: Type.Integer(),
    }),
  ),
  leadUnits: Type.Array(Type.String()),
  responsibleUnits: Type.Array(Type.String()),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  reasons: Type.Array(Type.Object({ code: Type.String(), detail: Type.Optional(Type.String()) })),
  alsoAt: Type.Array(Span),
});

export const Extraction = Type.Object({
  text: Type.String({ description: 'the document as stored: send it as the plan file’s sourceText' }),
  source: Type.Object({
    fileName: Nullable(Type.String()),
    format: Type.String({ description: 'text (pasted), txt, html, docx or pdf' }),
    encoding: Nullable(Type.String()),
  }),
  facts: Type.Object({
    titleZh: Nullable(Type.String()),
    docNumber: Nullable(Type.String()),
    issuerZh: Nullable(Type.String()),
    issueDate: Nullable(Type.String()),
    periodStart: Nullable(Type.Integer()),
    periodEnd: Nullable(Type.Integer()),
    regionCode: Nullable(Type.String()),
  }),
  proposals: Type.Array(ExtractionProposal),
});

export const ExtractText = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 1_500_000, description: 'the plan’s text, pasted' }) },
  { additionalProperties: false },
);
