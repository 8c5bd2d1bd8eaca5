/**
 * Copy-ready ways to send one signed test event, shown once with a new secret: a shell script
 * that needs only curl and openssl, and the same with the official `standardwebhooks` library.
 */
export function testEventSnippets(input: {
  endpointUrl: string;
  secret: string;
  issuer: string | null;
}) {
  const source = input.issuer ?? 'https://auth.example.com';
  const data = `{"client_id":"hub-test-client","method":"manual","client_name":"Hub test agent","redirect_uris":["https://example.com/callback"],"grant_types":["authorization_code"],"token_endpoint_auth_method":"none"}`;
  const shell = [
    `SECRET='${input.secret}'`,
    `URL='${input.endpointUrl}'`,
    `ID="evt_$(date +%s%N)"; TS=$(date +%s)`,
    `BODY='{"specversion":"1.0","id":"'$ID'","source":"${source}","type":"client.registered","time":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'","data":${data}}'`,
    `KEY=$(printf '%s' "\${SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \\n')`,
    `SIG=$(printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64)`,
    `curl -sS "$URL" -H 'content-type: application/cloudevents+json' \\`,
    `  -H "webhook-id: $ID" -H "webhook-timestamp: $TS" -H "webhook-signature: v1,$SIG" -d "$BODY"`,
  ].join('\n');
  const node = [
    `// npm install standardwebhooks   (Node.js 20+, save as send-test-event.mjs)`,
    `import { Webhook } from 'standardwebhooks';`,
    `const id = \`evt_\${Date.now()}\`, now = new Date();`,
    `const body = JSON.stringify({ specversion: '1.0', id, source: '${source}', type: 'client.registered',`,
    `  time: now.toISOString(), data: ${data} });`,
    `const signature = new Webhook('${input.secret}').sign(id, now, body);`,
    `const res = await fetch('${input.endpointUrl}', { method: 'POST', body, headers: {`,
    `  'content-type': 'application/cloudevents+json', 'webhook-id': id,`,
    `  'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature } });`,
    `console.log(res.status, await res.text());`,
  ].join('\n');
  return { shell, node };
}
