import type { CaptionsResponse } from '../../api/captions-api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { languageName, primaryLanguage } from '../language.js';
import { GenerationRow } from './GenerationRow.js';

interface Props {
  captions: CaptionsResponse;
  busy: boolean;
  onGenerate: (lang: string) => void;
}

/**
 * Automatic captions, one line per language: those an engine knows, the page's language, and
 * those being made; a language no engine knows says so instead of offering a button.
 */
export function AutoCaptions({ captions, busy, onGenerate }: Props) {
  const { t, locale } = useI18n();
  const langs = [...new Set([...captions.engines.map((e) => primaryLanguage(e.lang)), locale, ...captions.generations.map((g) => primaryLanguage(g.lang))])];
  return (
    <section class="amphi-stack amphi-captions-auto" aria-labelledby="amphi-captions-auto-heading" data-testid="captions-auto">
      <h4 id="amphi-captions-auto-heading">{t('captions.auto.heading')}</h4>
      {!captions.hasAudio ? (
        <p class="amphi-muted" data-testid="captions-no-audio">{t('captions.auto.noAudio')}</p>
      ) : (
        <>
          <ul class="amphi-captions-auto-list">
            {langs.map((lang) => (
              <li key={lang}>
                <GenerationRow
                  lang={lang}
                  language={languageName(lang, locale)}
                  available={captions.engines.some((e) => primaryLanguage(e.lang) === lang)}
                  generation={captions.generations.find((g) => primaryLanguage(g.lang) === lang)}
                  hasTrack={captions.tracks.some((track) => primaryLanguage(track.lang) === lang)}
                  busy={busy}
                  onGenerate={() => onGenerate(captions.engines.find((e) => primaryLanguage(e.lang) === lang)?.lang ?? lang)}
                />
              </li>
            ))}
          </ul>
          <p class="amphi-hint">{t('captions.auto.engineNote')}</p>
        </>
      )}
      {captions.autoGenerate && <p class="amphi-hint" data-testid="captions-auto-generate">{t('captions.autoGenerate')}</p>}
    </section>
  );
}
