/**
 * The OpenAPI 3.1 description of /api/v1, written by hand as data (served at
 * /api/v1/openapi.json). Keep it in step with api-routes.ts: the headless tests check that
 * every route is described.
 */
import { STORAGE_STATES } from '../../src-shared/contract/storage.ts';
import { EMAIL_PROBLEM_CODES, GATEWAY_STATES, MODEM_PROBLEM_CODES, RECIPIENT_STATUSES, REGISTRATION_CODES, SIM_STATE_CODES } from '../../src-shared/model.ts';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const COMMON_ERRORS = {
  '401': errorResponse('No token or API key, the wrong one, or a revoked key (`Authorization: Bearer <token or key>`).'),
  '403': errorResponse('The key\'s role may not do this (`forbidden`, details.need and details.role), or the Host or Origin header is not this server (DNS rebinding and cross-site protection).'),
  '500': errorResponse('Something went wrong inside Ujumbe.'),
};

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pageOf = (item: unknown) => ({
  type: 'object',
  required: ['items', 'nextBefore'],
  properties: {
    items: { type: 'array', items: item },
    nextBefore: { type: ['integer', 'null'], description: 'Pass as `before` for the next (older) page; null on the last page.' },
  },
});
const pagingParameters = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
  { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'The `nextBefore` of the previous page.' },
  { name: 'search', in: 'query', schema: { type: 'string', maxLength: 200 } },
];

export interface OpenApiOptions {
  version: string;
  /** e.g. http://127.0.0.1:8765/api/v1 */
  serverUrl: string;
}

