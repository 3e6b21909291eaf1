import type { ResourceResponse } from '../../api/api-types.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { getBbbServer } from './bbb-server-api.js';
import { BbbServerForm } from './BbbServerForm.js';
import '../../styles/classroom-server.css';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/**
 * The platform's BigBlueButton server: teachers see whether it is set up (and whom to ask when it
 * is not); Moodle site administrators (session role admin) get the form.
 */
export function BbbServerPanel(_props: Props) {
  const { t } = useI18n();
  const server = useApiData(getBbbServer, []);
  if (!server.data) {
    return server.status === 'error' ? <ApiErrorAlert error={server.error} /> : <LoadingState label={t('servers.loading')} />;
  }
  const data = server.data;
  return (
    <section class="amphi-stack" aria-labelledby="amphi-bbb-server-heading" data-testid="bbb-server-panel">
      <h3 id="amphi-bbb-server-heading" class={data.canManage ? 'amphi-visually-hidden' : undefined}>
        {t('servers.heading')}
      </h3>
      <p class={data.configured ? 'amphi-bbb-server-state is-ok' : 'amphi-bbb-server-state is-missing'} data-testid="bbb-server-state">
        {data.configured ? t('servers.state.configured') : data.canManage ? t('servers.state.missing.admin') : t('servers.state.missing')}
      </p>
      {data.canManage && <BbbServerForm server={data} onChanged={server.replace} />}
    </section>
  );
}
