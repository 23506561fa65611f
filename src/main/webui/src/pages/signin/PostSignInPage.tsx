import { Navigate } from 'react-router-dom';
import { Spin } from 'antd';
import { useAccess } from '../../auth/AccessContext';
import { homeFor } from '../../access';

/** After signing in: register first if the identity has no profile yet, else the first screen the roles give. */
export default function PostSignInPage() {
  const { access, loading, session } = useAccess();
  if (!session) return <Navigate to="/signin" replace />;
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (!access.registered) return <Navigate to="/register" replace />;
  return <Navigate to={homeFor(access)} replace />;
}
