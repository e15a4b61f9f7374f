// The dashboard shell: who is signed in (asked of the server on load), the sign-in gate, the
// navigation the role may use, and the page for the current path (or why the role cannot open it).
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { loadSession } from './auth/sign-in-calls';
import { Link } from './components/link';
import { ErrorNote, Loading } from './components/status';
import { TopBar } from './components/top-bar';
import { landingOf, refusalOf, sectionOf } from './lib/access';
import { ssoErrorOf } from './lib/sso-error';
import { AutomationPage } from './pages/automation-page';
import { LeadsPage } from './pages/leads-page';
import { MyLeadsPage } from './pages/my-leads-page';
import { SettingsPage } from './pages/settings-page';
import { afterSignIn, SignInPage } from './pages/sign-in-page';
import { matchPath, navigate, useLocation, type Location } from './router';
import { onOtherTab, signedOut, useSession } from './session';

// The pages with charts load their code (and the charting library) when first opened; so does
// the import page (its mapping YAML library) and the owners' pages.
const LeadPage = lazy(() => import('./pages/lead-page').then((m) => ({ default: m.LeadPage })));
const ModelPage = lazy(() => import('./pages/model-page').then((m) => ({ default: m.ModelPage })));
const AnalyticsPage = lazy(() =>
  import('./pages/analytics-page').then((m) => ({ default: m.AnalyticsPage })),
);
const ImportPage = lazy(() =>
  import('./pages/import-page').then((m) => ({ default: m.ImportPage })),
);
const PeoplePage = lazy(() =>
  import('./pages/people-page').then((m) => ({ default: m.PeoplePage })),
);
const AuditPage = lazy(() => import('./pages/audit-page').then((m) => ({ default: m.AuditPage })));

function page(location: Location): ReactNode {
  const lead = matchPath('/leads/:id', location.path);
  if (lead) return <LeadPage id={lead.id!} />;
  switch (location.path.replace(/\/+$/, '') || '/') {
    case '/':
      // The shell sends `/` on to where the role starts.
      return null;
    case '/leads':
      return <LeadsPage query={location.query} />;
    case '/my-leads':
      return <MyLeadsPage />;
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
    case '/settings/people':
      return <PeoplePage />;
    case '/settings/audit':
      return <AuditPage query={location.query} />;
    default:
      return (
        <section className="page">
          <h1>Not found</h1>
          <p>
            There is no page at <code>{location.path}</code>. <Link href="/">Go to the start</Link>
          </p>
        </section>
      );
  }
}

function Refused({ message }: { message: string }) {
  return (
    <section className="page">
      <h1>Not available to your role</h1>
      <p className="state state-error" role="alert" data-testid="refused">
        {message}
      </p>
      <p>
        <Link href="/">Go to your start page</Link>. An owner of the workspace can change your role.
      </p>
    </section>
  );
}

export function App() {
  const location = useLocation();
  const state = useSession();
  const [loadError, setLoadError] = useState<unknown>();
  const onSignIn = location.path === '/sign-in';
  const token = location.query.get('token');
  const next = location.query.get('next');

  const load = () => {
    setLoadError(undefined);
    loadSession().catch(setLoadError);
  };
  useEffect(load, []);
  useEffect(
    () =>
      onOtherTab((what) => {
        if (what === 'signed-out') signedOut('You signed out in another tab.');
        else load();
      }),
    [],
  );

  const workspace = state.status === 'signed-in' ? state.workspace : null;
  useEffect(() => {
    if (state.status === 'signed-out' && !onSignIn) {
      const query = location.query.toString();
      const here = location.path + (query ? `?${query}` : '');
      navigate(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`, {
        replace: true,
      });
    } else if (state.status === 'signed-in') {
      if (onSignIn && !token) afterSignIn(state.me, next);
      else if (location.path === '/') navigate(landingOf(workspace), { replace: true });
    }
  }, [state, onSignIn, token, next, location, workspace]);

  const label = onSignIn ? 'Sign in' : (sectionOf(location.path)?.label ?? 'leadscore');

  // A new page moves keyboard focus to its content (not on filter changes, which keep the path).
  const first = useRef(true);
  useEffect(() => {
    document.title = `${label} · leadscore`;
    if (first.current) first.current = false;
    else {
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    }
  }, [location.path, label]);

  const signInPage = <SignInPage next={next} token={token} ssoError={ssoErrorOf(location.query)} />;
  // The sign-in page works even when asking who is signed in failed (its own calls say why).
  if (state.status === 'loading' && !(onSignIn && loadError)) {
    return (
      <main className="sign-in">
        {loadError ? (
          <ErrorNote error={loadError} onRetry={load} />
        ) : (
          <Loading label="Signing in…" />
        )}
      </main>
    );
  }
  if (onSignIn || state.status !== 'signed-in') return signInPage;

  const refusal = refusalOf(location.path, workspace);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar me={state.me} workspace={workspace} path={location.path} />
      {/* A switch of workspace mounts the page afresh, so nothing of the last one shows. */}
      <main id="main" tabIndex={-1} key={workspace?.id ?? 'none'}>
        {refusal ? (
          <Refused message={refusal} />
        ) : (
          <Suspense fallback={<Loading label="Loading the page…" />}>{page(location)}</Suspense>
        )}
      </main>
    </div>
  );
}
