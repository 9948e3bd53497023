import { useState } from 'preact/hooks';

import { api, ApiError } from '../api';
import { Problem } from '../components/ui';
import { claimsOf, refusalForRole, storeToken } from '../session';

/**
 * Sign-in with a pasted bearer token, kept for this tab only. The API decides (a 401 or 403 to
 * a probe); the token's role claim only words the message for a shopper's or a supplier's token.
 */
export function SignInPage({ onSignedIn, reason }: { onSignedIn: (token: string) => void; reason: string | null }) {
  const [token, setToken] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const pasted = token.trim().replace(/^Bearer\s+/i, '');
    setRefusal(null);
    setError(null);
    if (!pasted) {
      setRefusal('Paste a token first: `npm run token -- --role category_manager --categories hotel` prints one.');
      return;
    }
    setBusy(true);
    try {
      await api('GET', '/v1/suppliers?limit=1', undefined, pasted);
      storeToken(pasted);
      onSignedIn(pasted);
    } catch (e) {
      const byRole = refusalForRole(claimsOf(pasted)?.role);
      if (e instanceof ApiError && e.status === 403) setRefusal(byRole ?? 'This token may not use the workbench.');
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Supplier workbench</h1>
      <p>For category managers and admins: find suppliers, see why they were penalised, and act.</p>
      {reason && (
        <div class="problem" role="alert">
          <strong>Signed out.</strong> {reason}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} class="card">
        <label for="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          spellcheck={false}
          autoComplete="off"
          aria-describedby="token-help"
          value={token}
          onInput={(e) => setToken((e.target as HTMLTextAreaElement).value)}
        />
        <p id="token-help" class="muted">
          Print one with <code>npm run token -- --role category_manager --categories hotel</code>. It is kept in this tab only and forgotten
          when the tab closes.
        </p>
        {refusal && (
          <div class="problem" role="alert" id="refusal">
            <strong>{refusal}</strong>
          </div>
        )}
        <Problem error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
