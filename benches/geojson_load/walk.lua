-- wrk script: each thread asks for the paths of a file (one a line) in their order, over
-- and over, so every server under test gets the same requests in the same order.
--   wrk -t 2 -c 64 -d 15s -s benches/geojson_load/walk.lua http://host:port -- paths.txt
local requests = {}
local next_one = 0

function init(args)
  for path in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("GET", path)
  end
  assert(#requests > 0, "no paths in " .. args[1])
end

function request()
  next_one = next_one % #requests + 1
  return requests[next_one]
end
