-- Claims a user's presence for a verified login (wire protocol 6.3 across nodes).
-- KEYS[1] presence hash; ARGV: node, transport, stored firstLoginTime, sent firstLoginTime, ttl ms, logged-in ms.
-- Returns {'OK'}, {'STALE'} (a newer session elsewhere keeps the user) or
-- {'DISPLACED', node, firstLoginTime, reason} (an older session on that node must end).
local holder = redis.call('HMGET', KEYS[1], 'node', 'flt')
local node = holder[1]
local sent = tonumber(ARGV[4])
local old = 0
if node then
  old = tonumber(holder[2]) or 0
  -- A stale login loses against any holder; on this node the local registry then refuses it as well.
  if sent > 0 and sent < old then
    if node == ARGV[1] then return {'OK'} end
    return {'STALE'}
  end
end
-- 'sent' lets a heartbeat tell a replaced session (same client instance) from a displaced one later.
redis.call('HSET', KEYS[1], 'node', ARGV[1], 'transport', ARGV[2], 'flt', ARGV[3], 'since', ARGV[6], 'sent', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if node and node ~= ARGV[1] then
  local reason = 'DUPLICATE_LOGIN'
  if sent == old then reason = 'REPLACED' end
  return {'DISPLACED', node, tostring(old), reason}
end
return {'OK'}
