import { Link } from './components/link';
import { PredictionsDriftPage } from './monitoring/predictions-drift-page';
import { QualityPage } from './monitoring/quality-page';
import { PastPredictionsPage } from './past/past-predictions-page';
import { DagsPage } from './pipelines/dags-page';
import { RunPage } from './pipelines/run-page';
import { PredictPage } from './predict/predict-page';
import { useLocation } from './router';

const NAV = [
  { href: '/', label: 'Predict' },
  { href: '/past-predictions', label: 'Past predictions' },
  { href: '/data-quality', label: 'Data quality' },
  { href: '/drift', label: 'Drift & predictions' },
  { href: '/pipelines', label: 'Pipelines' },
];

function Route({ path }: { path: string }) {
  const run = /^\/pipelines\/runs\/(.+)$/.exec(path);
  if (run) return <RunPage runId={decodeURIComponent(run[1]!)} />;
  switch (path) {
    case '/':
      return <PredictPage />;
    case '/past-predictions':
      return <PastPredictionsPage />;
    case '/data-quality':
      return <QualityPage />;
    case '/drift':
      return <PredictionsDriftPage />;
    case '/pipelines':
      return <DagsPage />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{path}</code>. <Link href="/">Go to the predict page</Link>.
          </p>
        </section>
      );
  }
}

export function App() {
  const { path } = useLocation();
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link href="/" className="brand">
          Contrail
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={current(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Route path={path} />
      </main>
    </>
  );
}
