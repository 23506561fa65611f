import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { computeAccess, type Access } from '../access';
import { setSession, type Session } from './session';

const MeQuery = graphql(`
  query Me {
    me { id displayName organization organizationType region roles }
    myRoles
  }
`);

interface AccessState {
  access: Access;
  session: Session | null;
  displayName: string | null;
  loading: boolean;
}

const AccessContext = createContext<AccessState>({
  access: computeAccess([], false, false),
  session: null,
  displayName: null,
  loading: false,
});

export function AccessProvider({ session, children }: { session: Session | null; children: ReactNode }) {
  const [{ data, error }] = useQuery({ query: MeQuery, pause: !session, requestPolicy: 'network-only' });
  // A rejected token (expired, revoked, wrong issuer) ends the session instead of failing every screen.
  useEffect(() => {
    const status = (error?.networkError as { response?: { status?: number } } | undefined)?.response?.status;
    if (session && (status === 401 || error?.graphQLErrors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))) {
      setSession(null);
    }
  }, [error, session]);
  const signedIn = !!session;
  const value: AccessState = {
    access: computeAccess(data?.myRoles ?? [], signedIn, !!data?.me),
    session,
    displayName: data?.me?.displayName ?? session?.login ?? null,
    // Until `me` has answered for this session (the first render after signing in has not even started fetching).
    loading: signedIn && !data && !error,
  };
  return <AccessContext.Provider value={value}>{children}</AccessContext.Provider>;
}

export function useAccess(): AccessState {
  return useContext(AccessContext);
}
