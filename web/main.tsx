import './styles.css';

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { setUnauthorizedHandler } from './api';
import { Layout } from './components/Layout';
import { AppealsPage } from './pages/Appeals';
import { AtRiskPage } from './pages/AtRisk';
import { AuditsPage } from './pages/Audits';
import { DecisionsPage } from './pages/Decisions';
import { OverviewPage } from './pages/Overview';
import { PolicyPage } from './pages/Policy';
import { SearchPage } from './pages/Search';
import { SignInPage } from './pages/SignIn';
import { SupplierPage } from './pages/Supplier';
import { match, navigate, useLocation } from './router';
import { defaultCategory, storedToken } from './session';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

function App() {
  const location = useLocation();
  const [token, setToken] = useState(storedToken);
  const [signedOutWhy, setSignedOutWhy] = useState<string | null>(null);
  useEffect(
    () =>
      setUnauthorizedHandler((error) => {
        setToken(null);
        setSignedOutWhy(`${error.title}: ${error.detail}`);
        navigate('/sign-in', true);
      }),
    [],
  );
  const path = location.path;
  if (!token || path === '/sign-in') {
    if (path !== '/sign-in')
      return <Redirect to={`/sign-in${path.length > 1 ? `?next=${encodeURIComponent(path + window.location.search)}` : ''}`} />;
    return (
      <SignInPage
        reason={signedOutWhy}
        onSignedIn={(t) => {
          setToken(t);
          setSignedOutWhy(null);
          navigate(location.params.get('next') ?? `/categories/${defaultCategory()}`, true);
        }}
      />
    );
  }
  let page;
  let params: Record<string, string> | null;
  if ((params = match('/categories/:category', path))) page = <OverviewPage category={params.category} />;
  else if ((params = match('/categories/:category/at-risk', path))) page = <AtRiskPage category={params.category} />;
  else if ((params = match('/categories/:category/policy', path))) page = <PolicyPage category={params.category} />;
  else if ((params = match('/categories/:category/audits', path))) page = <AuditsPage category={params.category} />;
  else if ((params = match('/categories/:category/appeals', path))) page = <AppealsPage category={params.category} />;
  else if ((params = match('/categories/:category/decisions', path)))
    page = (
      <DecisionsPage
        category={params.category}
        from={location.params.get('from') ?? ''}
        to={location.params.get('to') ?? ''}
        kind={location.params.get('kind') ?? ''}
      />
    );
  else if (match('/suppliers', path))
    page = (
      <SearchPage
        q={location.params.get('q') ?? ''}
        category={location.params.get('category') ?? ''}
        sort={location.params.get('sort') ?? ''}
      />
    );
  else if ((params = match('/suppliers/:id', path))) page = <SupplierPage id={params.id} />;
  else if (path === '/' || path === '') return <Redirect to={`/categories/${defaultCategory()}`} />;
  else page = <p>No such page in the workbench: {path}</p>;
  const category = params?.category ?? defaultCategory();
  if (params?.category) sessionStorage.setItem('workbench.category', params.category);
  return (
    <Layout path={path} category={category} onSignOut={() => setToken(null)}>
      {page}
    </Layout>
  );
}

render(<App />, document.getElementById('root')!);
