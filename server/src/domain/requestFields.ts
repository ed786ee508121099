import type { Message } from './import/types.js';

// A request field the schema refused, said in both languages: what an upload's form fields or the
// entry grid's figures got wrong, as a stable reason with its parameters (the web translates those
// with the form's own labels) and as a message in zh and en for any other client. Pure: the route
// hands over the validator's first error (Ajv's or TypeBox's, which name things a little differently).

export type FieldReason =
  | 'missing'
  | 'not_allowed'
  | 'too_long'
  | 'too_short'
  | 'bad_format'
  | 'too_small'
  | 'too_large'
  | 'too_few'
  | 'too_many'
  | 'unknown_field'
  | 'wrong_type';

export interface FieldProblem {
  /** The field as a dotted path: defaultVintage, figures.3.value. */
  field: string;
  reason: FieldReason;
  /** The bound a length, a number or a list broke. */
  limit?: number;
  /** The values a field may take (the vintages). */
  allowed?: string[];
  /** For a figure of the entry grid: its place in the list, from 1. */
  item?: number;
}

/** What a validator reports about one failed rule (Ajv's ErrorObject and TypeBox's ValueError both fit). */
export interface ValidatorError {
  instancePath: string;
  keyword: string;
  params?: Record<string, unknown> | undefined;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : (v as string | undefined));

/**
 * The first error that says something: a failed `const` of a union is one of several (each
 * alternative fails), so the allowed values of all of them are gathered.
 */
export function fieldProblem(errors: readonly ValidatorError[]): FieldProblem {
  const e = errors.find((x) => x.keyword !== 'boolean' && x.keyword !== 'anyOf') ?? errors[0];
  const path = (e?.instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean);
  const params = e?.params ?? {};
  const at = (name?: string) => [...path, ...(name ? [name] : [])].join('.') || 'body';
  const problem = (field: string, reason: FieldReason, extra: Partial<FieldProblem> = {}): FieldProblem => {
    const parts = field.split('.');
    const item = parts[0] === 'figures' && parts[1] !== undefined && /^\d+$/.test(parts[1]) ? Number(parts[1]) + 1 : undefined;
    return { field, reason, ...(item === undefined ? {} : { item }), ...extra };
  };
  const limit = typeof params.limit === 'number' ? params.limit : undefined;
  switch (e?.keyword) {
    case 'required':
      return problem(at(first(params.missingProperty ?? params.requiredProperties)), 'missing');
    case 'additionalProperties':
      return problem(at(first(params.additionalProperty ?? params.additionalProperties)), 'unknown_field');
    case 'const':
    case 'enum': {
      const allowed = errors
        .filter((x) => x.instancePath === e.instancePath && (x.keyword === 'const' || x.keyword === 'enum'))
        .flatMap((x) => {
          const v = x.params?.allowedValue ?? x.params?.allowedValues;
          return Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
        });
      return problem(at(), 'not_allowed', allowed.length > 0 ? { allowed } : {});
    }
    case 'maxLength':
      return problem(at(), 'too_long', limit === undefined ? {} : { limit });
    case 'minLength':
      return problem(at(), 'too_short', limit === undefined ? {} : { limit });
    case 'pattern':
    case 'format':
      return problem(at(), 'bad_format');
    case 'minimum':
    case 'exclusiveMinimum':
      return problem(at(), 'too_small', limit === undefined ? {} : { limit });
    case 'maximum':
    case 'exclusiveMaximum':
      return problem(at(), 'too_large', limit === undefined ? {} : { limit });
    case 'minItems':
      return problem(at(), 'too_few', limit === undefined ? {} : { limit });
    case 'maxItems':
      return problem(at(), 'too_many', limit === undefined ? {} : { limit });
    default:
      return problem(at(), 'wrong_type');
  }
}

