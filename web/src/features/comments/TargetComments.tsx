import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Target } from '../../api/types';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { ApiErrorText } from '../session/ApiErrorText';
import { canComment } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { formatDay } from '../session/time';
import { COMMENT_MAX, commentYears, defaultCommentYear, sortComments } from './comments';
import { useAddComment } from './mutations';
import { commentQueries, type TargetComment } from './queries';
import { useInView } from './useInView';
import '../../styles/write.css';

function CommentForm({
  target,
  replacing,
  onSaved,
  onCancel,
}: {
  target: Target;
  replacing: TargetComment | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { lang, t } = useLocale();
  const id = useId();
  const add = useAddComment(target.id);
  const currentYear = new Date().getFullYear();
  const years = commentYears(target, currentYear);
  const [year, setYear] = useState(
    replacing?.year ?? defaultCommentYear(target.latestObservation?.year ?? null, years, currentYear),
  );
  const [body, setBody] = useState(replacing?.body ?? '');
  const [empty, setEmpty] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      return textRef.current?.focus();
    }
    setEmpty(false);
    add.mutate({ year, body: body.trim(), ...(replacing ? { replacesId: replacing.id } : {}) }, { onSuccess: onSaved });
  };

  return (
    <form className="form comment-form" onSubmit={submit} noValidate>
      <div className="comment-form__row">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('auth.comments.year')}</label>
          <select id={`${id}-year`} value={year} onChange={(e) => setYear(Number(e.target.value))} disabled={replacing !== null}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatYear(y, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--grow">
          <label htmlFor={`${id}-body`}>{replacing ? t('auth.comments.correctLabel') : t('auth.comments.bodyLabel')}</label>
          <textarea
            id={`${id}-body`}
            ref={textRef}
            rows={3}
            maxLength={COMMENT_MAX}
            value={body}
            aria-describedby={`${id}-count`}
            aria-invalid={empty || undefined}
            placeholder={t('auth.comments.placeholder')}
            onChange={(e) => setBody(e.target.value)}
          />
          <p id={`${id}-count`} className="field__hint">
            {t('auth.comments.count', { count: body.length, max: COMMENT_MAX })}
          </p>
        </div>
      </div>
      {empty || add.isError ? (
        <p className="notice notice--error" role="alert">
          {empty ? t('auth.comments.empty') : <ApiErrorText error={add.error} />}
        </p>
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button button--small" disabled={add.isPending}>
          {replacing ? t('auth.comments.saveCorrection') : t('auth.comments.submit')}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={onCancel}>
          {t('auth.comments.cancel')}
        </button>
      </p>
    </form>
  );
}

/**
 * Commentary on a target, by year, with author and date; statisticians of the target's region (and
 * administrators) may add one or correct one. Fetched when the card comes near the screen.
 */
export function TargetComments({ target, headingLevel = 4 }: { target: Target; headingLevel?: 2 | 4 }) {
  // On a plan page the list sits inside a target card (h3); on a target's own page it is a section (h2).
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const { lang, t } = useLocale();
  const user = useCurrentUser();
  const ref = useRef<HTMLDivElement>(null);
  const inView = useInView(ref);
  const comments = useQuery({ ...commentQueries.ofTarget(target.id), enabled: inView });
  const allowed = canComment(user, target.region.code);
  const [editing, setEditing] = useState<TargetComment | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const headingId = useId();
  const list = comments.data ? sortComments(comments.data) : [];

  // Nothing to show a reader who may not comment: the card stays as it was.
  if (comments.isSuccess && list.length === 0 && !allowed) return <div ref={ref} hidden />;

  return (
    // A plain block, not a region landmark: a plan has dozens of cards.
    <div ref={ref} className={headingLevel === 2 ? 'comments comments--page' : 'comments'} data-comments-for={target.id}>
      <Heading id={headingId} className="comments__title">
        {t('auth.comments.title')}
        {list.length > 0 ? <span className="comments__count"> {t('auth.comments.n', { count: list.length })}</span> : null}
      </Heading>
      {comments.isError ? (
        <p className="notice notice--error">
          <ApiErrorText error={comments.error} />
        </p>
      ) : null}
      {list.length > 0 ? (
        <ol className="comments__list">
          {list.map((comment) => (
            <li key={comment.id} className="comment" data-comment={comment.id}>
              <p className="comment__year">
                <span className="badge">{formatYear(comment.year, lang)}</span>
              </p>
              <p className="comment__body">{comment.body}</p>
              <p className="comment__meta">
                <span className="comment__author">{comment.authorDisplayName}</span>
                <span aria-hidden="true"> · </span>
                <time dateTime={comment.createdAt}>{formatDay(comment.createdAt, lang)}</time>
                {comment.replacesId ? <span className="comment__edited"> · {t('auth.comments.corrected')}</span> : null}
                {allowed && editing === null ? (
                  <>
                    <span aria-hidden="true"> · </span>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setSaved(false);
                        setEditing(comment);
                      }}
                    >
                      {t('auth.comments.correct')}
                      <span className="visually-hidden"> {formatYear(comment.year, lang)}</span>
                    </button>
                  </>
                ) : null}
              </p>
              {editing !== null && editing !== 'new' && editing.id === comment.id ? (
                <CommentForm
                  target={target}
                  replacing={comment}
                  onSaved={() => {
                    setEditing(null);
                    setSaved(true);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : null}
            </li>
          ))}
        </ol>
      ) : comments.isSuccess ? (
        <p className="comments__none muted">{t('auth.comments.none')}</p>
      ) : null}
      {saved ? (
        <p className="notice notice--ok" role="status">
          {t('auth.comments.saved')}
        </p>
      ) : null}
      {allowed ? (
        editing === 'new' ? (
          <CommentForm
            target={target}
            replacing={null}
            onSaved={() => {
              setEditing(null);
              setSaved(true);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : editing === null ? (
          <p>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => {
                setSaved(false);
                setEditing('new');
              }}
            >
              {t('auth.comments.add')}
            </button>
          </p>
        ) : null
      ) : null}
    </div>
  );
}
