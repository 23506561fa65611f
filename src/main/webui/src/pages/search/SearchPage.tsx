import { Suspense, useDeferredValue, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, Empty, Input, Segmented, Skeleton, Space, Tag } from 'antd';
import { graphql } from '../../gql';
import type { SearchSort } from '../../gql/graphql';
import Highlight from '../../lib/Highlight';
import { fragmentFor } from '../../lib/highlight';
import WorkThumb from '../../components/WorkThumb';
import { errorMessage } from '../../api/client';
import { useAccess } from '../../auth/AccessContext';
import { useSelection } from '../../lib/selection';
import { thumbnailUrl } from '../../lib/thumbs';
import { AI_PARAM, FACET_OF, FILES_PARAM, LIST_FILTERS, filterFromParams, type ListFilter } from '../../lib/searchParams';
import WorkLabels from '../../components/WorkLabels';
import { lazyWithAntdStyles } from '../../styles/antdStyles';
import { releaseFirstScreen } from '../../lib/firstScreen';

export { filterFromParams } from '../../lib/searchParams';

const SearchQuery = graphql(`
  query SearchWorks($query: String, $filter: SearchFilter, $first: Int, $after: String, $sort: SearchSort) {
    searchWorks(query: $query, filter: $filter, first: $first, after: $after, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        highlights { field fragments }
        node {
          id title titleEn kind creditLine publishedAt licence { code title } topics { code nameZh nameEn }
          preview { thumbnailUrl posterUrl previewUrl mediaType }
          audienceLevels aiLabel { aiGenerated } brand { id name nameEn }
        }
      }
      facets {
        kinds { value count }
        topics { value count }
        licences { value count }
        regions { value count }
        awardTiers { value count }
        contests { value count }
        audienceLevels { value count }
        brands { value count }
        aiGenerated { value count }
      }
    }
    topics { code nameZh nameEn }
  }
`);

const SuggestQuery = graphql(`
  query Suggest($prefix: String!) {
    suggest(prefix: $prefix, first: 8) { text workId }
  }
`);

const BrandNamesQuery = graphql(`
  query SearchBrandNames {
    brands(first: 100) { edges { node { id name nameEn } } }
  }
`);

const PAGE = 24;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** Only outlets save searches: its dialog loads when they are signed in, not with every visitor's first page. */
const SaveSearchButton = lazyWithAntdStyles(() => import('./SaveSearchButton'));

/** Facets whose titles live in this page's newer locale block. */
const FACET_TITLES = { audienceLevels: 'library.facet.audienceLevels', brandIds: 'library.facet.brandIds' } as const;

