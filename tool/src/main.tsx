import '@fontsource/opendyslexic/latin-400.css';
import '@fontsource/opendyslexic/latin-700.css';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/tabs.css';
import './styles/picker.css';
import './styles/resource.css';
import './styles/player.css';
import './styles/video-editor.css';
import { render } from 'preact';
import { App } from './app/App.js';
import { applyDisplay, loadDisplayPreferences, systemTheme } from './display/display-preferences.js';
import { loadCatalog, toLocale } from './i18n/i18n.js';
import { readBootstrap } from './session/bootstrap.js';

// Apply the remembered display before the first paint.
const preferences = loadDisplayPreferences();
applyDisplay(preferences.theme ?? systemTheme(), preferences.dyslexia);

const bootstrap = readBootstrap();
const locale = bootstrap?.session.locale ?? toLocale(navigator.language);
const root = document.getElementById('app');
// The page's language first: every text on screen comes from it. Should its chunk fail, English
// still names the error (the key itself would be the last resort).
if (root) {
  void loadCatalog(locale)
    .catch(() => loadCatalog('en'))
    .catch(() => undefined)
    .then(() => render(<App bootstrap={bootstrap} locale={locale} />, root));
}
