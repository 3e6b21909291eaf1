import type { LrsCredential } from '../api/admin-api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';

interface Props {
  credentials: LrsCredential[];
  busy: boolean;
  onRevoke: (id: string, name: string) => Promise<void>;
}

/** The platform's credentials, revoked ones included (statements keep naming them as their authority). */
export function CredentialsTable({ credentials, busy, onRevoke }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby="amphi-admin-credentials-caption" tabIndex={0}>
      <table class="amphi-table" data-testid="admin-credentials-table">
        <caption id="amphi-admin-credentials-caption" tabIndex={-1}>
          {t('admin.credentials.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.credentials.name')}</th>
            <th scope="col">{t('admin.credentials.key')}</th>
            <th scope="col">{t('admin.credentials.scopes')}</th>
            <th scope="col">{t('admin.credentials.used')}</th>
            <th scope="col">{t('admin.credentials.state')}</th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((c) => (
            <tr key={c.id} data-testid="admin-credential-row" data-key={c.key}>
              <th scope="row">{c.name}</th>
              <td>
                <code>{c.key}</code>
              </td>
              <td>{c.scopes.join(', ')}</td>
              <td>{c.lastUsedAt ? format.dateTime(c.lastUsedAt) : t('admin.credentials.never')}</td>
              <td>
                {c.revokedAt ? (
                  <span data-testid="admin-credential-revoked">{t('admin.credentials.revokedOn', { date: format.dateTime(c.revokedAt) })}</span>
                ) : (
                  <div class="amphi-stack">
                    <span>{t('admin.credentials.active')}</span>
                    <ConfirmButton
                      question={t('admin.credentials.revoke.question', { name: c.name })}
                      confirmLabel={t('admin.credentials.revoke')}
                      cancelLabel={t('admin.cancel')}
                      busy={busy}
                      danger
                      testId="admin-credential-revoke"
                      onConfirm={() => onRevoke(c.id, c.name)}
                    >
                      {t('admin.credentials.revoke')}
                    </ConfirmButton>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
