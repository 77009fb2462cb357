import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { Session } from '../session/session';

export interface SignedIn {
  session: Session;
  api: ApiClient;
  signOut(): void;
}

export const SessionContext = createContext<SignedIn | undefined>(undefined);

export function useSignedIn(): SignedIn {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSignedIn outside a signed-in layout');
  return value;
}
