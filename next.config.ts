import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and postgres.js opens raw sockets: both must load from node_modules
  // at run time rather than be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  // forbidden() gives a signed-in user without the role a real 403 page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
