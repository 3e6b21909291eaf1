import { StoredClassroomSettings } from '../classroom/classroom-settings.schemas.js';
import type { LrsIdentity } from '../lti/platforms/platform.table.js';
import type { ClassroomResource, CourseModel, CredentialModel, Learner, LearnerProfile, Person, Resource, VideoResource } from './course-model.js';
import { demoHex, demoRandom, demoUuid } from './demo-ids.js';
import { personName } from './demo-names.js';
import type { DemoCourseSettings } from './demo-course-options.js';

const DAY = 86_400_000;

const VIDEO_TITLES = [
  'Variables et populations', 'Représenter une distribution', 'Moyenne, médiane, mode', 'Dispersion et écart-type', 'Corrélation',
  'Régression linéaire', 'Probabilités : les bases', 'Lois discrètes', 'La loi normale', 'Échantillonnage', 'Intervalles de confiance',
  'Tests d’hypothèse', 'Khi-deux', 'Analyse de variance', 'Révisions',
];

/** Share of the class that never shows up, and that drifts away, as observed in first-year courses. */
const NEVER_SHARE = 0.05;
const DRIFT_SHARE = 0.12;

/** Ids, people, resources and dates of the course, from the seed: nothing is written yet. */
export function buildCourseModel(
  o: DemoCourseSettings,
  platform: { id: string; issuer: string; name: string; lrsIdentity: LrsIdentity },
  deployment: { id: string; deploymentId: string },
): CourseModel {
  const seed = o.seed;
  const end = o.now.getTime();
  // From midnight (UTC): the generator works a day at a time.
  const start = Math.floor((end - o.weeks * 7 * DAY) / DAY) * DAY;
  const domain = o.emailDomain;
  const contextId = o.course.contextId;
  let cmid = Number(contextId) * 100 || 1000;
  const link = (key: string, gradable: boolean, scoreMaximum: number | null): Omit<Resource, 'id' | 'title'> => {
    cmid++;
    return { cmid, linkRowId: demoUuid(seed, 'link', key), resourceLinkId: String(cmid), gradable, scoreMaximum, lineItemId: gradable ? demoUuid(seed, 'line-item', key) : null };
  };

  const teachers: Person[] = Array.from({ length: o.teachers }, (_, i) => {
    const sub = String(3 + i);
    return { userId: '', sub, name: personName(demoRandom(seed, 'teacher', i), sub, domain), locale: 'fr', role: 'instructor' };
  });
  const profiles = assignProfiles(seed, o.learners);
  const learners: Learner[] = Array.from({ length: o.learners }, (_, i) => {
    const r = demoRandom(seed, 'learner', i);
    const sub = String(100 + i);
    return {
      userId: '',
      sub,
      name: personName(r, sub, domain),
      locale: r.chance(0.85) ? 'fr' : 'en',
      role: 'learner',
      index: i,
      profile: profiles[i]!,
      weight: Math.exp(0.7 * r.normal()),
      fadeWeek: o.weeks * r.between(0.25, 0.6),
    };
  });

  const videos: VideoResource[] = Array.from({ length: o.videos }, (_, i) => {
    const r = demoRandom(seed, 'video', i);
    const gradable = i % 3 === 0;
    return {
      id: demoUuid(seed, 'resource', 'video', i),
      title: `Cours ${i + 1} : ${VIDEO_TITLES[i % VIDEO_TITLES.length]}`,
      ...link(`video-${i}`, gradable, gradable ? 10 : null),
      mediaId: demoUuid(seed, 'media', i),
      durationSeconds: Math.round(r.between(240, 1500) * 1000) / 1000,
      completionThreshold: 0.9,
      // Spread over the term's first three quarters: the last weeks are for revising.
      releasedAt: start + Math.floor((i * o.weeks * 0.75) / Math.max(1, o.videos)) * 7 * DAY,
    };
  });

  const classroom = classroomModel(o, start, link('classroom', true, 20));
  const dashboards = {
    instructors: { id: demoUuid(seed, 'resource', 'dashboard', 'instructors'), title: 'Tableau de bord de l’équipe pédagogique', ...link('dashboard-instructors', false, null) },
    learners: { id: demoUuid(seed, 'resource', 'dashboard', 'learners'), title: 'Mon suivi', ...link('dashboard-learners', false, null) },
  };
  const modules = (['page', 'resource', 'resource', 'forum', 'url', 'page', 'resource', 'forum'] as const).map((kind, i) => ({ cmid: ++cmid, kind, name: moduleName(kind, i) }));
  const quizzes = Array.from({ length: Math.max(1, Math.round(o.weeks / 3)) }, (_, q) => {
    const r = demoRandom(seed, 'quiz', q);
    return { cmid: ++cmid, name: `Quiz ${q + 1}`, questions: Array.from({ length: 5 + r.int(6) }, () => 1 + r.int(99_999)), opensAt: start + q * 3 * 7 * DAY + 2 * DAY };
  });

  return {
    seed,
    publicUrl: o.publicUrl,
    start,
    end,
    weeks: o.weeks,
    platform,
    deployment,
    context: { id: demoUuid(seed, 'context', platform.issuer, contextId), contextId, title: o.course.title, label: o.course.label },
    teachers,
    learners,
    videos,
    classroom,
    dashboards,
    moodle: { modules, quizzes },
    bbbOrigin: new URL(o.bbbUrl).origin,
    credentials: { moodle: credential(seed, o.publicUrl, 'Moodle (logstore_xapi)'), bbb: credential(seed, o.publicUrl, 'BigBlueButton (xAPI webhooks)') },
  };
}