/** The fields' names as the upload form and the entry grid label them. */
const LABELS: Record<string, Message> = {
  file: { zh: '文件', en: 'File' },
  defaultVintage: { zh: '默认口径', en: 'Default vintage' },
  defaultSource: { zh: '默认来源', en: 'Default source' },
  region: { zh: '地区', en: 'Region' },
  figures: { zh: '录入的数据', en: 'Figures' },
  indicator: { zh: '指标', en: 'Indicator' },
  year: { zh: '年份', en: 'Year' },
  value: { zh: '数值', en: 'Value' },
  vintage: { zh: '口径', en: 'Vintage' },
  source: { zh: '来源', en: 'Source' },
  note: { zh: '备注', en: 'Note' },
  id: { zh: '编号', en: 'Number' },
  sourceTitle: { zh: '来源', en: 'Source' },
  sourceUrl: { zh: '来源链接', en: 'Source link' },
  quote: { zh: '原文摘录', en: 'Quote' },
  name: { zh: '用户名', en: 'User name' },
  displayName: { zh: '显示名称', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  regions: { zh: '负责地区', en: 'Regions' },
  password: { zh: '密码', en: 'Password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  body: { zh: '内容', en: 'Text' },
  reason: { zh: '修改理由', en: 'Reason' },
  asOf: { zh: '评估年份', en: 'As-of year' },
  lang: { zh: '语言', en: 'Language' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  user: { zh: '用户', en: 'User' },
  revisionId: { zh: '版本', en: 'Revision' },
  code: { zh: '代码', en: 'Code' },
  status: { zh: '筛选', en: 'Filter' },
  offset: { zh: '起始行', en: 'Offset' },
  limit: { zh: '行数', en: 'Limit' },
};

const VINTAGE_NAMES: Record<string, Message> = {
  preliminary: { zh: '初步核算', en: 'preliminary' },
  final: { zh: '最终核实', en: 'final' },
  revised: { zh: '修订', en: 'revised' },
};

/** A field's label: its last part (figures.3.value → 数值), or the name as sent when it is none of ours. */
export function fieldLabel(field: string): Message {
  const last = field.split('.').pop() ?? field;
  return LABELS[last] ?? { zh: field, en: field };
}

/** The problem in both languages: "第4项数据：“数值”超过 100 个字符" / "Figure 4: “Value” is longer than 100 characters". */
export function fieldMessage(p: FieldProblem): Message {
  const label = fieldLabel(p.field);
  const zhName = `“${label.zh}”`;
  const enName = `“${label.en}”`;
  const n = p.limit;
  let m: Message;
  switch (p.reason) {
    case 'missing':
      m = { zh: `缺少${zhName}；请填写`, en: `${enName} is missing; fill it in` };
      break;
    case 'not_allowed': {
      const allowed = p.allowed ?? [];
      const names = allowed.map((v) => VINTAGE_NAMES[v] ?? { zh: v, en: v });
      m =
        allowed.length > 0
          ? {
              zh: `${zhName}只能是：${names.map((x) => x.zh).join('、')}`,
              en: `${enName} must be one of: ${names.map((x) => x.en).join(', ')}`,
            }
          : { zh: `${zhName}的值不在可选范围内`, en: `${enName} is not one of the values allowed` };
      break;
    }
    case 'too_long':
      m = { zh: `${zhName}超过 ${n} 个字符；请缩短`, en: `${enName} is longer than ${n} characters; shorten it` };
      break;
    case 'too_short':
      m = { zh: `${zhName}为空；请填写`, en: `${enName} is empty; fill it in` };
      break;
    case 'bad_format':
      m =
        p.field === 'region'
          ? {
              zh: `${zhName}应为6位行政区划代码，如 141100`,
              en: `${enName} must be a six-digit GB/T 2260 region code, such as 141100`,
            }
          : { zh: `${zhName}的格式不对`, en: `${enName} is not in the expected form` };
      break;
    case 'too_small':
      m = { zh: `${zhName}不能小于 ${n}`, en: `${enName} must be at least ${n}` };
      break;
    case 'too_large':
      m = { zh: `${zhName}不能大于 ${n}`, en: `${enName} must be at most ${n}` };
      break;
    case 'too_few':
      m = { zh: '请至少填写一项数据', en: 'Give at least one figure' };
      break;
    case 'too_many':
      m = { zh: `一次最多提交 ${n} 项数据；请分几次提交`, en: `At most ${n} figures at a time; send them in several parts` };
      break;
    case 'unknown_field':
      m = { zh: `不认识的字段${zhName}；请去掉`, en: `Unknown field ${enName}; leave it out` };
      break;
    case 'wrong_type':
      m = { zh: `${zhName}的类型不对`, en: `${enName} has the wrong type` };
      break;
  }
  return p.item === undefined ? m : { zh: `第${p.item}项数据：${m.zh}`, en: `Figure ${p.item}: ${m.en}` };
}
