import { anyObject } from '@/lib/api/fields';
import { operationsOf, routeMethods } from '@/lib/api/methods';
import { defineOperation, type OperationHandler } from '@/lib/api/operation';
import { buildOpenApiDocument } from '@/lib/api/openapi/document';
import { hubUrl } from '@/lib/sources/present';
// written by lib/api/openapi/write-route-registry.ts (npm postinstall, predev, prebuild, …)
import { routeModules } from './routes.generated';

export const dynamic = 'force-dynamic';

/** The management API's OpenAPI 3.1 document; public, it holds nothing secret. */
const openApiDocument: OperationHandler = defineOperation(
  {
    method: 'GET',
    path: '/api/v1/openapi.json',
    tag: 'Operations',
    summary: 'This document',
    access: 'public',
    response: { status: 200, schema: anyObject },
    headers: { 'cache-control': 'public, max-age=300' },
  },
  async () =>
    buildOpenApiDocument(
      [openApiDocument.operation, ...routeModules.flatMap(operationsOf)],
      hubUrl(),
    ),
);

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(openApiDocument);
