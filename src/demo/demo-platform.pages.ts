import { html, type RawHtml } from '../http/html.js';
import type { Locale } from '../http/messages.js';
import type { DemoActor } from './demo-platform.launch.js';
import type { DemoActivity, DemoCourse, DemoPerson } from './demo-platform.service.js';

/**
 * The demo platform's pages, standing in for Moodle's course page and activity view. Plain
 * server-rendered HTML under the site's CSP (styles and the one script are files of their own).
 */
const TEXT = {
  en: {
    banner: 'Demo platform, not a real LMS: anyone who can open this page can act as anyone in this course. Amphi serves it only because the command amphi demo made it.',
    intro: 'This page stands in for Moodle. Each link opens the activity in this course page, through a real LTI 1.3 launch (login, signed token, session) into Amphi.',
    activities: 'Activities',
    noActivities: 'The demo course has no activities yet. Run amphi demo again.',
    openAsTeacher: 'Open as the teacher',
    openAsLearner: 'Open as learner {n}',
    pickLearner: 'Open as learner number',
    open: 'Open',
    learners: '{count} learners',
    back: 'Back to the course',
    viewingAs: 'You are viewing this activity as {who}.',
    teacher: 'the teacher, {name}',
    learner: 'learner {n}, {name}',
    frameTitle: '{title} (Amphi)',
    otherLanguage: 'Français',
    kinds: { video: 'Video', classroom: 'Virtual classroom', dashboard: 'Dashboard' } as Record<string, string>,
    sending: 'Signing you in to Amphi…',
    continue: 'Continue',
  },
  fr: {
    banner: 'Plateforme de démonstration, pas un vrai LMS : quiconque ouvre cette page peut agir comme n’importe quelle personne de ce cours. Amphi ne la sert que parce que la commande amphi demo l’a créée.',
    intro: 'Cette page tient lieu de Moodle. Chaque lien ouvre l’activité dans cette page de cours, par un vrai lancement LTI 1.3 (connexion, jeton signé, session) vers Amphi.',
    activities: 'Activités',
    noActivities: 'Le cours de démonstration n’a pas encore d’activité. Relancez amphi demo.',
    openAsTeacher: 'Ouvrir en tant qu’enseignant',
    openAsLearner: 'Ouvrir en tant qu’apprenant {n}',
    pickLearner: 'Ouvrir en tant que l’apprenant numéro',
    open: 'Ouvrir',
    learners: '{count} apprenants',
    back: 'Retour au cours',
    viewingAs: 'Vous voyez cette activité en tant que {who}.',
    teacher: 'enseignant, {name}',
    learner: 'apprenant {n}, {name}',
    frameTitle: '{title} (Amphi)',
    otherLanguage: 'English',
    kinds: { video: 'Vidéo', classroom: 'Classe virtuelle', dashboard: 'Tableau de bord' } as Record<string, string>,
    sending: 'Connexion à Amphi…',
    continue: 'Continuer',
  },
} satisfies Record<Locale, unknown>;

/** Learners offered as direct links; any other is reached with the number field. */
const LEARNER_LINKS = 3;

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) => String(params[key] ?? ''));
}

function layout(locale: Locale, title: string, body: RawHtml, scriptSrc?: string): string {
  return `<!doctype html>${html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Amphi demo</title>
<link rel="stylesheet" href="/static/page.css">
<link rel="stylesheet" href="/demo/assets/demo.css">
${scriptSrc ? html`<script src="${scriptSrc}" defer></script>` : ''}
</head>
<body class="demo">
<header><p class="demo-banner" role="note">${TEXT[locale].banner}</p></header>
${body}
</body>
</html>`}`;
}

export function activityUrl(activity: DemoActivity, actor: DemoActor, locale: Locale, kind: 'activities' | 'launch' = 'activities'): string {
  const query = new URLSearchParams({ as: actor.role, ...(actor.role === 'learner' ? { n: String(actor.rank) } : {}), lang: locale });
  return `/demo/${kind}/${encodeURIComponent(activity.resourceLinkId)}?${query}`;
}

/** Moodle's course page: the activities, each with "open as" links. */
export function coursePage(course: DemoCourse, locale: Locale): string {
  const t = TEXT[locale];
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const teacher = course.teachers[0];
  const activities = course.activities.map((activity, i) => {
    const headingId = `activity-${i}`;
    return html`<li class="demo-activity">
