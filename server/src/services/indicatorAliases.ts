import type { IndicatorAlias } from '../api/types.js';
import { aliasProblem } from '../domain/import/lookup.js';
import { clean } from '../domain/import/normalize.js';
import type { Principal } from '../domain/permissions.js';
import { Refusal } from '../domain/refusal.js';
import type { Repositories } from '../repositories/index.js';
import { importIndicators } from './imports.js';

// The catalogue's other names of each indicator (indicator_aliases), which an upload matches after
// the indicators' own names. An administrator adds and removes them; each change is one transaction
// with its audit entry, and is checked against every name and alias the upload parser knows, so that
// no name comes to mean two indicators.

/** A refusal in both languages, with a stable code and what it found (the route answers it as JSON). */
export class AliasRefused extends Refusal {
  override name = 'AliasRefused';
}

export function createIndicatorAliasService(repos: Repositories) {
  function indicatorOf(code: string) {
    const indicator = repos.reference.indicator(code);
    if (!indicator) {
      throw new AliasRefused(404, 'indicator_not_found', { zh: `找不到指标 ${code}`, en: `No indicator ${code}` });
    }
    return indicator;
  }

  return {
    list: (): IndicatorAlias[] => repos.reference.listAliases(),

    of(code: string): IndicatorAlias[] {
      indicatorOf(code);
      return repos.reference.aliasesOf(code);
    },

    add(code: string, written: string, user: Principal, address: string | null): IndicatorAlias {
      const indicator = indicatorOf(code);
      const alias = clean(written);
      const at = new Date().toISOString();
      const id = repos.transaction(() => {
        // Checked inside the write: another administrator's alias added a moment ago counts.
        const problem = aliasProblem(importIndicators(repos), code, alias);
        if (problem?.reason === 'empty') {
          throw new AliasRefused(
            400,
            'alias_empty',
            { zh: '别名为空；请填写别名', en: 'The alias is empty; write the name' },
            {
              field: 'alias',
            },
          );
        }
        if (problem?.reason === 'too_long') {
          throw new AliasRefused(
            400,
            'alias_too_long',
            {
              zh: `别名超过 ${problem.max} 个字符；请缩短`,
              en: `The alias is longer than ${problem.max} characters; shorten it`,
            },
            { field: 'alias', max: problem.max },
          );
        }
        if (problem?.reason === 'duplicate') {
          throw new AliasRefused(409, 'alias_duplicate', {
            zh: `“${alias}”已经是指标“${indicator.nameZh}”的名称或别名`,
            en: `“${alias}” is already a name or alias of “${indicator.nameEn}”`,
          });
        }
        if (problem?.reason === 'taken') {
          throw new AliasRefused(
            409,
            'alias_taken',
            {
              zh: `“${alias}”已经是另一个指标“${problem.by.nameZh}”（${problem.by.code}）的名称或别名，同一个名称不能指两个指标`,
              en: `“${alias}” is already a name or alias of another indicator, “${problem.by.nameEn}” (${problem.by.code}); one name cannot mean two indicators`,
            },
            { takenBy: problem.by.code },
          );
        }
        const added = repos.reference.insertAlias({ indicatorCode: code, alias, createdBy: user.name }, at);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'indicator.alias_create',
            entity: 'indicator',
            entityId: code,
            before: null,
            after: { alias },
            origin: 'form',
            address,
            indicatorCode: code,
          },
          at,
        );
        return added;
      }, 'immediate');
      return repos.reference.alias(id) as IndicatorAlias;
    },

    remove(code: string, id: number, user: Principal, address: string | null): void {
      indicatorOf(code);
      const at = new Date().toISOString();
      repos.transaction(() => {
        const found = repos.reference.alias(id);
        if (!found || found.indicatorCode !== code || !repos.reference.deleteAlias(id)) {
          throw new AliasRefused(404, 'alias_not_found', {
            zh: `指标 ${code} 没有编号为 ${id} 的别名`,
            en: `The indicator ${code} has no alias ${id}`,
          });
        }
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'indicator.alias_delete',
            entity: 'indicator',
            entityId: code,
            before: { alias: found.alias },
            after: null,
            origin: 'form',
            address,
            indicatorCode: code,
          },
          at,
        );
      });
    },
  };
}

export type IndicatorAliasService = ReturnType<typeof createIndicatorAliasService>;
