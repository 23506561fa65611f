import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An urql query context that changes with the UI language. The service renders some texts in the language the
 * request asks for (Accept-Language follows the UI), e.g. audit events' details: a query given this context asks
 * again when the reader switches language, so those texts switch with the rest of the page.
 */
export function useReaderLanguageContext(): { readerLanguage: string } {
  const { i18n } = useTranslation();
  return useMemo(() => ({ readerLanguage: i18n.language }), [i18n.language]);
}
