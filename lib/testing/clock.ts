import { cloudEvent } from '@/lib/testing/events';

/**
 * Events placed relative to a fixed "now" for the overview and MCP server tests. The ingestion
 * test events count seconds from 2026-01-01; these count hours before NOW.
 */
export const NOW = new Date('2026-01-20T12:30:00.000Z');
const BASE = Date.UTC(2026, 0, 1);

export const hoursAgo = (hours: number) => (NOW.getTime() - hours * 3_600_000 - BASE) / 1000;

export const eventAt = (type: string, data: Record<string, unknown>, hours: number) =>
  cloudEvent(type, data, hoursAgo(hours));

export const isoHoursAgo = (hours: number) =>
  new Date(NOW.getTime() - hours * 3_600_000).toISOString();

export const clientOf = (name: string) => `https://${name}.example/client.json`;

export const registration = (name: string, hours: number, method = 'cimd') =>
  eventAt(
    'client.registered',
    {
      client_id: clientOf(name),
      method,
      client_name: name,
      redirect_uris: [`https://${name}.example/callback`],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
    },
    hours,
  );
