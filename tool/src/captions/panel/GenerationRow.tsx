import type { CaptionGenerationView } from '../../api/captions-api.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useStepNews } from '../../video/progress/useStepNews.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';

interface Props {
  lang: string;
  language: string;
  /** A speech recognition engine knows this language. */
  available: boolean;
  generation: CaptionGenerationView | undefined;
  /** A track in this language exists already. */
  hasTrack: boolean;
  busy: boolean;
  onGenerate: () => void;
}

const STAGES: Record<string, MessageKey> = {
  audio: 'captions.auto.stage.audio',
  recognition: 'captions.auto.stage.recognition',
  cues: 'captions.auto.stage.cues',
};
const ERRORS: Record<string, MessageKey> = {
  'no-audio': 'captions.auto.error.no-audio',
  'engine-failed': 'captions.auto.error.engine-failed',
  cancelled: 'captions.auto.error.cancelled',
  'no-speech': 'captions.auto.error.no-speech',
};

/**
 * Automatic captions in one language: the button, or why there is none, or the generation
 * under way (its progress changes at each poll, so it is not a live region: a hidden one says
 * each quarter, the panel announces the end), or its failure with Retry.
 */
export function GenerationRow({ lang, language, available, generation, hasTrack, busy, onGenerate }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const running = generation && generation.status !== 'failed' ? generation : null;
  const percent = running?.progress == null ? null : Math.round(Math.min(1, Math.max(0, running.progress)) * 100);
  const news = useStepNews(running?.status === 'running' ? percent : null, (step) => t('captions.auto.progressAt', { language, percent: format.percentValue(step) }));
  if (generation && generation.status !== 'failed') {
    const percentText = percent === null ? '' : format.percentValue(percent);
    const stage = generation.progressLabel ? STAGES[generation.progressLabel] : undefined;
    return (
      <div class="amphi-captions-generation" data-testid="captions-generation" data-lang={lang} data-status={generation.status}>
        <p data-testid="captions-generation-text">
          {t(generation.status === 'queued' ? 'captions.auto.queued' : 'captions.auto.running', { language })}
          {percentText && ` ${percentText}`}
          {stage && <span class="amphi-muted"> · {t(stage)}</span>}
        </p>
        <progress
          class="amphi-progress"
          max={100}
          value={percent ?? undefined}
          aria-label={t('captions.auto.progressLabel', { language })}
          aria-valuetext={percentText || t('captions.auto.queued', { language })}
          data-testid="captions-generation-progress"
        />
        <StatusMessage text={news} visuallyHidden testId="captions-generation-news" />
      </div>
    );
  }
  return (
    <div class="amphi-captions-generation" data-lang={lang}>
      {generation?.status === 'failed' && (
        <ErrorAlert
          message={t('captions.auto.failed', { language })}
          notes={[{ label: t('captions.auto.reason'), text: t(ERRORS[generation.error ?? ''] ?? 'captions.auto.error.unknown') }]}
        />
      )}
      {!available ? (
        <p class="amphi-captions-unavailable" data-testid="captions-no-engine">
          <Icon name="info" />
          <span>{t('captions.auto.noEngine', { language })}</span>
        </p>
      ) : (
        (!generation || generation.canRetry) && (
          <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={busy} data-testid="captions-generate" onClick={() => !busy && onGenerate()}>
            <Icon name={generation ? 'refresh' : 'captions'} />
            <span>{t(generation ? 'captions.auto.retry' : hasTrack ? 'captions.auto.generateAgain' : 'captions.auto.generate', { language })}</span>
          </button>
        )
      )}
    </div>
  );
}
