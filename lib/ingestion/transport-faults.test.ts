import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@/lib/testing/test-database';
import { handleIngestionRequest } from './transport';

describe('ingestion when the hub itself fails', () => {
  it('answers 503 with Retry-After, so senders retry, when the database is gone', async () => {
    const database = await createTestDatabase();
    await database.dispose();
    const request = new Request('http://hub.test/x', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/cloudevents+json' },
    });
    const response = await handleIngestionRequest(database.db, randomUUID(), request);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
