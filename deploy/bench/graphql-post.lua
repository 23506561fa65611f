-- wrk script: POSTs one GraphQL operation and counts GraphQL errors (HTTP 200 with a top-level "errors" member),
-- which wrk alone would count as successes. The body comes from the environment: GRAPHQL_BODY (a JSON request).
-- Prints "graphql_errors N" after wrk's own report.
--
-- With BODIES_FILE instead, it POSTs Elasticsearch _msearch requests taken in turn from that file: records separated
-- by an empty line, each record one or more JSON search bodies (one a line) sent together as one msearch (every search
-- the service sent for one client request); a failed search inside the msearch (an "error" member) counts as an error.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = os.getenv("GRAPHQL_BODY")
if os.getenv("GRAPHQL_TOKEN") and os.getenv("GRAPHQL_TOKEN") ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("GRAPHQL_TOKEN")
end
local error_member = '"errors":'

local bodies = {}
if os.getenv("BODIES_FILE") and os.getenv("BODIES_FILE") ~= "" then
  wrk.headers["Content-Type"] = "application/x-ndjson"
  error_member = '"error":'
  local record = ""
  for line in io.lines(os.getenv("BODIES_FILE")) do
    if line == "" then
      if record ~= "" then
        table.insert(bodies, record)
      end
      record = ""
    else
      record = record .. "{}\n" .. line .. "\n"
    end
  end
  if record ~= "" then
    table.insert(bodies, record)
  end
end
local next_body = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failures = 0
end

function request()
  if #bodies == 0 then
    return wrk.format()
  end
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, error_member, 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failures")
  end
  io.write(string.format("graphql_errors %d\n", total))
  io.write(string.format("latency_us p50 %d p90 %d p99 %d max %d\n", latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
  io.write(string.format("requests %d seconds %.3f\n", summary.requests, summary.duration / 1e6))
end
