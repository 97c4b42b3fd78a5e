/**
 * Applies one batch atomically (see batch-script.args.ts for KEYS/ARGV). Fenced: when the
 * partition's stored next offset is not the batch's first offset, it fails and changes nothing,
 * so a replayed batch never counts twice. Each event counts only if its dedupe key is new (SET NX
 * EX: a duplicate in a later batch within the window changes nothing). Increments of the new
 * events are summed per (key, field) before HINCRBY; PFADDs go per key in chunks. The offset and
 * meta (version, updatedAt) move in the same step. Returns {new events, duplicates}.
 */
export const APPLY_BATCH_LUA = `
local offsets, meta = KEYS[1], KEYS[2]
local partition, first, nxt, ttl, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local stored = redis.call('HGET', offsets, partition)
if stored and stored ~= first then
  return redis.error_reply('STATS.OFFSET_FENCED stored ' .. stored)
end
local sums, sumOrder, members, memberOrder = {}, {}, {}, {}
local fresh, duplicates = 0, 0
local i = 7
for _ = 1, tonumber(ARGV[6]) do
  local isNew = redis.call('SET', KEYS[tonumber(ARGV[i])], '1', 'NX', 'EX', ttl)
  local ops = tonumber(ARGV[i + 1])
  i = i + 2
  if isNew then fresh = fresh + 1 else duplicates = duplicates + 1 end
  for _ = 1, ops do
    if isNew then
      local key = tonumber(ARGV[i + 1])
      if ARGV[i] == 'i' then
        local id = key .. '|' .. ARGV[i + 2]
        if sums[id] == nil then
          sums[id] = 0
          sumOrder[#sumOrder + 1] = { key, ARGV[i + 2], id }
        end
        sums[id] = sums[id] + tonumber(ARGV[i + 3])
      else
        if members[key] == nil then
          members[key] = {}
          memberOrder[#memberOrder + 1] = key
        end
        local list = members[key]
        list[#list + 1] = ARGV[i + 2]
      end
    end
    i = i + 4
  end
end
for _, entry in ipairs(sumOrder) do
  redis.call('HINCRBY', KEYS[entry[1]], entry[2], sums[entry[3]])
end
for _, key in ipairs(memberOrder) do
  local list = members[key]
  for from = 1, #list, 1000 do
    redis.call('PFADD', KEYS[key], unpack(list, from, math.min(from + 999, #list)))
  end
end
redis.call('HSET', offsets, partition, nxt)
if fresh > 0 then
  redis.call('HINCRBY', meta, 'version', 1)
  redis.call('HSET', meta, 'updatedAt', now)
end
return { fresh, duplicates }
`;
