import { useQuery } from '@tanstack/react-query';
import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Region, Unit } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { nameOf, referenceQueries } from '../imports/reference';
import { ReviewSettingsPanel } from '../review/ReviewSettingsPanel';
import { ApiErrorText } from '../session/ApiErrorText';
import { hasRegions, isAdmin, ROLES, type Role } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { formatDay } from '../session/time';
import { unitQueries } from '../units/queries';
import { useCreateUser, useResetPassword, useUnlockUser, useUpdateUser } from './mutations';
import { adminQueries } from './queries';
import { RegionPicker } from './RegionPicker';
import type { UserAccount } from './types';
import { USER_NAME_PATTERN, userErrorKey } from './userErrors';
import '../../styles/write.css';

function UserError({ error }: { error: unknown }) {
  const { t } = useLocale();
  const key = error instanceof ApiError ? userErrorKey(error) : undefined;
  return (
    <p className="notice notice--error" role="alert">
      {key ? t(`auth.users.error.${key}`) : <ApiErrorText error={error} />}
    </p>
  );
}

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (role: Role) => void }) {
  const { t } = useLocale();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`auth.role.${role}`)}
        </option>
      ))}
    </select>
  );
}

/** The unit of an account: required for a reporter (填报人), who enters figures on its behalf. */
function UnitSelect({
  id,
  value,
  onChange,
  units,
  regions,
}: {
  id: string;
  value: string;
  onChange: (unitId: string) => void;
  units: readonly Unit[];
  regions: readonly Region[];
}) {
  const { lang, t } = useLocale();
  return (
    <div className="field">
      <label htmlFor={id}>{t('units.users.unit')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('units.users.noUnit')}</option>
        {units.map((unit) => (
          <option key={unit.id} value={unit.id}>
            {nameOf(regions, unit.regionCode, lang)} · {lang === 'en' ? unit.nameEn : unit.nameZh}
          </option>
        ))}
      </select>
    </div>
  );
}

