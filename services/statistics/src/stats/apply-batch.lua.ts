/**
 * Applies one batch atomically (see batch-script.args.ts for KEYS/ARGV). Fenced: when the
 * partition's stored next offset is not the batch's first offset, it fails and changes nothing, so
 * a replayed batch never counts twice. A partition with no stored offset takes only a batch that
 * starts at its earliest offset (the last ARGV): anything else means the state is gone (Redis
 * flushed or restarted empty) and would count part of the log, so it fails with STATS.STATE_GONE
 * and the service rebuilds from the earliest offsets. Each event counts only if its dedupe key is
 * new (SET NX EX: a duplicate in a later batch within the window changes nothing). Increments of
 * the new events are summed per (key, field) before HINCRBY / ZINCRBY (one call per distinct
 * pair); PFADDs go per key in chunks, then each donor ranking takes its set's PFCOUNT (ZADD). The
 * offset and meta (version, updatedAt) move in the same step. Returns {new events, duplicates, one
 * '1'|'0' per event: was it new}.
 */
export const APPLY_BATCH_LUA = `
local offsets, meta = KEYS[1], KEYS[2]
local partition, first, nxt, ttl, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local stored = redis.call('HGET', offsets, partition)
if stored and stored ~= first then
  return redis.error_reply('STATS.OFFSET_FENCED stored ' .. stored)
end
if not stored and first ~= ARGV[#ARGV] then
  return redis.error_reply('STATS.STATE_GONE earliest ' .. ARGV[#ARGV])
end
-- sums[key][field]: the batch's increments per key (kinds[key]: 'i' hash, 'z' sorted set), in
-- first-seen order; nested tables, not concatenated ids: no new string per op.
local sums, sumOrder, fieldOrder, kinds = {}, {}, {}, {}
local members, memberOrder = {}, {}
local fresh, duplicates, flags = 0, 0, {}
local i = 7
for _ = 1, tonumber(ARGV[6]) do
  local isNew = redis.call('SET', KEYS[tonumber(ARGV[i])], '1', 'NX', 'EX', ttl)
  local ops = tonumber(ARGV[i + 1])
  i = i + 2
  if isNew then fresh = fresh + 1 else duplicates = duplicates + 1 end
  flags[#flags + 1] = isNew and '1' or '0'
  for _ = 1, ops do
    if isNew then
      local kind, key = ARGV[i], tonumber(ARGV[i + 1])
      if kind == 'p' then
        if members[key] == nil then
          members[key] = {}
          memberOrder[#memberOrder + 1] = key
        end
        local list = members[key]
        list[#list + 1] = ARGV[i + 2]
      else
        local field, sum = ARGV[i + 2], sums[key]
        if sum == nil then
          sum = {}
          sums[key] = sum
          fieldOrder[key] = {}
          kinds[key] = kind
          sumOrder[#sumOrder + 1] = key
        end
        local by, before = tonumber(ARGV[i + 3]), sum[field]
        if before == nil then
          local list = fieldOrder[key]
          list[#list + 1] = field
          sum[field] = by
        else
          sum[field] = before + by
        end
      end
    end
    i = i + 4
  end
end
for _, key in ipairs(sumOrder) do
  local sum, name = sums[key], KEYS[key]
  if kinds[key] == 'z' then
    for _, member in ipairs(fieldOrder[key]) do redis.call('ZINCRBY', name, sum[member], member) end
  else
    for _, field in ipairs(fieldOrder[key]) do redis.call('HINCRBY', name, field, sum[field]) end
  end
end
for _, key in ipairs(memberOrder) do
  local list = members[key]
  for from = 1, #list, 1000 do
    redis.call('PFADD', KEYS[key], unpack(list, from, math.min(from + 999, #list)))
  end
end
for _ = 1, tonumber(ARGV[i]) do
  local donors = redis.call('PFCOUNT', KEYS[tonumber(ARGV[i + 2])])
  if donors > 0 then redis.call('ZADD', KEYS[tonumber(ARGV[i + 1])], donors, ARGV[i + 3]) end
  i = i + 3
end
redis.call('HSET', offsets, partition, nxt)
if fresh > 0 then
  redis.call('HINCRBY', meta, 'version', 1)
  redis.call('HSET', meta, 'updatedAt', now)
end
return { fresh, duplicates, table.concat(flags) }
`;
