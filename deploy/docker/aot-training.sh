#!/bin/sh
# The traffic an AOT training start serves once it is ready, before it is stopped: the anonymous reads most clients
# make (the listing page, a search with facets and highlights, the search page's server-rendered first screen).
# Called by deploy/docker/entrypoint.sh and by deploy/bench/startup.sh, so that the bench measures the cache the image
# makes.
#
# Why: a cache recorded until ready holds the classes and method profiles of the start only; graphql-java's field
# execution, Hibernate's queries and the JSON writer are then loaded, parsed and profiled from scratch by the first
# requests (README "Start and memory": 607 graphql-java, 132 Hibernate and 69 Yasson classes outside the cache). With
# them in the cache (JDK 25: JEP 483 classes, JEP 515 method profiles) the first requests after a start are served by
# code that is already linked, and the JIT compiles it from recorded profiles.
#
# Each request asks for a page size of its own, so that the public answer cache (which would serve repeats of one
# query from memory) lets every one of them through to the execution it is meant to train. The requests are few enough
# (90 listings, 30 searches, 9 pages by default) to stay inside the anonymous budget of the address they come from
# (kepu.rate-limit.anonymous: 300 a minute, shared by the instances) even with two instances training at once.
#   aot-training.sh http://127.0.0.1:18080 [listing requests, default 90]
set -u
base="$1" requests="${2:-${KEPU_AOT_TRAIN_REQUESTS:-90}}"
page='pageInfo { hasNextPage endCursor } edges { node { id title titleEn kind status region tags creditLine createdAt updatedAt topics { code nameZh } creators { name affiliation } licence { code title } } }'
hits='totalCount edges { cursor node { id title titleEn kind region publishedAt creators { name affiliation } topics { code } } highlights { field fragments } }'
facets='facets { kinds { value count } topics { value count } regions { value count } licences { value count } }'
failed=0
post() {
  curl -fsS -m 10 -o /dev/null -H 'content-type: application/json' -d "{\"query\":\"$1\"}" "$base/graphql" \
    || failed=$((failed + 1))
}
i=0
# Ten failures: the service is not answering; a cache of what ran so far is better than waiting out every time-out.
while [ "$i" -lt "$requests" ] && [ "$failed" -lt 10 ]; do
  post "{ works(first: $((i % 50 + 1))) { $page } }"
  if [ $((i % 3)) -eq 0 ]; then
    post "{ searchWorks(query: \\\"科学 $i\\\", first: $((i % 20 + 1))) { $hits $facets } }"
  fi
  if [ $((i % 10)) -eq 0 ]; then
    curl -fsS -m 10 -o /dev/null "$base/?q=%E7%A7%91%E5%AD%A6$i" || failed=$((failed + 1))
  fi
  i=$((i + 1))
done
# A training that trained nothing is worth knowing about; the cache is still made (it holds the start).
[ "$failed" -eq 0 ] || echo "kepu-aot: $failed of the training requests failed" >&2
