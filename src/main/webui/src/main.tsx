import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles/generated/antd-core.css';
import './styles.css';
import Root from './Root';

// The first render is a transition: React renders it in slices and lets the browser paint and answer input between
// them, instead of one long task.
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
});
