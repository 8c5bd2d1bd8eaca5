import { buildOpenApiDocument } from '@/lib/api/openapi/document';
import { hubUrl } from '@/lib/sources/present';

export const dynamic = 'force-dynamic';

/** The management API's OpenAPI 3.1 document; public, it holds nothing secret. */
export function GET() {
  return Response.json(buildOpenApiDocument(hubUrl()), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
