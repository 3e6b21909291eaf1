import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';

/**
 * One action of a section at a time: busy while it runs, its refusal for an alert, its outcome
 * for the section's live region (the words `work` returns).
 */
export function useAdminAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  async function run(work: () => Promise<string>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await work());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, status, run, clearStatus: () => setStatus('') };
}
