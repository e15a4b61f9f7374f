// The tabs over the Settings pages: only those the role may open.
import { can, SETTINGS } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useLocation } from '../router';
import { Link } from './link';

export function SettingsTabs() {
  const { workspace } = useAccess();
  const { path } = useLocation();
  const tabs = SETTINGS.filter((s) => can(workspace, s.needs));
  if (tabs.length < 2) return null;
  return (
    <nav className="tabs" aria-label="Settings">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={path.replace(/\/+$/, '') === tab.href ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
