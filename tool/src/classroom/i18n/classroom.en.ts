/** English strings of the classroom page's frame (spread into i18n/en.ts); each area has its own file. */
export const classroomEn = {
  'classroom.tab.room': 'Classroom',
  'classroom.tab.schedule': 'Schedule',
  'classroom.tab.recordings': 'Recordings',
  'classroom.tab.participation': 'Participation',
  'classroom.tab.server': 'Server',
} as const;
