import { useCallback, useState } from 'react';
import { newClientId } from '../utils/client-id';

/**
 * The client id of what is being written on this form: the same on every try, so that a send whose
 * answer the network dropped, sent again, is kept once by the server; `renew` once it went through.
 */
export function useClientId(): { readonly clientId: string; readonly renew: () => void } {
  const [clientId, setClientId] = useState(() => newClientId(Date.now()));
  const renew = useCallback(() => setClientId(newClientId(Date.now())), []);
  return { clientId, renew };
}
