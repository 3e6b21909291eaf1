import {
  AdminJobListSchema,
  CancelledJobSchema,
  CredentialListSchema,
  CredentialViewSchema,
  ForwardingStatusSchema,
  NewCredentialSchema,
  PlatformSettingsSchema,
  RequeuedSchema,
  RetriedJobSchema,
} from '../admin/admin.responses.js';
import { CreateCredential, CredentialParams, JobParams, ListJobs, PutDeploymentsPolicy, PutLrsIdentity, PutUploadLimit, RequeueForwarding } from '../admin/platform-admin.schemas.js';
import { BbbXapiViewSchema } from '../classroom/classroom.responses.js';
import { sessionAuth, type Operation } from './operation.js';

const admin = sessionAuth('admin');
const tags = ['admin'];

/** The administration page of a Moodle administrator's launch: always the session's own platform. */
export const adminOperations: Operation[] = [
  { method: 'get', path: '/api/admin/platform', operationId: 'getPlatformSettings', summary: 'The platform’s registration and settings', tags, auth: admin, responses: { 200: { description: 'The settings', schema: PlatformSettingsSchema } } },
  { method: 'put', path: '/api/admin/platform/deployments', operationId: 'putDeploymentsPolicy', summary: 'Whether launches from new deployments are accepted', tags, auth: admin, request: PutDeploymentsPolicy, responses: { 200: { description: 'The settings', schema: PlatformSettingsSchema } } },
  { method: 'put', path: '/api/admin/platform/lrs-identity', operationId: 'putLrsIdentity', summary: 'How learners are named in statements (pseudonymous or email)', tags, auth: admin, request: PutLrsIdentity, responses: { 200: { description: 'The settings', schema: PlatformSettingsSchema } } },
  { method: 'put', path: '/api/admin/platform/upload-limit', operationId: 'putUploadLimit', summary: 'The platform’s largest video (at most the server’s)', tags, auth: admin, request: PutUploadLimit, responses: { 200: { description: 'The settings', schema: PlatformSettingsSchema } } },
  { method: 'get', path: '/api/admin/lrs-credentials', operationId: 'listLrsCredentials', summary: 'The platform’s LRS credentials', tags, auth: admin, responses: { 200: { description: 'Credentials, without secrets', schema: CredentialListSchema } } },
  { method: 'post', path: '/api/admin/lrs-credentials', operationId: 'createLrsCredential', summary: 'A new LRS credential (its secret shown once)', tags, auth: admin, request: CreateCredential, responses: { 201: { description: 'The credential and its secret', schema: NewCredentialSchema } } },
  { method: 'delete', path: '/api/admin/lrs-credentials/{idOrKey}', operationId: 'revokeLrsCredential', summary: 'Revoke a credential, by id or key', tags, auth: admin, request: CredentialParams, responses: { 200: { description: 'The revoked credential', schema: CredentialViewSchema } } },
  { method: 'get', path: '/api/admin/forwarding', operationId: 'getForwardingStatus', summary: 'The statement sinks and their backlog', tags, auth: admin, responses: { 200: { description: 'Sinks and backlog', schema: ForwardingStatusSchema } } },
  { method: 'post', path: '/api/admin/forwarding/requeue', operationId: 'requeueForwarding', summary: 'Send failed statements to the sinks again', tags, auth: admin, request: RequeueForwarding, responses: { 200: { description: 'How many were queued', schema: RequeuedSchema } } },
  { method: 'get', path: '/api/admin/jobs', operationId: 'listJobs', summary: 'The platform’s background jobs', tags, auth: admin, request: ListJobs, responses: { 200: { description: 'Jobs, newest first', schema: AdminJobListSchema } } },
  { method: 'post', path: '/api/admin/jobs/{id}/retry', operationId: 'retryJob', summary: 'Run a failed job again', tags, auth: admin, request: JobParams, responses: { 200: { description: 'Queued again', schema: RetriedJobSchema } }, errors: [409] },
  { method: 'post', path: '/api/admin/jobs/{id}/cancel', operationId: 'cancelJob', summary: 'Cancel a queued or running job', tags, auth: admin, request: JobParams, responses: { 200: { description: 'Cancelled', schema: CancelledJobSchema } }, errors: [409] },
  { method: 'get', path: '/api/admin/bbb-xapi', operationId: 'getBbbXapi', errors: [409], summary: 'BigBlueButton’s own xAPI: whether it posts to this LRS', tags, auth: admin, responses: { 200: { description: 'The state and payload', schema: BbbXapiViewSchema } } },
  { method: 'post', path: '/api/admin/bbb-xapi', operationId: 'enableBbbXapi', errors: [409], summary: 'Enable BigBlueButton’s xAPI (or rotate its credential)', tags, auth: admin, responses: { 200: { description: 'The state and payload', schema: BbbXapiViewSchema } } },
  { method: 'delete', path: '/api/admin/bbb-xapi', operationId: 'disableBbbXapi', summary: 'Disable BigBlueButton’s xAPI', tags, auth: admin, responses: { 200: { description: 'The state', schema: BbbXapiViewSchema } } },
];
