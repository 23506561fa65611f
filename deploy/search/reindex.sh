#!/usr/bin/env bash
# Rebuilds the search index from PostgreSQL while searches continue, then swaps the alias (the reindexWorks mutation).
#   deploy/search/reindex.sh [--url http://host:8080/graphql] --token <organizer bearer token>
# In dev, a token comes from http://localhost:8080/dev/token/organizer1.
set -euo pipefail
url="http://localhost:8080/graphql"
token=""
while (($#)); do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --token) token="$2"; shift 2 ;;
    *) echo "usage: $0 [--url URL] --token TOKEN" >&2; exit 2 ;;
  esac
done
[[ -n "$token" ]] || { echo "usage: $0 [--url URL] --token TOKEN" >&2; exit 2; }
response="$(curl -sS --fail-with-body -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data '{"query":"mutation { reindexWorks { index documents millis } }"}' "$url")"
echo "$response"
if [[ "$response" == *'"errors"'* ]]; then
  exit 1
fi
