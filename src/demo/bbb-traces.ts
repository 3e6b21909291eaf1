import { VC_ACTIVITY_TYPE, VC_PROFILE_ID } from '../classroom/attendance/classroom-statements.service.js';
import type { Activity, Statement } from '../lrs/xapi/xapi.types.js';
import type { CourseModel, Person } from './course-model.js';
import { demoUuid } from './demo-ids.js';
import type { PendingStatement, StatementSource } from '../lrs/statements/statement-backfill.service.js';

/**
 * What BigBlueButton's xAPI webhooks (bbb-webhooks' xAPI output) send during a meeting: joins and
 * leaves, chat messages posted, poll answers, reactions. The meeting is an activity on the BBB
 * server; the registration is the session Amphi opened (classroom_meetings.id); actors are
 * accounts on the BBB server named by the user id Amphi's join gave BBB, the LTI `sub`.
 */
const VERB = {
  join: { id: 'http://activitystrea.ms/join', display: { en: 'joined' } },
  leave: { id: 'http://activitystrea.ms/leave', display: { en: 'left' } },
  posted: { id: 'https://w3id.org/xapi/acrossx/verbs/posted', display: { en: 'posted' } },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } },
  reacted: { id: 'https://w3id.org/xapi/virtual-classroom/verbs/reacted', display: { en: 'reacted' } },
} as const;
const SESSION_ID_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const EMOJI_EXT = 'https://w3id.org/xapi/virtual-classroom/extensions/emoji';

export class BbbTraces {
  private readonly meeting: Activity;
  private count = 0;

  constructor(
    private readonly model: CourseModel,
    private readonly source: StatementSource,
    private readonly add: (p: PendingStatement) => void,
    private readonly session: { rowId: string; internalMeetingId: string; key: number; title: string },
  ) {
    this.meeting = { objectType: 'Activity', id: this.activityId('meeting'), definition: { type: VC_ACTIVITY_TYPE, name: { en: session.title } } };
  }

  joined(person: Person, at: number): void {
    this.emit(person, VERB.join, this.meeting, at);
  }

  left(person: Person, at: number): void {
    this.emit(person, VERB.leave, this.meeting, at);
  }

  posted(person: Person, at: number): void {
    const message: Activity = { objectType: 'Activity', id: this.activityId('chat', this.count), definition: { type: 'https://w3id.org/xapi/acrossx/activities/message' } };
    this.emit(person, VERB.posted, message, at, true);
  }

  answered(person: Person, poll: number, response: string, at: number): void {
    const object: Activity = {
      objectType: 'Activity', id: this.activityId('poll', poll),
      definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'choice', name: { en: `Poll ${poll + 1}` }, choices: ['A', 'B', 'C', 'D'].map((id) => ({ id, description: { en: id } })) },
    };
    this.emit(person, VERB.answered, object, at, true, { response });
  }

  reacted(person: Person, emoji: string, at: number): void {
    this.emit(person, VERB.reacted, this.meeting, at, false, { extensions: { [EMOJI_EXT]: emoji } });
  }

  private activityId(...parts: (string | number)[]): string {
    return `${this.model.bbbOrigin}/xapi/activities/${demoUuid(this.model.seed, 'bbb', this.session.key, ...parts)}`;
  }

  private emit(person: Person, verb: Statement['verb'], object: Activity, at: number, inMeeting = false, result?: Statement['result']): void {
    const n = this.count++;
    const statement = {
      id: demoUuid(this.model.seed, 'bbb-statement', this.session.key, n),
      actor: { objectType: 'Agent' as const, name: person.name.name, account: { homePage: this.model.bbbOrigin, name: person.sub } },
      verb,
      object,
      ...(result ? { result } : {}),
      context: {
        registration: this.session.rowId,
        contextActivities: {
          category: [{ objectType: 'Activity' as const, id: VC_PROFILE_ID, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
          ...(inMeeting ? { parent: [this.meeting] } : {}),
        },
        extensions: { [SESSION_ID_EXT]: this.session.internalMeetingId },
      },
      timestamp: new Date(Math.round(at)).toISOString(),
    };
    // Webhooks are posted as events happen, a second or two later.
    this.add({ statement, source: this.source, storedAt: at + 800 + (n % 7) * 300 });
  }
}
