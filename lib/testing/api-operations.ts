import { discoverRouteFiles } from '@/lib/access/discover';
import { operationsOf } from '@/lib/api/methods';
import type { Operation } from '@/lib/api/operation';
import { buildOpenApiDocument } from '@/lib/api/openapi/document';

/**
 * The operations the route files of app/api declare, found by importing each file (as the served
 * document finds them through app/api/v1/openapi.json/routes.generated.ts).
 */
export async function declaredRoutes(root = process.cwd()) {
  return Promise.all(
    discoverRouteFiles(root).map(async (route) => {
      const routeModule = (await import(/* @vite-ignore */ `${root}/${route.file}`)) as Record<
        string,
        unknown
      >;
      return { ...route, routeModule, operations: operationsOf(routeModule) };
    }),
  );
}

export async function declaredOperations(root = process.cwd()): Promise<Operation[]> {
  return (await declaredRoutes(root)).flatMap((r) => r.operations);
}

/** The JSON Schema of an operation's success answer, as the served document has it. */
export async function documentedAnswer(method: string, apiPath: string, status = 200) {
  const document = buildOpenApiDocument(await declaredOperations());
  const op = (document.paths[apiPath] as Record<string, { responses: Record<string, unknown> }>)?.[
    method.toLowerCase()
  ];
  const response = op?.responses[String(status)] as
    { content: Record<string, { schema: object }> } | undefined;
  if (!response) throw new Error(`no ${status} answer of ${method} ${apiPath} is documented`);
  return Object.values(response.content)[0]!.schema;
}
