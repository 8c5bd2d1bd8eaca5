import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Agent Identity Hub', template: '%s · Agent Identity Hub' },
  description: 'Every AI agent, its consents, tokens and actions, in one place.',
};

// Runs before paint so a dark-mode user never sees a white flash. The choice lives in
// localStorage ("light", "dark" or "system").
const themeScript = `try{var t=localStorage.getItem('hub-theme')||'system';if(t==='dark'||(t==='system'&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts's nonce: the page's Content-Security-Policy runs no script without it
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
