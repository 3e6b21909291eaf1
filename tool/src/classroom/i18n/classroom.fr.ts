import type { classroomEn } from './classroom.en.js';

/** French strings of the classroom page's frame: the same keys as classroom.en.ts. */
export const classroomFr = {
  'classroom.tab.room': 'Classe virtuelle',
  'classroom.tab.schedule': 'Planning',
  'classroom.tab.recordings': 'Enregistrements',
  'classroom.tab.participation': 'Participation',
  'classroom.tab.server': 'Serveur',
} as const satisfies Record<keyof typeof classroomEn, string>;
