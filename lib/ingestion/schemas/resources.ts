import { z } from 'zod';
import { clientId, common, limits, scopeList, stringList, text, uri } from './common';

export const tokenRejectionCauses = [
  'expired',
  'bad_signature',
  'wrong_audience',
  'unknown_issuer',
  'revoked',
  'missing',
] as const;

export const toolOutcomes = ['ok', 'error', 'denied'] as const;

const toolName = text(limits.name);

export const tokenRejected = z.object({
  ...common,
  resource: uri,
  cause: z.enum(tokenRejectionCauses),
});

export const toolInvoked = z.object({
  ...common,
  resource: uri,
  tool: toolName,
  client_id: clientId,
  outcome: z.enum(toolOutcomes),
  // About 31 years: any larger duration is a unit mistake, and stays a safe number in JSON.
  duration_ms: z.number().min(0).max(1e12).nullish(),
});

export const toolDenied = z.object({
  ...common,
  resource: uri,
  tool: toolName,
  client_id: clientId,
  required_scopes: scopeList,
  granted_scopes: scopeList.nullish(),
});

const tool = z.object({
  name: toolName,
  description: text(limits.text).nullish(),
  required_scopes: scopeList.nullish(),
});

export const resourceUpdated = z.object({
  ...common,
  resource: uri,
  name: text(limits.name),
  authorization_servers: stringList(limits.redirectUris, limits.uri).nullish(),
  scopes_supported: scopeList.nullish(),
  scope_descriptions: z
    .record(text(limits.scope), text(limits.text))
    .refine((map) => Object.keys(map).length <= limits.scopes, {
      message: `must describe at most ${limits.scopes} scopes`,
    })
    .nullish(),
  tools: z
    .array(tool)
    .max(limits.tools)
    .superRefine((tools, ctx) => {
      // The catalog keeps one entry per tool name, so a repeated name is ambiguous.
      const seen = new Set<string>();
      tools.forEach((t, i) => {
        if (seen.has(t.name)) {
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'repeats an earlier tool' });
        }
        seen.add(t.name);
      });
    })
    .nullish(),
});