export function openApiDocument(options: OpenApiOptions) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ujumbe API',
      version: options.version,
      description:
        'Send SMS and e-mail through the clinic\'s Ujumbe desk and follow each recipient\'s status. ' +
        'Every call needs `Authorization: Bearer <token>`: the per-run token printed by `ujumbe serve` and kept in ' +
        '`<data-dir>/server.json` (readable by the user running Ujumbe only; the administrator\'s rights), or an API key ' +
        'an administrator made (`POST /keys`), with that key\'s role: viewer (read), nurse (send, contacts, appointments) or administrator.',
      license: { name: 'MPL-2.0', identifier: 'MPL-2.0' },
    },
    servers: [{ url: options.serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/messages': {
        post: {
          operationId: 'sendMessage',
          summary: 'Queue a message to one or more addresses',
          description:
            'Each address is validated (phone numbers are normalised to E.164 with the clinic\'s default country). ' +
            'A message with any bad address is refused as a whole and nothing is saved. On success every recipient is in ' +
            'the outbox; follow it with GET /messages/{id}.',
          requestBody: { required: true, content: json(ref('SendRequest')) },
          responses: {
            '201': {
              description: 'Queued.',
              headers: { Location: { schema: { type: 'string' }, description: 'The message\'s URL.' } },
              content: json(ref('SendReceipt')),
            },
            '400': errorResponse('Bad JSON, a body over 1 MB, or bad input (`details.issues` lists every problem).'),
            '409': errorResponse('No gateway is set up for a recipient\'s protocol (`no-gateway`).'),
            '415': errorResponse('The body is not `application/json`.'),
            '507': errorResponse('The disk of Ujumbe\'s data folder is full (`disk-full`, `details.dataDir`): nothing was saved. Try again once space is freed; GET /health shows `storage.state`.'),
            ...COMMON_ERRORS,
          },
        },
        get: {
          operationId: 'listMessages',
          summary: 'Messages, newest first',
          parameters: [
            ...pagingParameters,
            { name: 'status', in: 'query', schema: { type: 'string', enum: [...RECIPIENT_STATUSES] } },
            { name: 'direction', in: 'query', description: 'in: received messages (with their sender); out: sent ones', schema: { enum: ['in', 'out'] } },
            { name: 'search', in: 'query', description: 'Text the message contains', schema: { type: 'string', maxLength: 200 } },
            {
              name: 'q',
              in: 'query',
              description: 'Full-text search: messages with every word (as a word prefix; accents and case ignored), newest first; each item then has text and highlight (the text in parts, the matching words marked), and only limit and before also apply',
              schema: { type: 'string', maxLength: 200 },
            },
          ],
          responses: { '200': { description: 'A page of messages.', content: json(pageOf({ type: 'object' })) }, '400': errorResponse('Bad query parameters.'), ...COMMON_ERRORS },
        },
      },
      '/messages/{id}': {
        get: {
          operationId: 'getMessage',
          summary: 'A message and each recipient\'s status',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': { description: 'The message.', content: json(ref('Message')) },
            '400': errorResponse('The id is not a positive whole number.'),
            '404': errorResponse('No such message (`not-found`).'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/appointments': {
        post: {
          operationId: 'bookAppointment',
          summary: 'Book an appointment; its reminder plan is scheduled at once',
          description:
            'The patient is found by phone (or added). Reminders whose time has passed are skipped, never sent late; each reminder is a scheduled ' +
            'SMS in the patient\'s language that expires at the start. The same `externalId` (or the same patient and start) again changes nothing: 200.',
          requestBody: { required: true, content: json(ref('AppointmentRequest')) },
          responses: {
            '201': { description: 'Booked.', headers: { Location: { schema: { type: 'string' } } }, content: json(ref('Appointment')) },
            '200': { description: 'Already booked (an import repeated): nothing changed.', content: json(ref('Appointment')) },
            '400': errorResponse('Bad input, each field named in `details.issues` (`patient.phone`, `start` in the past, a template field empty for this patient); nothing saved.'),
            ...COMMON_ERRORS,
          },
        },
        get: {
          operationId: 'listAppointments',
          summary: 'Appointments on clinic-time dates, both included',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'status', in: 'query', required: false, schema: ref('AppointmentStatus'), description: 'Only appointments in this status (e.g. reschedule-requested).' },
          ],
          responses: { '200': { description: 'Soonest first.', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Appointment') } } }) }, '400': errorResponse('Bad dates.'), ...COMMON_ERRORS },
        },
      },
      '/appointments/{id}': {
        get: {
          operationId: 'getAppointment',
          summary: 'An appointment and its reminders',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { '200': { description: 'The appointment.', content: json(ref('Appointment')) }, '404': errorResponse('No such appointment.'), ...COMMON_ERRORS },
        },
        patch: {
          operationId: 'updateAppointment',
          summary: 'Move it (reminders planned again) or change its status (cancelled, attended, missed: waiting reminders cancelled)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          requestBody: {
            required: true,
            content: json({ type: 'object', additionalProperties: false, properties: { start: { type: 'string', format: 'date-time' }, status: ref('AppointmentStatus') } }),
          },
          responses: { '200': { description: 'The appointment as it is now.', content: json(ref('Appointment')) }, '400': errorResponse('Bad input.'), '404': errorResponse('No such appointment.'), ...COMMON_ERRORS },
        },
      },
      '/templates': {
        get: { operationId: 'listTemplates', summary: 'Message templates with merge fields', responses: { '200': { description: 'All templates.', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Template') } } }) }, ...COMMON_ERRORS } },
      },
      '/templates/{id}': {
        get: { operationId: 'getTemplate', summary: 'One template', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The template.', content: json(ref('Template')) }, '404': errorResponse('No such template.'), ...COMMON_ERRORS } },
        put: {
          operationId: 'putTemplate',
          summary: 'Create or replace a template',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } }],
          requestBody: { required: true, content: json({ type: 'object', required: ['name', 'variants'], additionalProperties: false, properties: { name: { type: 'string' }, variants: { type: 'object', additionalProperties: { type: 'string' } }, discreetVariants: { type: 'object', additionalProperties: { type: 'string' } }, fallbackLanguage: { type: 'string' } } }) },
          responses: { '200': { description: 'Saved.', content: json(ref('Template')) }, '400': errorResponse('An unknown merge field (named per language) or bad input.'), ...COMMON_ERRORS },
        },
        delete: {
          operationId: 'deleteTemplate',
          summary: 'Delete a template no reminder plan uses',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Deleted.' }, '404': errorResponse('No such template.'), '409': errorResponse('Built in (details.rule "template.built-in"), or used by a plan ("template.in-use", details.plans).'), ...COMMON_ERRORS },
        },
      },
      '/stats': {
        get: {
          operationId: 'dailyStats',
          summary: 'Per clinic day: messages sent, delivered, failed, received and suppressed (status changes that day), opt-outs, appointments confirmed and attended, and reminders sent',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date', description: 'Included; at most 366 days after from' } },
          ],
          responses: {
            '200': {
              description: 'One entry per day, both ends included.',
              content: json({
                type: 'object',
                properties: {
                  days: {
                    type: 'array',
                    items: { type: 'object', properties: Object.fromEntries(['date', 'sent', 'delivered', 'failed', 'received', 'suppressed', 'optOuts', 'confirmed', 'remindersSent', 'attended'].map((k) => [k, k === 'date' ? { type: 'string', format: 'date' } : { type: 'integer' }])) },
                  },
                },
              }),
            },
            '400': errorResponse('A date that is not YYYY-MM-DD, to before from, or more than 366 days.'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/stats/summary': {
        get: {
          operationId: 'statsSummary',
          summary: 'For the same clinic days as /stats: failures by their code, messages per gateway, and what became of the appointments due in the period',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date', description: 'Included; at most 366 days after from' } },
          ],
          responses: {
            '200': {
              description: 'Status changes in the period (a message that failed twice is two failures), and the appointments due in it that were not cancelled.',
              content: json({
                type: 'object',
                properties: {
                  failedByReason: {
                    type: 'array',
                    description: 'Most first.',
                    items: { type: 'object', properties: { code: { type: ['string', 'null'], description: 'e.g. cms-500, status-41, expired; null when not recorded' }, count: { type: 'integer' } } },
                  },
                  gateways: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        gateway: { type: ['string', 'null'], description: 'null: changes no gateway made (an expiry before any send)' },
                        name: { type: ['string', 'null'] },
                        ...Object.fromEntries(['sent', 'delivered', 'failed', 'received'].map((k) => [k, { type: 'integer' }])),
                      },
                    },
                  },
                  funnel: { type: 'object', properties: Object.fromEntries(['appointments', 'reminded', 'confirmed', 'attended', 'missed'].map((k) => [k, { type: 'integer' }])) },
                },
              }),
            },
            '400': errorResponse('A date that is not YYYY-MM-DD, to before from, or more than 366 days.'),
            ...COMMON_ERRORS,
          },
        },
      },
      '/keys': {
        get: { operationId: 'listApiKeys', summary: 'API keys (administrator): names, roles, first characters; never the keys', responses: { '200': { description: 'Every key, revoked ones last.', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('ApiKey') } } }) }, ...COMMON_ERRORS } },
        post: {
          operationId: 'createApiKey',
          summary: 'Make a named key with a role (administrator). The key is in this answer only: it is stored as a hash.',
          requestBody: { required: true, content: json({ type: 'object', required: ['name', 'role'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: ref('Role') } }) },
          responses: { '201': { description: 'The key, shown once.', content: json({ allOf: [ref('ApiKey'), { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^ujk_' } } }] }) }, '400': errorResponse('No name, or not a role.'), ...COMMON_ERRORS },
        },
      },
      '/keys/{id}': {
        delete: { operationId: 'revokeApiKey', summary: 'Revoke a key (administrator): it gets 401 from the next request on', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }], responses: { '200': { description: 'The key, revoked.', content: json(ref('ApiKey')) }, '404': errorResponse('No such key.'), ...COMMON_ERRORS } },
      },
      '/audit': {
        get: {
          operationId: 'listAudit',
          summary: 'The audit trail (administrator), newest first: who did what to which object; never message text',
          parameters: [
            { name: 'actor', in: 'query', schema: { type: 'string', pattern: '^(user:\\d+|key:\\d+|host|system)$' } },
            { name: 'action', in: 'query', schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 5000, default: 200 } },
            { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'The `nextBefore` of the previous page.' },
          ],
          responses: { '200': { description: 'Entries, newest first.', content: json(pageOf(ref('AuditEntry'))) }, '400': errorResponse('An unknown parameter or a bad value.'), ...COMMON_ERRORS },
        },
      },
      '/contacts/optout': {
        get: { operationId: 'listOptOuts', summary: 'Numbers that opted out, latest first', responses: { '200': { description: 'Opted-out numbers.', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('Consent') } } }) }, ...COMMON_ERRORS } },
        post: {
          operationId: 'optOut',
          summary: 'Record that a number opted out (consent kept in another system); automated and group messages to it are then suppressed',
          requestBody: { required: true, content: json({ type: 'object', required: ['phone'], additionalProperties: false, properties: { phone: { type: 'string' }, reason: { type: 'string', maxLength: 500 } } }) },
          responses: { '200': { description: 'The number\'s consent now.', content: json(ref('Consent')) }, '400': errorResponse('Not a phone number (details.issues names "phone"), or an unknown field.'), ...COMMON_ERRORS },
        },
        delete: {
          operationId: 'optIn',
          summary: 'Record that a number opted back in: the body { "phone", "reason"? } or ?phone=',
          parameters: [{ name: 'phone', in: 'query', schema: { type: 'string' } }, { name: 'reason', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'The number\'s consent now.', content: json(ref('Consent')) }, '400': errorResponse('No phone, or not a phone number.'), ...COMMON_ERRORS },
        },
      },
      '/reminder-plans': {
        get: { operationId: 'listReminderPlans', summary: 'Reminder plans', responses: { '200': { description: 'All plans.', content: json({ type: 'object', properties: { items: { type: 'array', items: ref('ReminderPlan') } } }) }, ...COMMON_ERRORS } },
      },
      '/reminder-plans/{id}': {
        get: { operationId: 'getReminderPlan', summary: 'One reminder plan', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The plan.', content: json(ref('ReminderPlan')) }, '404': errorResponse('No such plan.'), ...COMMON_ERRORS } },
        put: {
          operationId: 'putReminderPlan',
          summary: 'Create or replace a reminder plan',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } }],
          requestBody: { required: true, content: json(ref('ReminderPlanRequest')) },
          responses: { '200': { description: 'Saved.', content: json(ref('ReminderPlan')) }, '400': errorResponse('A step names an unknown template, or bad input.'), ...COMMON_ERRORS },
        },
        delete: {
          operationId: 'deleteReminderPlan',
          summary: 'Delete a reminder plan (reminders it already scheduled stay)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Deleted.' }, '404': errorResponse('No such plan.'), '409': errorResponse('The built-in default plan (details.rule "plan.built-in").'), ...COMMON_ERRORS },
        },
      },
      '/conversations': {
        get: {
          operationId: 'listConversations',
          summary: 'Conversations (one per contact across all of their numbers, one per unknown address), most recent first',
          parameters: pagingParameters,
          responses: { '200': { description: 'A page of conversations.', content: json(pageOf(ref('Conversation'))) }, '400': errorResponse('Bad query parameters.'), ...COMMON_ERRORS },
        },
      },
      '/gateways': {
        get: {
          operationId: 'listGateways',
          summary: 'The gateways (modems, e-mail) and their state',
          responses: { '200': { description: 'Every gateway.', content: json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Gateway') } } }) }, ...COMMON_ERRORS },
        },
      },
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Is Ujumbe up, how many gateways are running, and has its disk room',
          responses: {
            '200': {
              description: 'Up.',
              content: json({
                type: 'object',
                required: ['status', 'version', 'gateways', 'running', 'storage'],
                properties: {
                  status: { const: 'ok', description: 'The host answers (even while its disk is full: see `storage`).' },
                  version: { type: 'string' },
                  gateways: { type: 'integer' },
                  running: { type: 'integer' },
                  storage: {
                    type: 'object',
                    description: 'The data folder\'s disk. `disk-full`: the last write failed for want of space (sends answer 507) until a write succeeds again; `low-space`: writes succeed, free space is under the `lowSpaceMb` setting.',
                    required: ['state', 'freeBytes', 'lowSpaceBytes', 'checkedAt'],
                    properties: {
                      state: { type: 'string', enum: [...STORAGE_STATES] },
                      freeBytes: { type: ['integer', 'null'], description: 'Bytes free for Ujumbe on that disk at the last look (statfs, every minute); null when not known.' },
                      lowSpaceBytes: { type: 'integer', description: 'The low-space threshold in bytes.' },
                      checkedAt: { type: ['string', 'null'], format: 'date-time' },
                    },
                  },
                },
              }),
            },
            ...COMMON_ERRORS,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1.', content: json({ type: 'object' }) }, ...COMMON_ERRORS },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token printed by `ujumbe serve`.' } },
      schemas: {
        Role: { enum: ['viewer', 'nurse', 'administrator'] },
        ApiKey: {
          type: 'object',
          required: ['id', 'name', 'role', 'prefix', 'created', 'createdBy', 'lastUsed', 'revoked'],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            role: { $ref: '#/components/schemas/Role' },
            prefix: { type: 'string', description: 'The key\'s first characters, to tell keys apart.' },
            created: { type: 'string', format: 'date-time' },
            createdBy: { type: 'string' },
            lastUsed: { type: ['string', 'null'], format: 'date-time' },
            revoked: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        AuditEntry: {
          type: 'object',
          required: ['id', 'at', 'actor', 'actorName', 'action', 'object'],
          properties: {
            id: { type: 'integer' },
            at: { type: 'string', format: 'date-time' },
            actor: { type: 'string', description: '`user:<id>`, `key:<id>`, `host` (the per-run token) or `system`.' },
            actorName: { type: 'string' },
            action: { type: 'string' },
            object: { type: 'string', description: 'e.g. `contact:12`, `message:77`, `settings:clinicName`.' },
          },
        },
        AppointmentStatus: { enum: ['booked', 'confirmed', 'reschedule-requested', 'cancelled', 'attended', 'missed'] },
        AppointmentRequest: {
          type: 'object',
          required: ['patient', 'start'],
          additionalProperties: false,
          properties: {
            patient: { type: 'object', required: ['name', 'phone'], additionalProperties: false, properties: { name: { type: 'string' }, phone: { type: 'string' }, language: { type: ['string', 'null'], examples: ['sw'] } } },
            start: { type: 'string', format: 'date-time', description: 'ISO 8601 with its offset; in the future.' },
            service: { type: ['string', 'null'] },
            location: { type: ['string', 'null'] },
            notes: { type: 'string' },
            externalId: { type: ['string', 'null'], description: "The EMR's id: booking it again changes nothing." },
          },
        },
        Appointment: {
          type: 'object',
          required: ['id', 'status', 'start', 'patient', 'reminders'],
          properties: {
            id: { type: 'integer' },
            status: ref('AppointmentStatus'),
            start: { type: 'string', format: 'date-time' },
            service: { type: ['string', 'null'] },
            location: { type: ['string', 'null'] },
            externalId: { type: ['string', 'null'] },
            patient: { type: 'object', properties: { name: { type: 'string' }, phone: { type: ['string', 'null'] }, language: { type: ['string', 'null'] } } },
            reminders: {
              type: 'array',
              items: {
                type: 'object',
                required: ['sendAt', 'status', 'text'],
                properties: {
                  sendAt: { type: 'string', format: 'date-time' },
                  status: { type: 'string', description: 'The SMS status (`scheduled`, `sent`, `delivered`, `failed` ...), or `skipped` (its time had passed when booked) / `cancelled`.' },
                  text: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
        Template: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, variants: { type: 'object', additionalProperties: { type: 'string' } }, discreetVariants: { type: 'object', additionalProperties: { type: 'string' } }, fallbackLanguage: { type: 'string' }, builtIn: { type: 'boolean' }, updated: { type: 'string', format: 'date-time' } },
        },
        ReminderPlanRequest: {
          type: 'object',
          required: ['name', 'services', 'steps'],
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            services: { type: 'array', items: { type: 'string' }, description: 'Empty: the default plan.' },
            steps: {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'object', required: ['kind', 'days', 'at', 'template'], properties: { kind: { const: 'days-before' }, days: { type: 'integer' }, at: { type: 'string', examples: ['09:00'] }, template: { type: 'string' } } },
                  { type: 'object', required: ['kind', 'hours', 'template'], properties: { kind: { const: 'hours-before' }, hours: { type: 'integer' }, template: { type: 'string' } } },
                  { type: 'object', required: ['kind', 'days', 'at', 'template'], properties: { kind: { const: 'days-after-if-missed' }, days: { type: 'integer' }, at: { type: 'string' }, template: { type: 'string' } } },
                ],
              },
            },
          },
        },
        Consent: {
          type: 'object',
          properties: {
            phone: { type: 'string', description: 'E.164' },
            optedOut: { type: 'boolean' },
            changedAt: { type: 'string', format: 'date-time' },
            source: { enum: ['reply', 'staff', 'api'] },
            word: { type: ['string', 'null'], description: 'The word the patient replied ("STOP")' },
            messageId: { type: ['integer', 'null'], description: 'The received message that changed it' },
            changedBy: { type: ['string', 'null'] },
            reason: { type: ['string', 'null'] },
            contactId: { type: ['integer', 'null'] },
          },
        },
        ReminderPlan: { allOf: [ref('ReminderPlanRequest'), { type: 'object', properties: { id: { type: 'string' }, builtIn: { type: 'boolean' }, updated: { type: 'string', format: 'date-time' } } }] },
        SendRequest: {
          type: 'object',
          required: ['to'],
          description: 'Exactly one of `text` and `template`.',
          oneOf: [{ required: ['text'] }, { required: ['template'] }],
          additionalProperties: false,
          properties: {
            to: {
              type: 'array',
              minItems: 1,
              maxItems: 10000,
              items: { type: 'string', maxLength: 320 },
              description: 'Addresses: a phone number is sent as SMS; anything containing `@` as e-mail.',
              examples: [['+254712345678', '0712 345 678', 'patient@example.org']],
            },
            text: { type: 'string', maxLength: 100000 },
            template: {
              type: 'string',
              maxLength: 64,
              description:
                'A template id (GET /templates) instead of `text`. Each recipient gets the variant for their contact\'s language (else the clinic\'s, else the template\'s fallback), ' +
                'the discreet variant if the contact asked for discreet messages, filled from the contact (name, first name, phone), `variables` and the clinic\'s name. ' +
                'Recipients whose texts differ get separate messages, all saved together or not at all. A field empty for a recipient is a 400 naming the recipient and the field.',
              examples: ['reminder-day-before'],
            },
            variables: {
              type: 'object',
              additionalProperties: false,
              description: 'Words for the template\'s fields, used as given for every recipient; each wins over the contact\'s and the clinic\'s. An empty one is refused.',
              properties: Object.fromEntries(['first_name', 'name', 'date', 'time', 'day', 'clinic', 'service', 'phone'].map((f) => [f, { type: 'string', minLength: 1, maxLength: 500 }])),
              examples: [{ service: 'ANC', clinic: 'Upendo Health Centre' }],
            },
            appointmentStart: {
              type: 'string',
              format: 'date-time',
              description: 'With `template`: {date}, {time} and {day} are worded from this instant in each recipient\'s language and the clinic\'s time zone ("saa 4:00 asubuhi"), unless `variables` gives them.',
              examples: ['2026-12-04T10:00:00+03:00'],
            },
            subject: { type: 'string', maxLength: 998, description: 'E-mail only.' },
            statusReport: { type: 'boolean', description: 'Ask the network for an SMS delivery report.' },
            flash: { type: 'boolean', description: 'Class 0 "flash" SMS.' },
            sendAt: {
              type: 'string',
              format: 'date-time',
              description: 'Send at this time (ISO 8601 with its offset) instead of now: the recipients wait as `scheduled`. A time already past sends at once; more than 400 days ahead is refused.',
              examples: ['2026-12-04T07:00:00+03:00'],
            },
            expiresAt: { type: 'string', format: 'date-time', description: 'Not sent after this time (it ends `failed`, code `expired`): e.g. the appointment it reminds of.' },
            automated: {
              type: 'boolean',
              default: true,
              description: "A send from another system: when scheduled, it waits for the clinic's send window (Settings). false: a person asked for this exact time.",
            },
          },
        },
        SendReceipt: {
          type: 'object',
          required: ['id', 'recipients'],
          properties: {
            id: { type: 'integer' },
            recipients: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'address', 'status'],
                properties: { id: { type: 'integer' }, address: { type: 'string', description: 'Normalised (E.164 for SMS).' }, status: ref('Status') },
              },
            },
            sms: {
              type: ['object', 'null'],
              description: 'For a template send, the most demanding of its messages.',
              properties: { encoding: { enum: ['gsm7', 'ucs2'] }, segments: { type: 'integer' } },
            },
            messages: {
              type: 'array',
              description: 'A template send only: every message saved (`id` above is the first). Recipients whose filled texts differ are in different messages.',
              items: {
                type: 'object',
                required: ['id', 'text', 'language', 'discreet', 'recipientIds'],
                properties: {
                  id: { type: 'integer' },
                  text: { type: 'string' },
                  language: { type: 'string', description: 'The template variant used.' },
                  discreet: { type: 'boolean' },
                  recipientIds: { type: 'array', items: { type: 'integer' } },
                  sms: { type: ['object', 'null'], properties: { encoding: { enum: ['gsm7', 'ucs2'] }, segments: { type: 'integer' } } },
                },
              },
            },
          },
        },
        Message: {
          type: 'object',
          required: ['id', 'direction', 'created', 'text', 'recipients'],
          properties: {
            id: { type: 'integer' },
            direction: { enum: ['in', 'out'] },
            created: { type: 'string', format: 'date-time' },
            subject: { type: ['string', 'null'] },
            text: { type: 'string' },
            sendAt: { type: ['string', 'null'], format: 'date-time', description: 'The time asked for, for a scheduled send.' },
            expiresAt: { type: ['string', 'null'], format: 'date-time' },
            recipients: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'address', 'protocol', 'status', 'error'],
                properties: {
                  id: { type: 'integer' },
                  address: { type: 'string' },
                  protocol: { enum: ['sms', 'email'] },
                  status: ref('Status'),
                  error: { type: ['string', 'null'], description: 'Why it is not sent (plain words), or null.' },
                  errorCode: { type: ['string', 'null'] },
                  attempts: { type: 'integer' },
                  nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
                  references: { type: 'array', items: { type: 'string' }, description: 'Gateway references, e.g. the SMS message reference of each part.' },
                  flags: { type: 'array', items: { enum: ['possible-duplicate', 'incomplete', 'missed-call'] } },
                  reportOverdue: {
                    type: 'boolean',
                    description: 'Sent, a delivery report was asked for, and none came within the deliveryReportWaitMinutes setting ("Sent — no delivery report yet").',
                  },
                  updated: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        Conversation: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            address: { type: 'string' },
            protocol: { enum: ['sms', 'email'] },
            contactId: { type: ['integer', 'null'] },
            contactName: { type: ['string', 'null'] },
            lastMessageAt: { type: ['string', 'null'], format: 'date-time' },
            lastMessagePreview: { type: ['string', 'null'] },
            unreadCount: { type: 'integer', description: 'For a contact: the sum over all of their conversations.' },
            conversationIds: { type: 'array', items: { type: 'integer' }, description: 'The conversations merged here: one entry per contact across all of their numbers and e-mail addresses, `id` (the most recent) first.' },
            contactAddresses: { type: 'array', items: { type: 'object', properties: { address: { type: 'string' }, protocol: { enum: ['sms', 'email'] }, preferred: { type: 'boolean' } } } },
            replyTo: { type: 'object', description: 'Where a reply goes by default: the contact\'s preferred number, else the newest message\'s address.', properties: { address: { type: 'string' }, protocol: { enum: ['sms', 'email'] } } },
          },
        },
        Gateway: {
          type: 'object',
          description: 'A gateway and its state. The problem is a code with its values; words are the client\'s to choose.',
          required: ['id', 'label', 'protocol', 'kind', 'state', 'enabled', 'problem', 'detail', 'queueLength', 'sentToday', 'lastError', 'demo', 'dailyCap', 'dailyCapReached'],
          properties: {
            id: { type: 'string', examples: ['modem:356938035643809', 'email'] },
            label: { type: 'string' },
            protocol: { enum: ['sms', 'email'] },
            kind: { enum: ['modem', 'email'] },
            state: { enum: [...GATEWAY_STATES] },
            enabled: { type: 'boolean' },
            problem: {
              oneOf: [
                { type: 'null' },
                { type: 'object', required: ['code', 'values'], properties: { code: { enum: [...new Set([...MODEM_PROBLEM_CODES, ...EMAIL_PROBLEM_CODES])] }, values: { type: 'object', additionalProperties: { type: ['string', 'number'] } } } },
              ],
            },
            detail: {
              oneOf: [
                {
                  title: 'Modem',
                  type: 'object',
                  properties: {
                    port: { type: 'string' },
                    profile: { type: ['string', 'null'] },
                    manufacturer: { type: ['string', 'null'] },
                    model: { type: ['string', 'null'] },
                    revision: { type: ['string', 'null'] },
                    imei: { type: ['string', 'null'] },
                    operator: { type: ['string', 'null'] },
                    signalDbm: { type: ['integer', 'null'] },
                    signalBars: { type: ['integer', 'null'], minimum: 0, maximum: 5 },
                    registration: { enum: [...REGISTRATION_CODES, null] },
                    sim: { enum: [...SIM_STATE_CODES, null] },
                    smsMode: { enum: ['pdu', 'text', null] },
                    serviceCentre: { type: ['boolean', 'null'] },
                    undecodableOnSim: { type: 'integer', description: 'Received messages left on the SIM because they could not be read (only a failed database write leaves one).' },
                    unreadableStored: { type: 'integer', description: 'Received messages that could not be read, kept in the database for a technician and deleted from the SIM.' },
                  },
                },
                {
                  title: 'E-mail',
                  type: 'object',
                  properties: { server: { type: 'string' }, security: { enum: ['tls', 'starttls', 'none'] }, lastFailure: { type: ['string', 'null'] } },
                },
              ],
            },
            queueLength: { type: 'integer' },
            sentToday: { type: 'integer' },
            lastError: { type: ['string', 'null'] },
            demo: { type: 'boolean' },
            dailyCap: { type: ['integer', 'null'] },
            dailyCapReached: { type: 'boolean' },
          },
        },
        Status: { enum: [...RECIPIENT_STATUSES] },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { type: 'string', examples: ['validation', 'invalid-params', 'bad-json', 'body-too-large', 'unauthorised', 'forbidden', 'not-found', 'unknown-route', 'status-conflict', 'no-gateway', 'internal'] },
                message: { type: 'string' },
                details: { type: 'object', description: 'For `validation`: `issues: [{ where, rule, message }]`.' },
              },
            },
          },
        },
      },
    },
  };
}
