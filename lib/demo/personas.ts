/** The demo's end users: subjects of the demo authorization server, offered on the sign-in page. */
export const DEMO_ISSUER = 'https://login.acme-demo.example';

export const demoPersonas = [
  {
    sub: 'u-maya-chen',
    name: 'Maya Chen',
    email: 'maya.chen@acme-demo.example',
    title: 'Staff engineer',
  },
  {
    sub: 'u-daniel-okafor',
    name: 'Daniel Okafor',
    email: 'daniel.okafor@acme-demo.example',
    title: 'Finance lead',
  },
  {
    sub: 'u-priya-natarajan',
    name: 'Priya Natarajan',
    email: 'priya.natarajan@acme-demo.example',
    title: 'Support manager',
  },
] as const;

export type DemoPersona = (typeof demoPersonas)[number];

export function findDemoPersona(sub: string): DemoPersona | null {
  return demoPersonas.find((p) => p.sub === sub) ?? null;
}
