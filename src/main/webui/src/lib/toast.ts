import { loadAntdStyles } from '../styles/antdStyles';

type Kind = 'success' | 'error' | 'info' | 'warning';

/**
 * A short confirmation or error in antd's message bar, for pages that show one now and then (a download started, a
 * score saved): the message code (and its notification core) loads with the first one shown instead of with the
 * page, which antd's App context would put on the page's first load.
 */
export function toast(kind: Kind, content: string): void {
  void Promise.all([import('antd/es/message'), loadAntdStyles()]).then(([{ default: message }]) => {
    void message[kind](content);
  });
}
