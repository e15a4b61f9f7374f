// The bar over every page: the sections the role may use, the workspace switcher (when the user
// has several), who is signed in and the sign-out button.
import type { Me, Workspace } from '../api/auth-types';
import { logOut } from '../auth/sign-in-calls';
import { navigationOf, sectionOf, SETTINGS } from '../lib/access';
import { navigate } from '../router';
import { chooseWorkspace } from '../session';
import { Link } from './link';

interface Props {
  me: Me;
  workspace: Workspace | null;
  path: string;
}

export function TopBar({ me, workspace, path }: Props) {
  const items = navigationOf(workspace);
  const section = sectionOf(path);
  const inSettings = section ? SETTINGS.includes(section) : false;
  const current = (href: string) =>
    inSettings ? href.startsWith('/settings') : section?.href === href;

  return (
    <header className="topbar">
      <Link className="brand" href="/">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        leadscore
      </Link>
      <nav aria-label="Main">
        <ul>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        {me.workspaces.length > 1 && workspace ? (
          <label className="workspace-switch">
            <span className="sr-only">Workspace</span>
            <select
              aria-label="Workspace"
              value={workspace.id}
              onChange={(e) => {
                chooseWorkspace(e.target.value);
                navigate('/');
              }}
            >
              {me.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.role})
                </option>
              ))}
            </select>
          </label>
        ) : (
          workspace && <span data-testid="workspace">{workspace.name}</span>
        )}
        <span data-testid="signed-in-as" title={workspace ? `Role: ${workspace.role}` : undefined}>
          {me.user.email}
          {workspace ? ` · ${workspace.role}` : ''}
        </span>
        <button
          type="button"
          className="button ghost small"
          onClick={() => {
            void logOut().finally(() => navigate('/sign-in'));
          }}
        >
          Sign out
        </button>
      </div>
    </header>
  );
}