function CreateUserForm({ regions, units }: { regions: Region[]; units: Unit[] }) {
  const { t } = useLocale();
  const create = useCreateUser();
  const id = useId();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('statistician');
  const [chosen, setChosen] = useState<string[]>([]);
  const [unitId, setUnitId] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<'nameFormat' | 'password' | 'displayName' | 'regionsMissing' | 'unitMissing' | null>(
    null,
  );
  const [created, setCreated] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    if (!USER_NAME_PATTERN.test(name)) return setProblem('nameFormat');
    if (!displayName.trim()) return setProblem('displayName');
    if (hasRegions(role) && chosen.length === 0) return setProblem('regionsMissing');
    if (role === 'reporter' && unitId === '') return setProblem('unitMissing');
    if (password.length < 10) return setProblem('password');
    setProblem(null);
    create.mutate(
      {
        name,
        displayName: displayName.trim(),
        role,
        regions: hasRegions(role) ? chosen : [],
        unitId: unitId === '' ? null : Number(unitId),
        password,
      },
      {
        onSuccess: (user) => {
          setCreated(user.displayName);
          setName('');
          setDisplayName('');
          setChosen([]);
          setUnitId('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="form panel user-create" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('auth.users.createTitle')}</h2>
      {problem ? (
        <p className="notice notice--error" role="alert">
          {t(`auth.users.error.${problem}`)}
        </p>
      ) : create.isError ? (
        <UserError error={create.error} />
      ) : created ? (
        <p className="notice notice--ok" role="status">
          {t('auth.users.created', { name: created })}
        </p>
      ) : null}
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('auth.users.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={`${id}-name-hint`} className="field__hint">
            {t('auth.users.nameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-display`}>{t('auth.users.displayName')}</label>
          <input id={`${id}-display`} value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('auth.users.role')}</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <UnitSelect id={`${id}-unit`} value={unitId} onChange={setUnitId} units={units} regions={regions} />
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('auth.users.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            value={password}
            aria-describedby={`${id}-password-hint`}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id={`${id}-password-hint`} className="field__hint">
            {t('auth.users.passwordHint')}
          </p>
        </div>
      </div>
      {hasRegions(role) ? (
        <RegionPicker regions={regions} value={chosen} onChange={setChosen} legend={t('auth.users.regions')} />
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('auth.users.create')}
        </button>
      </p>
    </form>
  );
}

function EditUserRow({
  user,
  regions,
  units,
  onDone,
}: {
  user: UserAccount;
  regions: Region[];
  units: Unit[];
  onDone: () => void;
}) {
  const { t } = useLocale();
  const me = useCurrentUser();
  const update = useUpdateUser();
  const id = useId();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [chosen, setChosen] = useState<string[]>(user.regions);
  const [unitId, setUnitId] = useState(user.unitId === null ? '' : String(user.unitId));
  const [disabled, setDisabled] = useState(user.disabled);
  const self = me?.id === user.id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        id: user.id,
        changes: {
          displayName: displayName.trim() || user.displayName,
          role,
          regions: chosen,
          unitId: unitId === '' ? null : Number(unitId),
          disabled,
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form user-edit" onSubmit={submit} aria-label={t('auth.users.editTitle', { name: user.name })}>
      {update.isError ? <UserError error={update.error} /> : null}
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-display`}>{t('auth.users.displayName')}</label>
          <input id={`${id}-display`} value={displayName} maxLength={100} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('auth.users.role')}</label>
          <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
        </div>
        <UnitSelect id={`${id}-unit`} value={unitId} onChange={setUnitId} units={units} regions={regions} />
        <div className="field field--check">
          <input
            id={`${id}-disabled`}
            type="checkbox"
            checked={disabled}
            disabled={self}
            aria-describedby={self ? `${id}-self` : undefined}
            onChange={(e) => setDisabled(e.target.checked)}
          />
          <label htmlFor={`${id}-disabled`}>{t('auth.users.disable')}</label>
          {self ? (
            <p id={`${id}-self`} className="field__hint">
              {t('auth.users.error.self')}
            </p>
          ) : null}
        </div>
      </div>
      {hasRegions(role) ? (
        <RegionPicker regions={regions} value={chosen} onChange={setChosen} legend={t('auth.users.regions')} />
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {t('auth.users.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('auth.users.cancel')}
        </button>
      </p>
    </form>
  );
}

const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

/**
 * An administrator sets a new password for someone who forgot theirs. The server ends every session
 * of the account at once. Not offered for one's own row: that goes through the password page, which
 * asks for the current password (the server refuses it here too).
 */
function ResetPasswordRow({ user, onDone }: { user: UserAccount; onDone: () => void }) {
  const { t } = useLocale();
  const resetPassword = useResetPassword();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);

  useEffect(() => input.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      resetPassword.reset();
      return setTooShort(true);
    }
    setTooShort(false);
    resetPassword.mutate({ id: user.id, password }, { onSuccess: () => setPassword('') });
  };

  return (
    <form
      className="form user-password"
      onSubmit={submit}
      noValidate
      aria-label={t('auth.users.resetTitle', { name: user.name })}
    >
      {tooShort ? (
        <p className="notice notice--error" role="alert">
          {t('auth.error.passwordTooShort')}
        </p>
      ) : resetPassword.isError ? (
        <p className="notice notice--error" role="alert">
          {resetPassword.error instanceof ApiError && resetPassword.error.status === 404 ? (
            t('auth.users.error.notFound')
          ) : (
            <ApiErrorText error={resetPassword.error} />
          )}
        </p>
      ) : resetPassword.isSuccess ? (
        <p className="notice notice--ok" role="status">
          {t('auth.users.resetDone', { name: user.name })}
        </p>
      ) : null}
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('auth.users.newPassword')}</label>
          <input
            ref={input}
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            maxLength={MAX_PASSWORD_LENGTH}
            value={password}
            aria-describedby={`${id}-hint`}
            aria-invalid={tooShort || undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id={`${id}-hint`} className="field__hint">
            {t('auth.users.resetHint')}
          </p>
        </div>
      </div>
      <p className="form__actions">
        <button type="submit" className="button" disabled={resetPassword.isPending}>
          {t('auth.users.resetSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t(resetPassword.isSuccess ? 'auth.users.close' : 'auth.users.cancel')}
        </button>
      </p>
    </form>
  );
}

/**
 * Lifts an account's sign-in limits at once: nothing to confirm, since it only forgets the account's
 * failed sign-ins (the addresses they came from keep their own limits).
 */
function UnlockButton({ user, hintId }: { user: UserAccount; hintId: string }) {
  const { t } = useLocale();
  const unlock = useUnlockUser();
  return (
    <>
      <button
        type="button"
        className="button button--small button--secondary"
        disabled={unlock.isPending}
        aria-describedby={hintId}
        onClick={() => unlock.mutate(user.id)}
      >
        {t('auth.users.unlock')}
        <span className="visually-hidden"> {user.name}</span>
      </button>
      {unlock.isSuccess ? (
        <span className="users-table__note" role="status">
          {t('auth.users.unlockDone', { name: user.name })}
        </span>
      ) : unlock.isError ? (
        <span className="users-table__note users-table__note--error" role="alert">
          <ApiErrorText error={unlock.error} />
        </span>
      ) : null}
    </>
  );
}

function UsersTable({
  users,
  regions,
  units,
  unlockHintId,
}: {
  users: UserAccount[];
  regions: Region[];
  units: Unit[];
  unlockHintId: string;
}) {
  const { lang, t } = useLocale();
  const me = useCurrentUser();
  // One row opens at a time, either its account editor or its password reset.
  const [open, setOpen] = useState<{ id: number; panel: 'edit' | 'password' } | null>(null);
  const isOpen = (id: number, panel: 'edit' | 'password') => open?.id === id && open.panel === panel;
  const toggle = (id: number, panel: 'edit' | 'password') => setOpen(isOpen(id, panel) ? null : { id, panel });
  return (
    <div className="table-scroll">
      <table className="data-table users-table">
        <caption>{t('auth.users.tableCaption', { count: users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('auth.users.name')}</th>
            <th scope="col">{t('auth.users.displayName')}</th>
            <th scope="col">{t('auth.users.role')}</th>
            <th scope="col">{t('auth.users.regions')}</th>
            <th scope="col">{t('auth.users.status')}</th>
            <th scope="col">{t('auth.users.createdAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('auth.users.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <Fragment key={user.id}>
              <tr className={user.disabled ? 'is-disabled' : undefined} data-user={user.name}>
                <th scope="row">
                  <code>{user.name}</code>
                  {user.isDemo ? <span className="badge badge--demo">{t('auth.menu.demoAccount')}</span> : null}
                </th>
                <td className="users-table__display">{user.displayName}</td>
                <td>
                  {t(`auth.role.${user.role}`)}
                  {user.unitId !== null ? (
                    <span className="users-table__unit" data-unit-id={user.unitId}>
                      {' · '}
                      {(() => {
                        const unit = units.find((u) => u.id === user.unitId);
                        return unit ? (lang === 'en' ? unit.nameEn : unit.nameZh) : user.unitId;
                      })()}
                    </span>
                  ) : null}
                </td>
                <td>
                  {user.regions.length === 0
                    ? user.role === 'admin'
                      ? t('auth.users.allRegions')
                      : t('common.none')
                    : user.regions.map((code) => nameOf(regions, code, lang)).join(lang === 'en' ? ', ' : '、')}
                </td>
                <td>
                  <span className={`account-status account-status--${user.disabled ? 'disabled' : 'active'}`}>
                    <span className="account-status__shape" aria-hidden="true" />
                    {t(user.disabled ? 'auth.users.disabled' : 'auth.users.active')}
                  </span>
                </td>
                <td>{formatDay(user.createdAt, lang)}</td>
                <td>
                  <span className="users-table__actions">
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      aria-expanded={isOpen(user.id, 'edit')}
                      onClick={() => toggle(user.id, 'edit')}
                    >
                      {t('auth.users.edit')}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                    {me?.id === user.id ? (
                      <LangLink to="/account/password" className="button button--small button--quiet">
                        {t('auth.users.changeOwnPassword')}
                      </LangLink>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        aria-expanded={isOpen(user.id, 'password')}
                        onClick={() => toggle(user.id, 'password')}
                      >
                        {t('auth.users.resetPassword')}
                        <span className="visually-hidden"> {user.name}</span>
                      </button>
                    )}
                    <UnlockButton user={user} hintId={unlockHintId} />
                  </span>
                </td>
              </tr>
              {open?.id === user.id ? (
                <tr className="users-table__editor">
                  <td colSpan={7}>
                    {open.panel === 'edit' ? (
                      <EditUserRow user={user} regions={regions} units={units} onDone={() => setOpen(null)} />
                    ) : (
                      <ResetPasswordRow user={user} onDone={() => setOpen(null)} />
                    )}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Users() {
  const { t } = useLocale();
  const users = useQuery(adminQueries.users());
  const regions = useQuery(referenceQueries.regions());
  const units = useQuery(unitQueries.list(null));
  const unlockHintId = useId();
  return (
    <div className="page">
      <title>{t('app.pageTitle', { page: t('auth.users.title') })}</title>
      <div className="page-intro">
        <h1>{t('auth.users.title')}</h1>
        <p className="lede">{t('auth.users.intro')}</p>
      </div>
      {users.isPending || regions.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <div className="stack">
          <div>
            <UsersTable users={users.data} regions={regions.data ?? []} units={units.data ?? []} unlockHintId={unlockHintId} />
            <p id={unlockHintId} className="field__hint">
              {t('auth.users.unlockHint')}
            </p>
          </div>
          <CreateUserForm regions={regions.data ?? []} units={units.data ?? []} />
          <ReviewSettingsPanel />
        </div>
      )}
    </div>
  );
}

export default function UsersPage() {
  return (
    <RequireSignIn allow={isAdmin}>
      <Users />
    </RequireSignIn>
  );
}
