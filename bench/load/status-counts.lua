-- A wrk script that counts the responses by status code and prints one line per code ("status 303 1234") and one
-- per kind of socket error ("errors timeout 0"), for the load scripts here to check.
-- When LOGIN_BODY is set, every request is a form POST of it, with COOKIE as its Cookie header.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
    local body = os.getenv("LOGIN_BODY")
    if body and #body > 0 then
        wrk.method = "POST"
        wrk.body = body
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    end
    local cookie = os.getenv("COOKIE")
    if cookie and #cookie > 0 then
        wrk.headers["Cookie"] = cookie
    end
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    for status, count in pairs(total) do
        io.write(string.format("status %d %d\n", status, count))
    end
    for kind, count in pairs(summary.errors) do
        io.write(string.format("errors %s %d\n", kind, count))
    end
end
