import { useId } from 'preact/hooks';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { getBbbServer, type BbbServerResponse } from './bbb-server-api.js';
import { BbbServerForm } from './BbbServerForm.js';
import '../../styles/classroom-server.css';

interface Props {
  /** Where it sits: under a tab (the tab names it) or in the page's Administration area. */
  testId: string;
  /** Told after a save or a removal (the classroom's room then asks again whether it can open). */
  onChanged?: (server: BbbServerResponse) => void;
}

/**
 * The platform's BigBlueButton server: teachers see whether it is set up (and whom to ask when it
 * is not); Moodle site administrators (session role admin) get the form. Ids come from useId: the
 * classroom's tab and the Administration area can both be on one page.
 */
export function BbbServerSetting({ testId, onChanged }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  const server = useApiData(getBbbServer, []);
  if (!server.data) {
    return server.status === 'error' ? <ApiErrorAlert error={server.error} /> : <LoadingState label={t('servers.loading')} />;
  }
  const data = server.data;
  const changed = (next: BbbServerResponse) => {
    server.replace(next);
    onChanged?.(next);
  };
  return (
    // Not a landmark: a classroom's Server tab and the Administration area may both hold it, under one name.
    <div class="amphi-stack" data-testid={testId}>
      <h3 id={headingId}>{t('servers.heading')}</h3>
      <p class={data.configured ? 'amphi-bbb-server-state is-ok' : 'amphi-bbb-server-state is-missing'} data-testid="bbb-server-state">
        {data.configured ? t('servers.state.configured') : data.canManage ? t('servers.state.missing.admin') : t('servers.state.missing')}
      </p>
      {data.canManage && <BbbServerForm server={data} onChanged={changed} />}
    </div>
  );
}
