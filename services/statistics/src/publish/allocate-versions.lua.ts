/**
 * Allocates the versions of one publication round on a stats topic. KEYS[1]: the topic's
 * `published` hash (scope -> last version); ARGV: the time in ms, then per scope its name and
 * how many messages it sends. Each scope gets max(now, last + 1) up to that plus count - 1, so a
 * version grows per key, also after Redis lost the hash (the clock then carries it). Returns the
 * first version of each scope, in ARGV order.
 */
export const ALLOCATE_VERSIONS_LUA = `
local now = tonumber(ARGV[1])
local firsts = {}
for j = 2, #ARGV, 2 do
  local last = tonumber(redis.call('HGET', KEYS[1], ARGV[j]) or '0')
  local first = math.max(now, last + 1)
  redis.call('HSET', KEYS[1], ARGV[j], first + tonumber(ARGV[j + 1]) - 1)
  firsts[#firsts + 1] = first
end
return firsts
`;
