import type { ComponentType } from 'react';
import { App } from 'antd';

/**
 * Wraps a page in antd's App (message, modal and notification with the theme). Only pages that show messages use it,
 * so the first page a visitor opens does not carry that code.
 */
export default function withApp<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function WithApp(props: P) {
    return (
      <App component={false}>
        <Page {...props} />
      </App>
    );
  }
  WithApp.displayName = `WithApp(${Page.displayName ?? Page.name})`;
  return WithApp;
}
