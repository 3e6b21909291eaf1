import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './bbb-server-api.js';

interface Props {
  value: ChecksumAlgorithm;
  error?: FieldMessage | undefined;
  onChange: (value: ChecksumAlgorithm) => void;
}

/** The checksum algorithm the server expects: sha256 by default, sha1 for servers older than BBB 2.6. */
export function AlgorithmSelect({ value, error, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="amphi-form-field">
      <label for={id}>{t('servers.form.algorithm')}</label>
      <p id={`${id}-hint`} class="amphi-hint">
        {t('servers.form.algorithm.hint')}
      </p>
      <select
        id={id}
        class="amphi-input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid="bbb-server-algorithm"
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as ChecksumAlgorithm)}
      >
        {CHECKSUM_ALGORITHMS.map((algorithm) => (
          <option key={algorithm} value={algorithm}>
            {algorithm === 'sha256' ? t('servers.form.algorithm.default', { algorithm }) : algorithm}
          </option>
        ))}
      </select>
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}
