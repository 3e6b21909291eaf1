import type { classroomEn } from './classroom.en.js';

/** French strings of the classroom page's frame: the same keys as classroom.en.ts. */
export const classroomFr = {
  'classroom.tab.room': 'Classe virtuelle',
  'classroom.tab.sessions': 'Séances et réglages',
  'classroom.tab.recordings': 'Enregistrements',
  'classroom.tab.attendance': 'Présences',
  'classroom.tab.server': 'Serveur BigBlueButton',
} as const satisfies Record<keyof typeof classroomEn, string>;
