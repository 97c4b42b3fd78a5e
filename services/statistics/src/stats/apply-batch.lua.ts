/**
 * Applies one batch of donations.counted.v1 atomically (see batch-script.args.ts for KEYS/ARGV).
 *
 * Position: when the partition's stored next offset is not the batch's first offset, it fails
 * with STATS.OFFSET_FENCED and changes nothing (another instance applied this range; the
 * consumer seeks to the stored offset). A partition with no stored offset takes only a batch
 * that starts at its earliest offset: anything else means the state is gone (Redis flushed or
 * restarted empty) and would count part of the log, so it fails with STATS.STATE_GONE and the
 * service rebuilds from the earliest offsets.
 *
 * Source fence: the partition's last applied source offset (donations.normalized.v1). The
 * service selected the messages above an assumed fence; the selection is exact when
 * highestBelow <= stored fence < firstKept. Otherwise nothing changes and the reply is
 * {0, stored fence}: the service selects again against it. Then the summed HINCRBYs (a field
 * summed back to 0 is removed: a refund taken back leaves no trace), the ZINCRBYs, the PFADDs
 * per key, and each donor ranking takes its set's PFCOUNT (ZADD). The position, the fence and
 * meta (version, updatedAt) move in the same step. Replies {1, the new fence}.
 *
 * Generation (KEYS[4] the generations hash, KEYS[5] the switch hold): a live batch writes only
 * to the active generation (else STATS.GENERATION_MOVED: the service reads the active one again)
 * and waits while a switch holds the live writers (STATS.SWITCHING); a shadow batch writes only
 * to the generation being built (else STATS.NOT_BUILDING: switched in, or given up).
 */
export const APPLY_BATCH_LUA = `
local offsets, fences, meta = KEYS[1], KEYS[2], KEYS[3]
local partition, first, nxt, now, earliest = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local below, firstKept, lastKept, changes = ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local generation, mode = ARGV[10], ARGV[11]
if mode == 'live' then
  local active = redis.call('HGET', KEYS[4], 'active') or '0'
  if active ~= generation then return redis.error_reply('STATS.GENERATION_MOVED active ' .. active) end
  if redis.call('EXISTS', KEYS[5]) == 1 then return redis.error_reply('STATS.SWITCHING') end
elseif redis.call('HGET', KEYS[4], 'building') ~= generation then
  return redis.error_reply('STATS.NOT_BUILDING ' .. generation)
end
local stored = redis.call('HGET', offsets, partition)
if stored and stored ~= first then
  return redis.error_reply('STATS.OFFSET_FENCED stored ' .. stored)
end
if not stored and first ~= earliest then
  return redis.error_reply('STATS.STATE_GONE earliest ' .. earliest)
end
local function above(a, b)
  if #a == #b then return a > b end
  return #a > #b
end
local fence = redis.call('HGET', fences, partition) or ''
if above(below, fence) or (firstKept ~= '' and not above(firstKept, fence)) then
  return { 0, fence }
end
local i = 12
local function count()
  local n = tonumber(ARGV[i])
  i = i + 1
  return n
end
for _ = 1, count() do
  local key, n = KEYS[tonumber(ARGV[i])], tonumber(ARGV[i + 1])
  i = i + 2
  for _ = 1, n do
    if redis.call('HINCRBY', key, ARGV[i], ARGV[i + 1]) == 0 then
      redis.call('HDEL', key, ARGV[i])
    end
    i = i + 2
  end
end
for _ = 1, count() do
  local key, n = KEYS[tonumber(ARGV[i])], tonumber(ARGV[i + 1])
  i = i + 2
  for _ = 1, n do
    redis.call('ZINCRBY', key, ARGV[i + 1], ARGV[i])
    i = i + 2
  end
end
for _ = 1, count() do
  local key, n = KEYS[tonumber(ARGV[i])], tonumber(ARGV[i + 1])
  i = i + 2
  for from = i, i + n - 1, 1000 do
    redis.call('PFADD', key, unpack(ARGV, from, math.min(from + 999, i + n - 1)))
  end
  i = i + n
end
for _ = 1, count() do
  local donors = redis.call('PFCOUNT', KEYS[tonumber(ARGV[i + 1])])
  if donors > 0 then redis.call('ZADD', KEYS[tonumber(ARGV[i])], donors, ARGV[i + 2]) end
  i = i + 3
end
redis.call('HSET', offsets, partition, nxt)
if lastKept ~= '' then
  redis.call('HSET', fences, partition, lastKept)
  fence = lastKept
end
if changes == '1' then
  redis.call('HINCRBY', meta, 'version', 1)
  redis.call('HSET', meta, 'updatedAt', now)
end
return { 1, fence }
`;
