import { pageAccess, publicPages } from '../../lib/access/access-table';
import { discoverPageFiles } from '../../lib/access/discover';

/** A page behind an id, reached through the first matching link of its list page. */
export type DetailPage = { pattern: string; list: string; link: RegExp };

export type OwnerPages = {
  /** pages without dynamic segments, by URL path */
  fixed: { path: string; file: string }[];
  detail: DetailPage[];
  /** the pages the owner may not open (sign-in, the end user's page), each checked on its own */
  others: string[];
};

/**
 * Every page the org's owner may open, from the same discovery of app/ the access table is
 * checked against (lib/access), so a new page joins the page-by-page specs without a list to edit.
 */
export function ownerPages(root = process.cwd()): OwnerPages {
  const all = discoverPageFiles(root);
  const pages = all.filter(({ path }) => {
    const allowed = pageAccess[path];
    if (!allowed) throw new Error(`${path} has no entry in lib/access/access-table.ts`);
    // a signed-in owner is sent on from the public pages (sign-in), so those are the others'
    return allowed.includes('owner') && !publicPages.has(path);
  });
  const others = all.filter((p) => !pages.includes(p)).map((p) => p.path);
  const fixed = pages.filter(({ path }) => !path.includes('['));
  const detail = pages
    .filter(({ path }) => path.includes('['))
    .map(({ path }) => {
      const match = /^(.*)\/\[\w+\]$/.exec(path);
      if (!match) throw new Error(`${path}: only a last dynamic segment is reached from a list`);
      const list = match[1]!;
      if (!fixed.some((p) => p.path === list)) throw new Error(`${path} has no list page ${list}`);
      const escaped = list.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return { pattern: path, list, link: new RegExp(`^${escaped}/[^/?#]+$`) };
    });
  return { fixed, detail, others: others.sort() };
}
