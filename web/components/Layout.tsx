import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

import { href, navigate } from '../router';
import { claimsOf, forgetToken, storedToken } from '../session';

/** The frame of every signed-in page: who is signed in, the category, the pages, sign-out. */
export function Layout({
  path,
  category,
  onSignOut,
  children,
}: {
  path: string;
  category: string;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const claims = claimsOf(storedToken() ?? '');
  const managed = claims?.categories;
  const [typed, setTyped] = useState(category);
  const links = [
    { to: `/categories/${category}`, text: 'Overview' },
    { to: `/categories/${category}/at-risk`, text: 'At risk' },
    { to: `/categories/${category}/decisions`, text: 'Decisions' },
    { to: '/suppliers', text: 'Find a supplier' },
    { to: `/categories/${category}/appeals`, text: 'Appeals' },
    { to: `/categories/${category}/audits`, text: 'Audits' },
    { to: `/categories/${category}/policy`, text: 'Policy' },
  ];
  const switchTo = (next: string) => {
    const rest = path.match(/^\/categories\/[^/]+(\/.*)?$/)?.[1] ?? '';
    navigate(`/categories/${encodeURIComponent(next)}${rest}`);
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href(`/categories/${category}`)}>
          Supplier workbench
        </a>
        <nav aria-label="Pages">
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <a href={href(l.to)} aria-current={path === l.to ? 'page' : undefined}>
                  {l.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <form
            class="category"
            onSubmit={(e) => {
              e.preventDefault();
              switchTo(typed.trim());
            }}
          >
            <label for="category">Category</label>
            {managed && managed.length > 0 ? (
              <select id="category" value={category} onChange={(e) => switchTo((e.target as HTMLSelectElement).value)}>
                {managed.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : (
              <input id="category" value={typed} size={8} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
            )}
          </form>
          <span class="muted" title={claims?.sub}>
            {claims?.role?.replace('_', ' ')}
          </span>
          <button
            type="button"
            class="link"
            onClick={() => {
              forgetToken();
              onSignOut();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
