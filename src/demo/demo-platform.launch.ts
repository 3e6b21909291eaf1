import { SignJWT } from 'jose';
import { AppError } from '../http/errors.js';
import type { Locale } from '../http/messages.js';
import { RESOURCE_ID_CUSTOM_PARAM } from '../lti/launch/launch-context.js';
import type { DemoActivity, DemoCourse, DemoPerson, LiveDemo } from './demo-platform.service.js';
import { DEMO_DEPLOYMENT_ID, demoEndpoints } from './demo-platform.service.js';

/**
 * The demo platform's side of an LTI 1.3 launch, as Moodle does it (LTI 1.3 §5.1, Security
 * Framework §5.1.1): the third-party initiated login it sends to Amphi, the checks it makes on
 * Amphi's authentication request, and the id_token it signs in answer.
 * https://www.imsglobal.org/spec/security/v1p0/#openid_connect_launch_flow
 */
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const ROLES = {
  teacher: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
  learner: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
};

/** Who opens the activity: the teacher or the learner of that rank (1-based) on the course list. */
export type DemoActor = { role: 'teacher' } | { role: 'learner'; rank: number };

/** What the demo platform remembers between its login and its authorization endpoint: carried by lti_message_hint. */
interface MessageHint {
  a: string;
  r: 'teacher' | 'learner';
  n: number;
  l: Locale;
}

export function personOf(course: DemoCourse, actor: DemoActor): DemoPerson | undefined {
  return actor.role === 'teacher' ? course.teachers[0] : course.learners[actor.rank - 1];
}

export function activityOf(course: DemoCourse, resourceLinkId: string): DemoActivity | undefined {
  return course.activities.find((a) => a.resourceLinkId === resourceLinkId);
}

/** Step 1, Moodle's mod/lti/launch.php: the third-party initiated login Amphi's /lti/login receives. */
export function loginInitiationUrl(publicUrl: string, demo: LiveDemo, activity: DemoActivity, actor: DemoActor, locale: Locale): string {
  const person = personOf(demo.course, actor);
  if (!person) throw new AppError('not-found', 404);
  const hint: MessageHint = { a: activity.resourceLinkId, r: actor.role, n: actor.role === 'learner' ? actor.rank : 0, l: locale };
  const params = new URLSearchParams({
    iss: demo.platform.issuer,
    login_hint: person.sub,
    target_link_uri: `${publicUrl}/lti/launch`,
    lti_message_hint: Buffer.from(JSON.stringify(hint)).toString('base64url'),
    client_id: demo.platform.client_id,
    lti_deployment_id: DEMO_DEPLOYMENT_ID,
  });
  return `${publicUrl}/lti/login?${params}`;
}

export interface AuthenticationRequest {
  scope: string;
  response_type: string;
  response_mode: string;
  prompt: string;
  client_id: string;
  redirect_uri: string;
  login_hint: string;
  lti_message_hint: string;
  state: string;
  nonce: string;
}

/**
 * Step 2, Moodle's mod/lti/auth.php: Amphi's authentication request checked as Moodle checks it,
 * then the signed id_token and where to post it. Refusals name what was wrong (it is a demo).
 */
export async function answerAuthentication(publicUrl: string, demo: LiveDemo, request: AuthenticationRequest): Promise<{ action: string; idToken: string; state: string }> {
  const problems: string[] = [];
  if (request.scope !== 'openid') problems.push('scope must be openid');
  if (request.response_type !== 'id_token') problems.push('response_type must be id_token');
  if (request.response_mode !== 'form_post') problems.push('response_mode must be form_post');
  if (request.prompt !== 'none') problems.push('prompt must be none');
  if (request.client_id !== demo.platform.client_id) problems.push('unknown client_id');
  if (request.redirect_uri !== `${publicUrl}/lti/launch`) problems.push('redirect_uri is not the registered one');
  const hint = readHint(request.lti_message_hint);
  const activity = hint && activityOf(demo.course, hint.a);
  const person = hint && personOf(demo.course, hint.r === 'teacher' ? { role: 'teacher' } : { role: 'learner', rank: hint.n });
  if (!activity || !person) problems.push('lti_message_hint names no activity or person of the demo course');
  else if (person.sub !== request.login_hint) problems.push('login_hint does not match lti_message_hint');
  if (problems.length) throw new AppError('invalid-request', 400, { details: problems.join('; ') });
  const idToken = await signIdToken(publicUrl, demo, { activity: activity!, person: person!, role: hint!.r, locale: hint!.l, nonce: request.nonce });
  return { action: request.redirect_uri, idToken, state: request.state };
}

async function signIdToken(
  publicUrl: string,
  demo: LiveDemo,
  launch: { activity: DemoActivity; person: DemoPerson; role: 'teacher' | 'learner'; locale: Locale; nonce: string },
): Promise<string> {
  const { activity, person } = launch;
  const course = demo.course;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: demo.platform.issuer,
    aud: demo.platform.client_id,
    iat: now,
    exp: now + 60,
    nonce: launch.nonce,
    sub: person.sub,
    name: person.name,
    given_name: person.givenName,
    family_name: person.familyName,
    email: person.email,
    locale: launch.locale,
    [`${LTI}message_type`]: 'LtiResourceLinkRequest',
    [`${LTI}version`]: '1.3.0',
    [`${LTI}deployment_id`]: DEMO_DEPLOYMENT_ID,
    [`${LTI}target_link_uri`]: `${publicUrl}/lti/launch`,
    [`${LTI}roles`]: ROLES[launch.role],
    [`${LTI}resource_link`]: { id: activity.resourceLinkId, title: activity.title },
    [`${LTI}context`]: { ...course.context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
    [`${LTI}launch_presentation`]: { locale: launch.locale, document_target: 'iframe', return_url: demoEndpoints(publicUrl).page },
    [`${LTI}tool_platform`]: { guid: demo.platform.id, name: demo.platform.name, product_family_code: 'amphi-demo' },
    [`${LTI}custom`]: { [RESOURCE_ID_CUSTOM_PARAM]: activity.resourceId },
  };
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: demo.kid }).sign(demo.signingKey);
}

function readHint(value: string): MessageHint | undefined {
  try {
    const hint = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<MessageHint>;
    if (typeof hint.a !== 'string' || (hint.r !== 'teacher' && hint.r !== 'learner') || !Number.isInteger(hint.n)) return undefined;
    return { a: hint.a, r: hint.r, n: hint.n!, l: hint.l === 'fr' ? 'fr' : 'en' };
  } catch {
    return undefined;
  }
}
