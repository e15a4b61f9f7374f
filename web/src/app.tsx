// The dashboard shell: sign-in gate, navigation, and the page for the current path.
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link } from './components/link';
import { Loading } from './components/status';
import { AutomationPage } from './pages/automation-page';
import { LeadsPage } from './pages/leads-page';
import { SettingsPage } from './pages/settings-page';
import { SignInPage } from './pages/sign-in-page';
import { matchPath, navigate, useLocation, type Location } from './router';
import { adminKey, signOut } from './session';

// The pages with charts load their code (and the charting library) when first opened; so does
// the import page (its mapping YAML library).
const LeadPage = lazy(() => import('./pages/lead-page').then((m) => ({ default: m.LeadPage })));
const ModelPage = lazy(() => import('./pages/model-page').then((m) => ({ default: m.ModelPage })));
const AnalyticsPage = lazy(() =>
  import('./pages/analytics-page').then((m) => ({ default: m.AnalyticsPage })),
);
const ImportPage = lazy(() =>
  import('./pages/import-page').then((m) => ({ default: m.ImportPage })),
);

const NAV = [
  { href: '/leads', label: 'Leads' },
  { href: '/model', label: 'Model' },
  { href: '/analytics', label: 'Analytics' },
  { href: '/automation', label: 'Automation' },
  { href: '/import', label: 'Import' },
  { href: '/settings', label: 'Settings' },
];

function page(location: Location): ReactNode {
  const lead = matchPath('/leads/:id', location.path);
  if (lead) return <LeadPage id={lead.id!} />;
  switch (location.path.replace(/\/+$/, '') || '/') {
    case '/':
    case '/leads':
      return <LeadsPage query={location.query} />;
    case '/model':
      return <ModelPage />;
    case '/analytics':
      return <AnalyticsPage />;
    case '/automation':
      return <AutomationPage />;
    case '/import':
      return <ImportPage query={location.query} />;
    case '/settings':
      return <SettingsPage />;
    default:
      return (
        <section className="page">
          <h1>Not found</h1>
          <p>
            There is no page at <code>{location.path}</code>. <Link href="/leads">Go to leads</Link>
          </p>
        </section>
      );
  }
}

export function App() {
  const location = useLocation();
  const signedIn = adminKey() !== null;
  const onSignIn = location.path === '/sign-in';

  useEffect(() => {
    if (!signedIn && !onSignIn) {
      const query = location.query.toString();
      const here = location.path + (query ? `?${query}` : '');
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [signedIn, onSignIn, location]);

  const section = '/' + (location.path.split('/')[1] ?? '');
  const label = NAV.find((item) => item.href === section)?.label ?? 'Leads';

  // A new page moves keyboard focus to its content (not on filter changes, which keep the path).
  const first = useRef(true);
  useEffect(() => {
    document.title = onSignIn ? 'Sign in · leadscore' : `${label} · leadscore`;
    if (first.current) first.current = false;
    else {
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    }
  }, [location.path, label, onSignIn]);

  if (onSignIn || !signedIn) return <SignInPage next={location.query.get('next')} />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" href="/leads">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          leadscore
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={
                    section === item.href || (section === '/' && item.href === '/leads')
                      ? 'page'
                      : undefined
                  }
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          className="button ghost small"
          onClick={() => {
            signOut();
            navigate('/sign-in');
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading label="Loading the page…" />}>{page(location)}</Suspense>
      </main>
    </div>
  );
}
