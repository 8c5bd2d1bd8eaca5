/**
 * A browser's user agent in plain words ("Firefox on Linux", "Safari on iPhone") for the list of
 * a person's sessions. Only the common browsers and systems are named; anything else is told as
 * what it is not sure of, never as the raw string (which is kept for the tooltip).
 */
export function describeUserAgent(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? '').slice(0, 500);
  if (!ua.trim()) return 'Unknown device';
  const browser = browserOf(ua);
  const system = systemOf(ua);
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  const tool = /^(curl|Wget|python-requests|node-fetch|undici|Go-http-client|PostmanRuntime)/i.exec(
    ua,
  );
  return tool ? `${tool[1]} (a program, not a browser)` : 'Unknown browser';
}

function browserOf(ua: string): string | null {
  if (/HeadlessChrome\//.test(ua)) return 'Headless Chrome';
  if (/Edg(A|iOS)?\//.test(ua)) return 'Edge';
  if (/OPR\/|Opera/.test(ua)) return 'Opera';
  if (/SamsungBrowser\//.test(ua)) return 'Samsung Internet';
  if (/Firefox\/|FxiOS\//.test(ua)) return 'Firefox';
  if (/Chrome\/|CriOS\//.test(ua)) return 'Chrome';
  if (/Chromium\//.test(ua)) return 'Chromium';
  if (/Safari\//.test(ua) && /Version\//.test(ua)) return 'Safari';
  return null;
}

function systemOf(ua: string): string | null {
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/iPad/.test(ua)) return 'iPad';
  if (/Android/.test(ua)) return /Mobile/.test(ua) ? 'Android phone' : 'Android tablet';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/Linux|X11/.test(ua)) return 'Linux';
  return null;
}
