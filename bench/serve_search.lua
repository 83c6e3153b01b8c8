-- wrk script: GET /api/search with queries taken in turn from a list of words in several
-- languages.
local queries = {"flood", "election", "crue", "Hochwasser", "incendio", "minister", "police",
                 "explosion", "border", "president", "storm", "gobierno", "Regierung", "accord"}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", "/api/search?q=" .. queries[(i % #queries) + 1])
end
