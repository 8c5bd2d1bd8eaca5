import type { Operation } from './operation';

const checkpointsNote =
  'Checkpoints, Merkle roots and the export format: lib/audit/seal/README.md in the repository.';

const verificationSchema = {
  type: 'object',
  required: ['status', 'events', 'checkpoints', 'problem_count', 'problems'],
  properties: {
    status: { enum: ['verified', 'failed', 'never'] },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
    verified_through: { type: ['string', 'null'], format: 'date-time' },
    events: { type: 'integer' },
    checkpoints: { type: 'integer' },
    unsealed_events: { type: 'integer' },
    dropped_events: { type: 'integer' },
    head: {
      type: ['object', 'null'],
      properties: { seq: { type: 'integer' }, hash: { type: 'string' } },
    },
    problem_count: { type: 'integer' },
    running: {
      type: 'boolean',
      description: 'a verification of the trail is running now (poll until false)',
    },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'detail'],
        properties: {
          kind: { type: 'string' },
          seq: { type: 'integer' },
          detail: { type: 'string' },
        },
      },
    },
  },
};

/** The sealed audit trail: keys, verification, the export that proves itself. */
export const auditSealOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/audit/keys',
    tag: 'Audit trail',
    summary: 'The Ed25519 public keys that sign audit checkpoints (JWK Set)',
    description: checkpointsNote,
    access: 'public',
    response: {
      status: 200,
      schema: {
        type: 'object',
        required: ['keys'],
        properties: { keys: { type: 'array', items: { type: 'object' } } },
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'What the last verification of the whole sealed trail found',
    access: 'read',
    response: { status: 200, schema: verificationSchema },
  },
  {
    method: 'post',
    path: '/api/v1/audit/verification',
    tag: 'Audit trail',
    summary: 'Verify the whole sealed trail now',
    description:
      'Joins a verification already running for the org. Answers 200 with the outcome when it ' +
      'finishes within 10 s; a bigger trail answers 202 with the last outcome and ' +
      '`running: true` (`Location` and `Retry-After` say where and when to poll) and goes on in ' +
      'the background.',
    access: 'read',
    response: { status: 200, schema: verificationSchema },
  },
  {
    method: 'get',
    path: '/api/v1/audit/sealed-export',
    tag: 'Audit trail',
    summary: 'The whole sealed trail with its signed checkpoints, as NDJSON that verifies offline',
    description: checkpointsNote,
    access: 'read',
    response: {
      status: 200,
      contentType: 'application/x-ndjson',
      schema: { type: 'string', description: 'a header line, then checkpoints and their events' },
    },
  },
];
