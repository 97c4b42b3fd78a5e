/**
 * Begins a generation unless one is building (then returns it). KEYS: generations hash, the
 * info hash prefix `stats:generations:`. ARGV: the time. Numbers grow past the active one.
 */
export const BEGIN_GENERATION_LUA = `
local building = redis.call('HGET', KEYS[1], 'building')
if building then return tonumber(building) end
local n = redis.call('HINCRBY', KEYS[1], 'next', 1)
local active = tonumber(redis.call('HGET', KEYS[1], 'active') or '0')
if n <= active then
  n = active + 1
  redis.call('HSET', KEYS[1], 'next', n)
end
redis.call('HSET', KEYS[1], 'building', n)
redis.call('HSET', KEYS[2] .. n, 'state', 'building', 'createdAt', ARGV[1])
return n
`;

/**
 * The switch, in one step. KEYS: generations hash, hold, the live (active) offsets, the shadow's
 * offsets, the shadow's rebuild marker, the active generation's info, the shadow's info. ARGV:
 * the shadow generation, the active one it replaces, the time. Only while the shadow is building,
 * the active one is still ARGV[2] and the hold is the shadow's (-1: the hold expired), and only
 * once the shadow has read, on every partition, at least as far as the live consumer (0: not
 * yet): the figures it switches in are never below those it replaces. Then the shadow is active,
 * the old one retired, the shadow's marker live and the hold released. Replies 1.
 */
export const SWITCH_GENERATION_LUA = `
local function below(a, b)
  if #a == #b then return a < b end
  return #a < #b
end
local gens, hold, live, shadow, marker = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
if (redis.call('HGET', gens, 'active') or '0') ~= ARGV[2] then
  return redis.error_reply('STATS.GENERATION_MOVED')
end
if redis.call('HGET', gens, 'building') ~= ARGV[1] then
  return redis.error_reply('STATS.NOT_BUILDING ' .. ARGV[1])
end
if redis.call('GET', hold) ~= ARGV[1] then return -1 end
local offsets = redis.call('HGETALL', live)
for j = 1, #offsets, 2 do
  local read = redis.call('HGET', shadow, offsets[j])
  if not read or below(read, offsets[j + 1]) then return 0 end
end
redis.call('HSET', gens, 'active', ARGV[1])
redis.call('HDEL', gens, 'building')
redis.call('HSET', KEYS[6], 'state', 'retired', 'retiredAt', ARGV[3])
redis.call('HSET', KEYS[7], 'state', 'active', 'activatedAt', ARGV[3])
redis.call('HSET', marker, 'status', 'live', 'completedAt', ARGV[3])
redis.call('DEL', hold)
return 1
`;

/** Releases the hold if it is still `ARGV[1]`'s. */
export const RELEASE_HOLD_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;
