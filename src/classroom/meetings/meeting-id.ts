/** BBB's meetingID for a classroom: stable, so a create that timed out on our side finds BBB's meeting again (duplicateWarning). */
export function classroomMeetingId(resourceId: string): string {
  return `amphi-${resourceId}`;
}
