// The upload template for a plan and region: the wide layout the importer reads back (one row per
// indicator, one column per year), with headers in Chinese or English, and a sheet explaining them.

export interface TemplateIndicator {
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  unitEn: string;
}

export interface TemplateInput {
  region: { code: string; nameZh: string; nameEn: string };
  indicators: TemplateIndicator[];
  years: number[];
  lang: 'zh' | 'en';
}

export interface TemplateTable {
  header: string[];
  rows: (string | number | null)[][];
  explanation: string[][];
}

const HEADERS = {
  zh: {
    regionCode: '地区代码',
    region: '地区',
    indicatorCode: '指标代码',
    indicator: '指标',
    unit: '单位',
    vintage: '口径',
    source: '来源',
    note: '备注',
  },
  en: {
    regionCode: 'region code',
    region: 'region',
    indicatorCode: 'indicator code',
    indicator: 'indicator',
    unit: 'unit',
    vintage: 'vintage',
    source: 'source',
    note: 'note',
  },
};

const EXPLANATION = {
  zh: [
    ['列', '说明'],
    ['地区代码 / 地区', 'GB/T 2260 行政区划代码或地区名称，填一个即可'],
    ['指标代码 / 指标', '指标代码或标准名称，填一个即可'],
    ['单位', '数值的单位；可填 元、万元、亿元，系统按指标单位换算并在预览中显示换算'],
    ['年份列', '每年一个数值。空白表示不填；“—”“…”“x”表示未公布，按未公布保存，不会当作0'],
    ['口径', '初步核算 / 最终核实 / 修订；空白时用上传时选择的默认口径'],
    ['来源', '数据出处，如“2021年吕梁市统计公报”；空白时用上传时填写的默认来源'],
    ['备注', '任意说明'],
    ['提示', '上传后先预览：每行显示新增、修改（旧值→新值）或未变，以及错误和警告；确认提交后才写入'],
  ],
  en: [
    ['column', 'meaning'],
    ['region code / region', 'GB/T 2260 code or the region name; either will do'],
    ['indicator code / indicator', 'the indicator code or its standard name; either will do'],
    [
      'unit',
      'the unit of the figures; yuan, 10,000 yuan (万元) and 100 million yuan (亿元) are converted to the indicator’s unit and the conversion is shown in the preview',
    ],
    [
      'year columns',
      'one figure a year. Empty means no figure; “—”, “…” or “x” mean not published and are stored as such, never as zero',
    ],
    ['vintage', 'preliminary / final / revised; empty: the default chosen when uploading'],
    [
      'source',
      'where the figure was published, e.g. “2021 Lüliang statistical bulletin”; empty: the default source given when uploading',
    ],
    ['note', 'any remark'],
    [
      'tip',
      'An upload is previewed first: each row shows new, changed (old → new) or unchanged, with errors and warnings; nothing is written until you commit',
    ],
  ],
};

export function buildTemplate(input: TemplateInput): TemplateTable {
  const h = HEADERS[input.lang];
  const en = input.lang === 'en';
  return {
    header: [
      h.regionCode,
      h.region,
      h.indicatorCode,
      h.indicator,
      h.unit,
      ...input.years.map(String),
      h.vintage,
      h.source,
      h.note,
    ],
    rows: input.indicators.map((i) => [
      input.region.code,
      en ? input.region.nameEn : input.region.nameZh,
      i.code,
      en ? i.nameEn : i.nameZh,
      // The unit column holds the indicator's own unit in both languages: it is what the importer reads.
      i.unit,
      ...input.years.map(() => null),
      null,
      null,
      null,
    ]),
    explanation: EXPLANATION[input.lang],
  };
}
