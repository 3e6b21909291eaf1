/** English strings of the classroom page's frame (spread into i18n/en.ts); each area has its own file. */
export const classroomEn = {
  'classroom.tab.room': 'Classroom',
  'classroom.tab.sessions': 'Sessions and settings',
  'classroom.tab.recordings': 'Recordings',
  'classroom.tab.attendance': 'Attendance',
  'classroom.tab.server': 'BigBlueButton server',
} as const;
