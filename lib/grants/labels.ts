/** How the console names a token's type in running text. */
export const tokenTypeLabels: Record<string, string> = {
  access_token: 'access token',
  refresh_token: 'refresh token',
};
