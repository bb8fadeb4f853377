-- Keeps this node's users present: refreshes their TTL, and re-creates entries Redis lost (a restart).
-- KEYS: presence hashes; ARGV: node, ttl ms, then per key: transport, firstLoginTime, logged-in ms.
-- Returns {index, sent firstLoginTime, ...} for users another node holds now: their session here was displaced,
-- by the same client instance when that node's login sent this session's firstLoginTime.
local displaced = {}
for i, key in ipairs(KEYS) do
  local base = 2 + (i - 1) * 3
  local holder = redis.call('HMGET', key, 'node', 'sent')
  if not holder[1] then
    redis.call('HSET', key, 'node', ARGV[1], 'transport', ARGV[base + 1], 'flt', ARGV[base + 2],
      'since', ARGV[base + 3])
    redis.call('PEXPIRE', key, ARGV[2])
  elseif holder[1] == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
  else
    table.insert(displaced, tostring(i))
    table.insert(displaced, holder[2] or '0')
  end
end
return displaced