<h3 id="${headingId}">${activity.title} <span class="amphi-muted">(${t.kinds[activity.kind] ?? activity.kind})</span></h3>
<ul class="demo-links">
${teacher ? html`<li><a href="${activityUrl(activity, { role: 'teacher' }, locale)}" aria-describedby="${headingId}">${t.openAsTeacher}</a> <span class="amphi-muted">${teacher.name}</span></li>` : ''}
${course.learners.slice(0, LEARNER_LINKS).map(
  (learner, n) =>
    html`<li><a href="${activityUrl(activity, { role: 'learner', rank: n + 1 }, locale)}" aria-describedby="${headingId}">${fill(t.openAsLearner, { n: n + 1 })}</a> <span class="amphi-muted">${describe(learner)}</span></li>`,
)}
</ul>
${course.learners.length > LEARNER_LINKS ? learnerForm(activity, course.learners.length, locale, `${headingId}-n`, headingId) : ''}
</li>`;
  });
  return layout(
    locale,
    course.context.title,
    html`<main class="amphi-page demo-course">
<p class="demo-lang"><a href="/demo/?lang=${other}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a></p>
<h1>${course.context.title} <span class="amphi-muted">${course.context.label}</span></h1>
<p>${t.intro}</p>
<p class="amphi-muted">${fill(t.learners, { count: course.learners.length })}</p>
<h2>${t.activities}</h2>
${activities.length ? html`<ul class="demo-activities">${activities}</ul>` : html`<p>${t.noActivities}</p>`}
</main>`,
  );
}

function learnerForm(activity: DemoActivity, count: number, locale: Locale, inputId: string, headingId: string): RawHtml {
  const t = TEXT[locale];
  return html`<form class="demo-pick" method="get" action="/demo/activities/${encodeURIComponent(activity.resourceLinkId)}" aria-describedby="${headingId}">
<input type="hidden" name="as" value="learner"><input type="hidden" name="lang" value="${locale}">
<label for="${inputId}">${t.pickLearner}</label>
<input id="${inputId}" name="n" type="number" min="1" max="${count}" value="${Math.min(count, LEARNER_LINKS + 1)}" required>
<button class="amphi-button" type="submit">${t.open}</button>
</form>`;
}

function describe(person: DemoPerson): string {
  return person.profile ? `${person.name} (${person.profile})` : person.name;
}

/** Moodle's activity view with the tool embedded: Amphi's launch happens inside the iframe. */
export function activityPage(course: DemoCourse, activity: DemoActivity, actor: DemoActor, person: DemoPerson, locale: Locale): string {
  const t = TEXT[locale];
  const who = actor.role === 'teacher' ? fill(t.teacher, { name: person.name }) : fill(t.learner, { n: actor.rank, name: describe(person) });
  return layout(
    locale,
    `${activity.title} · ${course.context.title}`,
    html`<main class="demo-activity-view">
<nav><a href="/demo/?lang=${locale}">${t.back}</a></nav>
<h1>${activity.title}</h1>
<p class="amphi-muted">${fill(t.viewingAs, { who })}</p>
<iframe class="demo-frame" title="${fill(t.frameTitle, { title: activity.title })}" src="${activityUrl(activity, actor, locale, 'launch')}"
  allow="microphone *; camera *; display-capture *; autoplay *; fullscreen *"></iframe>
</main>`,
  );
}

/** Moodle's auth.php answer: the signed id_token posted to Amphi (auto-submitted by a script file, CSP). */
export function formPostPage(answer: { action: string; idToken: string; state: string }, locale: Locale): string {
  const t = TEXT[locale];
  return layout(
    locale,
    t.sending,
    html`<main class="amphi-page"><form id="demo-form-post" method="post" action="${answer.action}">
<input type="hidden" name="id_token" value="${answer.idToken}"><input type="hidden" name="state" value="${answer.state}">
<h1>${t.sending}</h1>
<button class="amphi-button" type="submit">${t.continue}</button>
</form></main>`,
    '/demo/assets/form-post.js',
  );
}

export const DEMO_CSS = `.demo-banner { margin: 0; padding: 0.625rem 1rem; background: var(--danger-bg); border-bottom: 1px solid var(--danger-border); color: var(--text); font-weight: 600; text-align: center; }
.demo-lang { float: right; margin: 0; }
.demo-activities, .demo-links { list-style: none; padding: 0; }
.demo-activity { padding: 0.75rem 0; border-bottom: 1px solid var(--border); }
.demo-activity h3 { margin: 0 0 0.25rem; font-size: 1.0625rem; }
.demo-links li { margin: 0.25rem 0; }
.demo-pick { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.5rem; }
.demo-pick input[type=number] { width: 6rem; min-height: 2.75rem; padding: 0.25rem 0.5rem; font: inherit; }
.demo-activity-view { max-width: 80rem; margin: 1rem auto; padding: 0 1rem; }
.demo-activity-view > * + * { margin-top: 0.75rem; }
.demo-frame { display: block; width: 100%; height: 80vh; min-height: 36rem; border: 1px solid var(--border); border-radius: 8px; background: var(--surface); }
`;

/** Posts the id_token form at once, as Moodle's auth.php does; the button stays for browsers without scripts. */
export const FORM_POST_JS = `document.getElementById('demo-form-post').submit();\n`;