/** Exactly the shares asked for (at least one of each in a class of ten or more), spread over the list. */
function assignProfiles(seed: number, count: number): LearnerProfile[] {
  const never = count >= 10 ? Math.max(1, Math.round(count * NEVER_SHARE)) : 0;
  const drifting = count >= 10 ? Math.max(1, Math.round(count * DRIFT_SHARE)) : 0;
  const order = Array.from({ length: count }, (_, i) => i);
  const r = demoRandom(seed, 'profiles');
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const profiles: LearnerProfile[] = new Array(count).fill('steady');
  order.slice(0, never).forEach((i) => (profiles[i] = 'never'));
  order.slice(never, never + drifting).forEach((i) => (profiles[i] = 'drifting'));
  return profiles;
}

function classroomModel(o: DemoCourseSettings, start: number, link: Omit<Resource, 'id' | 'title'>): ClassroomResource {
  const weekdays = [3, 1, 5, 2, 4].slice(0, Math.max(1, Math.min(5, o.classroomSessionsPerWeek))).sort();
  const durationMinutes = 90;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const settings = StoredClassroomSettings.parse({
    welcomeMessage: 'Bienvenue dans la classe virtuelle du cours.',
    timeZone: 'Europe/Paris',
    sessions: [{ kind: 'weekly', id: 'tutorat', title: 'Tutorat', weekdays, startTime: '14:00', durationMinutes, fromDate: day(start), untilDate: day(o.now.getTime() + 21 * DAY), exceptions: [] }],
    attendanceRule: { kind: 'minutes', minutes: 60 * Math.max(1, Math.round(o.weeks * o.classroomSessionsPerWeek * 0.5)) },
  });
  return { id: demoUuid(o.seed, 'resource', 'classroom'), title: 'Tutorat en classe virtuelle', ...link, settings, durationMinutes };
}

function moduleName(kind: string, i: number): string {
  const names: Record<string, string> = { page: 'Plan du cours', resource: 'Polycopié', forum: 'Forum des questions', url: 'Ressources en ligne' };
  return `${names[kind]} ${Math.floor(i / 2) + 1}`;
}

/** The credential Moodle's or BBB's statements came in with: its authority names it (credential.service.ts). */
function credential(seed: number, publicUrl: string, name: string): CredentialModel {
  const key = `amphi_${demoHex(seed, 24, 'credential', name)}`;
  return { id: demoUuid(seed, 'credential', name), name, key, authority: { objectType: 'Agent', name, account: { homePage: `${publicUrl}/xapi`, name: key } } };
}
