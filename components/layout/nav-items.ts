import {
  Activity,
  Ban,
  Bot,
  KeyRound,
  LayoutDashboard,
  type LucideIcon,
  RadioTower,
  ScrollText,
  Server,
  Settings,
  ShieldCheck,
} from 'lucide-react';

export type NavItem = { href: string; label: string; icon: LucideIcon };

export const consoleNav: NavItem[] = [
  { href: '/', label: 'Overview', icon: LayoutDashboard },
  { href: '/agents', label: 'Agents', icon: Bot },
  { href: '/consents', label: 'Consents', icon: ShieldCheck },
  { href: '/tokens', label: 'Tokens', icon: KeyRound },
  { href: '/revocations', label: 'Revocations', icon: Ban },
  { href: '/audit', label: 'Audit trail', icon: ScrollText },
  { href: '/mcp-servers', label: 'MCP servers', icon: Server },
  { href: '/sources', label: 'Sources', icon: RadioTower },
  { href: '/settings', label: 'Settings', icon: Settings },
];

export const BrandIcon = Activity;
