#!/usr/bin/env python3
"""Where a service's CPU goes, from a JFR recording: the CPU samples (jdk.ExecutionSample) of the threads that serve
requests, each given to one part of the request by its stack (the first rule, in PARTS order, that some frame of the
stack matches), plus the hottest leaf frames and the inclusive share of a few named methods.

    jfr print --stack-depth 256 --events jdk.ExecutionSample target/search-compare.jfr \
      | deploy/bench/jfr-shares.py [--threads REGEX] [--top N] [--requests N]

--requests divides the sample counts by the requests served while recording (samples per request: comparable across
builds even when the machine's load differs). Written for issue 13 (search without the answer cache).
"""
import argparse
import collections
import re
import sys

# First match wins, tried in this order over the whole stack (so the more specific parts come first).
PARTS = [
    ("highlights (Lucene highlighter, smartcn)", r"cn\.kepu\.media\.search\.text\.Highlights"),
    ("query analysis (smartcn, synonyms)", r"cn\.kepu\.media\.search\.(text\.(QueryAnalyser|TextAnalysis|Synonyms)|SearchText)"),
    ("Elasticsearch request building (SearchQueries, JSON)", r"cn\.kepu\.media\.search\.SearchQueries|cn\.kepu\.media\.search\.SearchService\.(rankedBody|body|visibility|addFacets)"),
    ("Elasticsearch call (client, guard, response parse)", r"cn\.kepu\.media\.search\.SearchIndex|org\.elasticsearch\.client|org\.apache\.http"),
    ("hydration from PostgreSQL (works, creators, topics)", r"cn\.kepu\.media\.works\.(WorkService|api\.WorkViews|api\.WorkGraphQL\.(creators|topics))|cn\.kepu\.media\.search\.SearchHits"),
    ("rest of searchWorks (hits, cursors, edges, selection)", r"cn\.kepu\.media\.search\.(SearchService|api\.SearchGraphQL)"),
    ("request gate (rate limit, parse, document checks)", r"cn\.kepu\.media\.shared\.(graphql\.(GraphQLRequestGate|DocumentScan|DocumentCost|PublicAnswer)|ratelimit)"),
    ("query guard (depth, complexity, error codes)", r"cn\.kepu\.media\.shared\.graphql\.(QueryGuard\.check|GraphQLErrorCodes)"),
    ("GraphQL response: JSON-P tree, string, HTTP write (SmallRye)", r"io\.smallrye\.graphql\.execution\.(ExecutionResponse|JsonObjectResponseWriter|ExecutionService\.notifyAndWrite)|org\.eclipse\.parsson|jakarta\.json"),
    ("SmallRye request: body to JSON-P, execution input, context", r"io\.quarkus\.smallrye\.graphql\.runtime\.SmallRyeGraphQLExecutionHandler\.(getJsonObjectFromBody|toJsonObject)|io\.smallrye\.graphql\.execution\.context"),
    ("GraphQL execution (graphql-java, SmallRye)", r"^graphql\.|io\.smallrye\.graphql|io\.quarkus\.smallrye\.graphql|org\.dataloader"),
    ("Hibernate / Agroal / pgjdbc elsewhere", r"org\.hibernate|io\.agroal|org\.postgresql"),
    ("HTTP server (Vert.x, Netty, Quarkus HTTP)", r"io\.vertx|io\.netty|io\.quarkus\.vertx"),
]
NAMED = [
    r"cn\.kepu\.media\.search\.api\.SearchGraphQL\.searchWorks",
    r"cn\.kepu\.media\.search\.SearchService\.search",
    r"cn\.kepu\.media\.search\.SearchIndex\.(msearch|search)",
    r"cn\.kepu\.media\.works\.api\.WorkViews",
    r"cn\.kepu\.media\.works\.api\.WorkGraphQL\.creators",
    r"cn\.kepu\.media\.works\.api\.WorkGraphQL\.topics",
    r"graphql\.GraphQL\.execute",
    r"io\.smallrye\.graphql\.execution\.ExecutionService\.execute",
    r"cn\.kepu\.media\.shared\.graphql\.GraphQLRequestGate\.checkDocument",
    r"cn\.kepu\.media\.shared\.graphql\.QueryGuard\$Guard\.beginExecuteOperation",
    r"com\.fasterxml\.jackson",
]


def samples(lines, threads):
    thread, stack, inside = None, [], False
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("jdk.ExecutionSample"):
            thread, stack, inside = None, [], False
        elif "sampledThread = " in line:
            m = re.search(r'sampledThread = "([^"]*)"', line)
            thread = m.group(1) if m else ""
        elif "stackTrace = [" in line:
            inside = True
        elif inside and line.strip() == "]":
            inside = False
        elif inside:
            frame = line.strip()
            if frame and frame != "...":
                stack.append(re.sub(r"\s+line:.*$", "", frame))
        elif line.strip() == "}" and thread is not None:
            if threads.search(thread):
                yield thread, stack
            thread = None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default=r"executor-thread|vert\.x-eventloop|vert\.x-worker")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--requests", type=int, default=0)
    args = parser.parse_args()
    parts = [(name, re.compile(rule)) for name, rule in PARTS]
    named = [re.compile(rule) for rule in NAMED]
    by_part, leaves, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for _, stack in samples(sys.stdin, re.compile(args.threads)):
        total += 1
        part = next((name for name, rule in parts if any(rule.search(f) for f in stack)), "other (JDK, GC barriers, idle)")
        by_part[part] += 1
        if stack:
            leaves[stack[0]] += 1
        for rule in named:
            if any(rule.search(f) for f in stack):
                inclusive[rule.pattern] += 1
    if total == 0:
        print("no samples on the request threads")
        return
    per = f", {total / args.requests:.3f} samples per request" if args.requests else ""
    print(f"{total} CPU samples on the request threads{per}")
    print("\npart of the request (first matching rule over the stack)            share")
    for name, n in by_part.most_common():
        print(f"  {name:<66} {100 * n / total:5.1f} %")
    print("\ninclusive share of named frames")
    for rule in NAMED:
        print(f"  {rule:<66} {100 * inclusive[rule] / total:5.1f} %")
    print(f"\nhottest leaf frames (self), top {args.top}")
    for frame, n in leaves.most_common(args.top):
        print(f"  {100 * n / total:5.1f} %  {frame[:140]}")


if __name__ == "__main__":
    main()
