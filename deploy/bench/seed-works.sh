#!/usr/bin/env bash
# Seeds the local stack's dev database with N synthetic works in one SQL statement per table (generate_series), for
# the listing benchmarks at 5 000 and 1 000 000 works. Four in five are PUBLISHED; each has two creators and one or
# two topics; owners are 200 bench accounts (subject bench-owner-N). Idempotent and incremental: it adds works up to
# N (bench works already there are kept), so 5000 then 1000000 grows the same library.
#
#   deploy/bench/seed-works.sh 5000            # up to 5 000 bench works
#   deploy/bench/seed-works.sh 1000000         # up to 1 000 000 (≈ 1–2 min here)
#   deploy/bench/seed-works.sh --clear         # removes every bench work and account
#   SEED_INDEX=true deploy/bench/seed-works.sh 5000   # also feed the search outbox (the indexer then indexes them)
#
# By default the search triggers are switched off for the load (session_replication_role = replica, as superuser):
# the listing benchmarks need no index, and a million outbox rows would keep the indexer and Elasticsearch busy for
# minutes. Such works are not searchable (searchDrift reports them missing) until a reindex (deploy/search/reindex.sh).
#   PGDATABASE (default kepu, the dev database); the port is read from the local stack.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
stack_home="${KEPU_STACK_HOME:-$repo_root/.local-stack}"
[[ -f "$stack_home/stack.properties" ]] || { echo "no local stack in $stack_home: deploy/local/stack.sh start" >&2; exit 1; }
export PGHOST=127.0.0.1 PGUSER=postgres PGPASSWORD=postgres
PGPORT="$(sed -n 's/^postgres.port=//p' "$stack_home/stack.properties")"
export PGPORT PGDATABASE="${PGDATABASE:-kepu}"
psql_cmd=(psql -v ON_ERROR_STOP=1 -q -X)

if [[ "${1:-}" == "--clear" ]]; then
  "${psql_cmd[@]}" <<'SQL'
SET session_replication_role = replica;
DELETE FROM work_topic WHERE work_id IN (SELECT w.id FROM work w JOIN account a ON a.id = w.owner_id WHERE a.subject LIKE 'bench-owner-%');
DELETE FROM work_creator WHERE work_id IN (SELECT w.id FROM work w JOIN account a ON a.id = w.owner_id WHERE a.subject LIKE 'bench-owner-%');
DELETE FROM work WHERE owner_id IN (SELECT id FROM account WHERE subject LIKE 'bench-owner-%');
DELETE FROM account WHERE subject LIKE 'bench-owner-%';
SQL
  echo "bench works removed"
  exit 0
fi
target="${1:?usage: seed-works.sh N | --clear}"
replication_role=replica
[[ "${SEED_INDEX:-false}" == true ]] && replication_role=origin

start=$(date +%s.%N)
"${psql_cmd[@]}" -v target="$target" -v role="$replication_role" <<'SQL'
BEGIN;
SET LOCAL session_replication_role = :'role';
INSERT INTO account (id, subject, display_name, organization, organization_type, region, roles)
SELECT md5('bench-owner-' || g)::uuid, 'bench-owner-' || g, '作者' || g, '科普研究所' || (g % 50), 'RESEARCH_INSTITUTE',
       (ARRAY['BEIJING','LIAONING','ZHEJIANG','HUBEI','CHONGQING','SHAANXI','XPCC'])[1 + g % 7], '{ENTRANT}'
FROM generate_series(1, 200) g
ON CONFLICT (subject) DO NOTHING;

SELECT count(*) AS have FROM work WHERE owner_id IN (SELECT id FROM account WHERE subject LIKE 'bench-owner-%') \gset

-- Bench work g is created g seconds before the seeding epoch (2026-11-01), so every run lays the same library.
CREATE TEMP TABLE bench_new ON COMMIT DROP AS
SELECT g, md5('bench-work-' || g)::uuid AS id FROM generate_series(:have + 1, :target) g;

INSERT INTO work (id, kind, title, title_en, description, tags, region, credit_line, licence, owner_id, status,
                  published_at, created_at, updated_at)
SELECT n.id,
       (ARRAY['POSTER','PHOTO','SHORT_VIDEO','ARTICLE','OTHER'])[1 + g % 5],
       '科普作品第' || g || '号：' || (ARRAY['量子计算入门','深海探测','新能源汽车','人工智能与生活','航天器返回'])[1 + g % 5],
       'Science work ' || g,
       '这是第' || g || '号科普作品的简介，介绍相关的科学知识。',
       ARRAY['科普', 'tag' || (g % 100)],
       (ARRAY['BEIJING','LIAONING','ZHEJIANG','HUBEI','CHONGQING','SHAANXI','XPCC'])[1 + g % 7],
       '张' || g || '（科普研究所' || (g % 50) || '）、李' || g,
       (ARRAY['CC_BY_4_0','CC_BY_SA_4_0','CC_BY_NC_4_0','CC_BY_NC_ND_4_0','EDITORIAL_USE_ONLY','ALL_RIGHTS_RESERVED'])[1 + g % 6],
       md5('bench-owner-' || (1 + g % 200))::uuid,
       CASE WHEN g % 5 = 0 THEN 'DRAFT' ELSE 'PUBLISHED' END,
       CASE WHEN g % 5 = 0 THEN NULL ELSE timestamptz '2026-11-01' - g * interval '1 second' END,
       timestamptz '2026-11-01' - g * interval '1 second',
       timestamptz '2026-11-01' - g * interval '1 second'
FROM bench_new n;

INSERT INTO work_creator (work_id, position, name, name_en, affiliation, role)
SELECT n.id, p, CASE p WHEN 0 THEN '张' ELSE '李' END || g, CASE p WHEN 0 THEN 'Zhang ' ELSE 'Li ' END || g,
       CASE p WHEN 0 THEN '科普研究所' || (g % 50) END, CASE p WHEN 0 THEN '作者' ELSE '插画' END
FROM bench_new n CROSS JOIN generate_series(0, 1) p;

INSERT INTO work_topic (work_id, topic_code)
SELECT DISTINCT n.id, t.code
FROM bench_new n
JOIN topic t ON t.position IN (1 + g % 8, 1 + (g / 8) % 8);
COMMIT;
ANALYZE account; ANALYZE work; ANALYZE work_creator; ANALYZE work_topic;
SQL
end=$(date +%s.%N)
"${psql_cmd[@]}" -At -F ' ' -c "select 'works in ' || current_database() || ': ' || count(*) || ' (' || count(*) filter (where status = 'PUBLISHED') || ' published)' from work"
awk -v s="$start" -v e="$end" 'BEGIN { printf "seeded in %.1f s\n", e - s }'
