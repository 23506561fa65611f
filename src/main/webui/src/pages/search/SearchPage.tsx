import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, Empty, Input, Segmented, Skeleton, Space, Tag } from 'antd';
import { graphql } from '../../gql';
import type { SearchFilter, SearchSort, WorkKind, Licence, Region } from '../../gql/graphql';
import Highlight from '../../lib/Highlight';
import { fragmentFor } from '../../lib/highlight';
import WorkThumb from '../../components/WorkThumb';
import { errorMessage } from '../../api/client';
import { useAccess } from '../../auth/AccessContext';
import { useSelection } from '../../lib/selection';

const SearchQuery = graphql(`
  query SearchWorks($query: String, $filter: SearchFilter, $first: Int, $after: String, $sort: SearchSort) {
    searchWorks(query: $query, filter: $filter, first: $first, after: $after, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        highlights { field fragments }
        node { id title titleEn kind creditLine publishedAt licence { code title } topics { code nameZh nameEn } }
      }
      facets {
        kinds { value count }
        topics { value count }
        licences { value count }
        regions { value count }
        awardTiers { value count }
        contests { value count }
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

const FACET_PARAMS = ['kinds', 'topics', 'licences', 'regions', 'awardTiers'] as const;
type FacetParam = (typeof FACET_PARAMS)[number];
const PAGE = 24;

/** Builds the API filter from the URL (so a search is a link that can be shared and bookmarked). */
export function filterFromParams(params: URLSearchParams): SearchFilter {
  const filter: SearchFilter = {};
  const list = (k: FacetParam) => params.getAll(k).filter(Boolean);
  if (list('kinds').length) filter.kinds = list('kinds') as WorkKind[];
  if (list('topics').length) filter.topics = list('topics');
  if (list('licences').length) filter.licences = list('licences') as Licence[];
  if (list('regions').length) filter.regions = list('regions') as Region[];
  if (list('awardTiers').length) filter.awardTiers = list('awardTiers');
  return filter;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

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

  const [{ data, fetching, error }] = useQuery({
    query: SearchQuery,
    variables: { query: q || null, filter, first: PAGE, after, sort },
  });
  const typed = useDebounced(text.trim(), 200);
  const [{ data: suggestions }] = useQuery({ query: SuggestQuery, variables: { prefix: typed }, pause: typed.length < 1 || typed === q });

  const topicName = (code: string) => {
    const topic = data?.topics.find((x) => x.code === code);
    return topic ? (en ? topic.nameEn : topic.nameZh) : code;
  };
  const facetLabel = (facet: FacetParam, value: string) => {
    switch (facet) {
      case 'kinds': return t(`enum.WorkKind.${value}`);
      case 'licences': return t(`enum.Licence.${value}`);
      case 'regions': return t(`enum.Region.${value}`);
      case 'awardTiers': return t(`enum.AwardTier.${value}`);
      default: return topicName(value);
    }
  };

  function submit(value: string) {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next);
  }
  function toggle(facet: FacetParam, value: string, on: boolean) {
    const next = new URLSearchParams(params);
    const values = next.getAll(facet).filter((v) => v !== value);
    next.delete(facet);
    (on ? [...values, value] : values).forEach((v) => next.append(facet, v));
    setParams(next);
  }

  const result = data?.searchWorks;
  const facets = result?.facets;

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
        <aside className="search-facets" aria-label={t('search.filters')}>
          {facets && FACET_PARAMS.map((facet) => {
            const counts = facets[facet] ?? [];
            const chosen = params.getAll(facet);
            if (!counts.length && !chosen.length) return null;
            return (
              <Card key={facet} size="small" title={t(`search.facet.${facet}`)} style={{ marginBottom: 12 }}>
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
        </aside>
        <section className="search-results" aria-live="polite" aria-busy={fetching}>
          <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
            <span data-testid="search-total">{result ? t('search.total', { count: result.totalCount }) : ''}</span>
            <Space wrap>
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
          {!data && fetching && <Skeleton active />}
          {result && result.edges.length === 0 && <Empty description={t('search.empty')} />}
          <ul className="thumb-grid" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {result?.edges.map(({ node, highlights }) => {
              const titleFragment = fragmentFor(highlights, 'title');
              const descFragment = fragmentFor(highlights, 'description');
              return (
                <li key={node.id}>
                  <Card hoverable cover={<WorkThumb kind={node.kind} />} styles={{ body: { padding: 12 } }}>
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
