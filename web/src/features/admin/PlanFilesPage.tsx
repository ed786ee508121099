import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/client';
import { LangLink } from '../../app/LangLink';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { isAdmin } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { useUploadPlan } from './mutations';
import { type PlanUploadBody, planProblemTexts, planUploadBody } from './planUpload';
import type { PlanFileErrorBody, PlanSummary } from './types';
import '../../styles/write.css';

/** `/admin/plans`: an administrator adds a plan from a plan file in the seed format. */
function PlanFiles() {
  const { lang, t } = useLocale();
  const id = useId();
  const upload = useUploadPlan();
  const [planFile, setPlanFile] = useState<File | null>(null);
  const [sourceFile, setSourceFile] = useState<File | null>(null);
  const [local, setLocal] = useState<'missing' | { detail: string } | null>(null);
  const [created, setCreated] = useState<PlanSummary | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    upload.reset();
    if (!planFile) return setLocal('missing');
    const read = planUploadBody(await planFile.text(), sourceFile ? await sourceFile.text() : null);
    if (!read.ok) return setLocal({ detail: read.detail });
    setLocal(null);
    upload.mutate(read.body as PlanUploadBody, { onSuccess: (plan) => setCreated(plan) });
  };

  const error = upload.error instanceof ApiError ? upload.error : null;
  const problems = error
    ? planProblemTexts({ ...error, problems: (error.body as Partial<PlanFileErrorBody> | undefined)?.problems })
    : undefined;

  return (
    <div className="page">
      <title>{t('app.pageTitle', { page: t('admin.plans.title') })}</title>
      <div className="page-intro">
        <h1>{t('admin.plans.title')}</h1>
        <p className="lede">{t('admin.plans.intro')}</p>
      </div>
      <form className="form panel" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.plans.formLabel')}>
        <div className="field field--wide">
          <label htmlFor={`${id}-plan`}>{t('admin.plans.planFile')}</label>
          <input
            id={`${id}-plan`}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${id}-plan-hint`}
            aria-invalid={local !== null || undefined}
            onChange={(e) => {
              setLocal(null);
              setPlanFile(e.target.files?.[0] ?? null);
            }}
          />
          <p id={`${id}-plan-hint`} className="field__hint">
            {t('admin.plans.planFileHint')}
          </p>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-source`}>{t('admin.plans.sourceFile')}</label>
          <input
            id={`${id}-source`}
            type="file"
            accept=".txt,text/plain"
            aria-describedby={`${id}-source-hint`}
            onChange={(e) => setSourceFile(e.target.files?.[0] ?? null)}
          />
          <p id={`${id}-source-hint`} className="field__hint">
            {t('admin.plans.sourceFileHint')}
          </p>
        </div>
        {local ? (
          <p className="notice notice--error" role="alert">
            {local === 'missing' ? t('admin.plans.missing') : t('admin.plans.notJson')}
            {local !== 'missing' ? (
              <>
                {' '}
                <span lang="en" className="notice__detail">
                  {local.detail}
                </span>
              </>
            ) : null}
          </p>
        ) : null}
        {problems ? (
          <div className="notice notice--error" role="alert" data-plan-problems="">
            <p>{t('admin.plans.refused', { count: problems.length })}</p>
            <ul className="plan-problems">
              {problems.map((p) => (
                <li key={`${p.path} ${p.key.code} ${p.detail}`} data-path={p.path} data-code={p.key.code}>
                  {p.key.group === 'target'
                    ? t(`admin.target.errors.${p.key.code}`, { field: p.path })
                    : t(`admin.plans.errors.${p.key.code}`, { path: p.path, ...p.values })}
                  {p.key.code === 'invalid' ? (
                    <>
                      {' '}
                      <span lang="en" className="notice__detail">
                        {p.detail}
                      </span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : upload.isError ? (
          <p className="notice notice--error" role="alert">
            <ApiErrorText error={upload.error} />
          </p>
        ) : null}
        {created ? (
          <p className="notice notice--ok" role="status">
            {t('admin.plans.created', { count: created.targetCount })}{' '}
            <LangLink to={`/plans/${created.slug}`}>{lang === 'en' ? created.titleEn : created.titleZh} →</LangLink>
          </p>
        ) : null}
        <p className="form__actions">
          <button type="submit" className="button" disabled={upload.isPending}>
            {upload.isPending ? t('admin.plans.working') : t('admin.plans.submit')}
          </button>
        </p>
      </form>
    </div>
  );
}

export default function PlanFilesPage() {
  return (
    <RequireSignIn allow={isAdmin}>
      <PlanFiles />
    </RequireSignIn>
  );
}
