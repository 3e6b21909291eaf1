/** What the caller of generateDemoCourse says; everything but seed, publicUrl and platform has a default. */
export interface DemoCourseOptions {
  /** Same seed and options (and `now`) → same rows. */
  seed: number;
  /** The app's PUBLIC_URL: Amphi's activity ids live under it (resourceActivityId, courseActivityId). */
  publicUrl: string;
  /**
   * The LMS the course is on. An existing platform is used (by `id`, else by issuer and client id);
   * otherwise one is registered with these values (Moodle's endpoints under the issuer unless given).
   */
  platform: {
    id?: string;
    issuer: string;
    name: string;
    clientId?: string;
    deploymentId?: string;
    authLoginUrl?: string;
    authTokenUrl?: string;
    jwksUrl?: string;
  };
  /** The term ends here (default: the current time). */
  now?: Date;
  learners?: number;
  teachers?: number;
  weeks?: number;
  videos?: number;
  classroomSessionsPerWeek?: number;
  /** About this many statements over the term (the learners' sessions are scaled to it); default: the course's natural volume. */
  targetStatements?: number;
  course?: { contextId?: string; title?: string; label?: string };
  /** The BigBlueButton server whose xAPI webhooks report the classroom. */
  bbbUrl?: string;
  emailDomain?: string;
  /** Called now and then while statements are written. */
  onProgress?: (progress: { statements: number }) => void;
}

export type DemoCourseSettings = Required<Omit<DemoCourseOptions, 'targetStatements' | 'onProgress' | 'course'>> & {
  targetStatements: number | null;
  onProgress: ((progress: { statements: number }) => void) | null;
  course: { contextId: string; title: string; label: string };
};

export function demoCourseSettings(o: DemoCourseOptions): DemoCourseSettings {
  const positive = (name: string, value: number, max: number) => {
    if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`demo course: ${name} must be an integer from 0 to ${max}`);
    return value;
  };
  return {
    seed: o.seed,
    publicUrl: o.publicUrl.replace(/\/+$/, ''),
    platform: o.platform,
    now: o.now ?? new Date(),
    learners: positive('learners', o.learners ?? 300, 100_000),
    teachers: Math.max(1, positive('teachers', o.teachers ?? 2, 20)),
    weeks: Math.max(1, positive('weeks', o.weeks ?? 12, 52)),
    videos: Math.max(1, positive('videos', o.videos ?? 8, 100)),
    classroomSessionsPerWeek: Math.max(1, positive('classroomSessionsPerWeek', o.classroomSessionsPerWeek ?? 1, 5)),
    targetStatements: o.targetStatements ?? null,
    course: { contextId: o.course?.contextId ?? '101', title: o.course?.title ?? 'Statistique descriptive', label: o.course?.label ?? 'STAT101' },
    bbbUrl: o.bbbUrl ?? 'https://bbb.univ-exemple.fr/bigbluebutton/',
    emailDomain: o.emailDomain ?? 'etu.univ-exemple.fr',
    onProgress: o.onProgress ?? null,
  };
}