export default function SearchPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sort = (params.get('sort') as SearchSort | null) ?? 'RELEVANCE';
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [after, setAfter] = useState<string | null>(null);
  const [text, setText] = useState(q);
  const { access } = useAccess();
  const selection = useSelection();
  useEffect(() => {
    setText(q);
    setAfter(null);
  }, [q, params]);

  const [{ data: answer, fetching, error }] = useQuery({
    query: SearchQuery,
    variables: { query: q || null, filter, first: PAGE, after, sort },
  });
  // The results render from the answer in a background, interruptible render: 24 cards and the facets are no long
  // task on a slow phone when the answer arrives.
  const data = useDeferredValue(answer);
  const typed = useDebounced(text.trim(), 200);
  const [{ data: suggestions }] = useQuery({ query: SuggestQuery, variables: { prefix: typed }, pause: typed.length < 1 || typed === q });

  const brandFacet = data?.searchWorks.facets.brands ?? [];
  const [{ data: brandNames }] = useQuery({ query: BrandNamesQuery, pause: !brandFacet.length && !params.getAll('brandIds').length });
  const brandName = (id: string) => {
    const b = brandNames?.brands.edges.find((e) => e.node.id === id)?.node;
    return b ? (en && b.nameEn) || b.name : id;
  };
  const topicName = (code: string) => {
    const topic = data?.topics.find((x) => x.code === code);
    return topic ? (en ? topic.nameEn : topic.nameZh) : code;
  };
  const facetLabel = (facet: ListFilter, value: string) => {
    switch (facet) {
      case 'kinds': return t(`enum.WorkKind.${value}`);
      case 'licences': return t(`enum.Licence.${value}`);
      case 'regions': return t(`enum.Region.${value}`);
      case 'awardTiers': return t(`enum.AwardTier.${value}`);
      case 'audienceLevels': return t(`library.audience.${value}`);
      case 'brandIds': return brandName(value);
      default: return topicName(value);
    }
  };

  function submit(value: string) {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next);
  }
  function toggle(facet: ListFilter | typeof AI_PARAM | typeof FILES_PARAM, value: string, on: boolean) {
    const next = new URLSearchParams(params);
    const values = next.getAll(facet).filter((v) => v !== value);
    next.delete(facet);
    (on ? [...values, value] : values).forEach((v) => next.append(facet, v));
    setParams(next);
  }

  const result = data?.searchWorks;
  const facets = result?.facets;
  // The service's first screen (index.html's boot shell: search box, count, first results) gives way once this page
  // shows the results or an error, in the same frame (layout effect: before the browser paints this render).
  useLayoutEffect(() => { if (result || error) releaseFirstScreen(); }, [result, error]);

  return (
    <div>
      <h1 className="page-title">{t('search.title')}</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); submit(text); }} style={{ marginBottom: 16 }}>
        <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
          {/* Suggestions as you type through the browser's own accessible list (no popup widget to ship). */}
          <Input size="large" aria-label={t('search.inputLabel')} placeholder={t('search.placeholder')} allowClear data-testid="search-input"
            value={text} onChange={(e) => setText(e.target.value)} list="search-suggestions" autoComplete="off" />
          <datalist id="search-suggestions">
            {[...new Set((suggestions?.suggest ?? []).map((x) => x.text))].map((v) => <option key={v} value={v} />)}
          </datalist>
          <Button size="large" type="primary" htmlType="submit">{t('search.button')}</Button>
        </Space.Compact>
      </form>
      <div className="search-layout">
        {/* On a phone the facets come after the results (they would push the results down when they arrive); this
            link, there from the start, leads to them. */}
        <a className="facets-jump" href="#search-facets">{t('search.filters')}</a>
        <aside className="search-facets" id="search-facets" aria-label={t('search.filters')}>
          {/* Nothing here before the answer: on a phone the facets sit below the results, and anything shown there
              early would be pushed down when the results arrive (layout shift). */}
          {facets && (
            <>
            {facets && LIST_FILTERS.map((facet) => {
              const counts = facets[FACET_OF[facet]] ?? [];
              const chosen = params.getAll(facet);
              if (!counts.length && !chosen.length) return null;
              return (
                <Card key={facet} size="small" title={t(facet in FACET_TITLES ? FACET_TITLES[facet as keyof typeof FACET_TITLES] : `search.facet.${facet}`)} style={{ marginBottom: 12 }}>
                  <Space direction="vertical" size={2}>
                    {counts.map((c) => (
                      <Checkbox key={c.value} checked={chosen.includes(c.value)} onChange={(e) => toggle(facet, c.value, e.target.checked)}>
                        {facetLabel(facet, c.value)} <span className="muted">({c.count})</span>
                      </Checkbox>
                    ))}
                  </Space>
                </Card>
              );
            })}
            {facets && (
              <Card size="small" title={t('library.facet.aiGenerated')} style={{ marginBottom: 12 }}>
                <Space direction="vertical" size={2}>
                  {(['true', 'false'] as const).map((v) => (
                    <Checkbox key={v} checked={params.getAll(AI_PARAM).includes(v)} onChange={(e) => toggle(AI_PARAM, v, e.target.checked)} data-testid={`facet-ai-${v}`}>
                      {t(v === 'true' ? 'library.ai.yes' : 'library.ai.no')}{' '}
                      <span className="muted">({facets.aiGenerated.find((c) => c.value === v)?.count ?? 0})</span>
                    </Checkbox>
                  ))}
                </Space>
              </Card>
            )}
            <Checkbox checked={params.get(FILES_PARAM) === 'true'} onChange={(e) => toggle(FILES_PARAM, 'true', e.target.checked)}>
              {t('library.facet.hasFiles')}
            </Checkbox>
            </>
          )}
        </aside>
        <section className="search-results" aria-live="polite" aria-busy={fetching}>
          <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
            <span data-testid="search-total">{result ? t('search.total', { count: result.totalCount }) : ''}</span>
            <Space wrap>
              {access.isOutlet && <Suspense fallback={null}><SaveSearchButton query={q} filter={filter} /></Suspense>}
              {access.isOutlet && selection.ids.length > 0 && (
                <Link to="/outlet/selection"><Button>{t('outlet.selected', { count: selection.ids.length })}</Button></Link>
              )}
              <span id="search-sort-label">{t('search.sort')}</span>
              <Segmented<SearchSort>
                aria-labelledby="search-sort-label"
                value={sort}
                onChange={(v) => { const n = new URLSearchParams(params); n.set('sort', v); setParams(n); }}
                options={(['RELEVANCE', 'NEWEST', 'MOST_DOWNLOADED'] as const).map((s) => ({ value: s, label: t(`enum.SearchSort.${s}`) }))}
              />
            </Space>
          </Space>
          {error && <Alert type="error" showIcon message={errorMessage(error)} />}
          {!data && (fetching || !!answer) && <Skeleton active />}
          {result && result.edges.length === 0 && <Empty description={t('search.empty')} />}
          <ul className="thumb-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {result?.edges.map(({ node, highlights }, i) => {
              const titleFragment = fragmentFor(highlights, 'title');
              const descFragment = fragmentFor(highlights, 'description');
              return (
                <li key={node.id}>
                  <Card hoverable cover={<WorkThumb kind={node.kind} url={thumbnailUrl(node)} alt={(en && node.titleEn) || node.title} priority={i < 2} />} styles={{ body: { padding: 12 } }}>
                    <Link to={`/works/${node.id}`} data-testid="search-hit">
                      <h2 className="hit-title">
                        {titleFragment ? <Highlight fragment={titleFragment} /> : (en && node.titleEn) || node.title}
                      </h2>
                    </Link>
                    {descFragment && (
                      <p className="muted hit-snippet">
                        <Highlight fragment={descFragment} />
                      </p>
                    )}
                    <Space size={4} wrap>
                      <Tag>{t(`enum.WorkKind.${node.kind}`)}</Tag>
                      <Tag color="blue">{t(`enum.Licence.${node.licence.code}`)}</Tag>
                      <WorkLabels work={node} />
                    </Space>
                    {access.isOutlet && (
                      <div style={{ marginTop: 8 }}>
                        <Checkbox checked={selection.has(node.id)} onChange={(e) => selection.toggle(node.id, e.target.checked)}>
                          {t('outlet.select')}
                        </Checkbox>
                      </div>
                    )}
                  </Card>
                </li>
              );
            })}
          </ul>
          {result?.pageInfo.hasNextPage && (
            <Button style={{ marginTop: 16 }} onClick={() => setAfter(result.pageInfo.endCursor ?? null)}>{t('search.next')}</Button>
          )}
          {after && <Button style={{ marginTop: 16, marginLeft: 8 }} onClick={() => setAfter(null)}>{t('search.first')}</Button>}
        </section>
      </div>
    </div>
  );
}
