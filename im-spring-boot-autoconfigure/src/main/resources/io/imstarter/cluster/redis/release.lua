-- Removes a user's presence only if it is still the ended session's: same node, same firstLoginTime.
-- KEYS[1] presence hash; ARGV: node, firstLoginTime. Returns 1 when removed.
local holder = redis.call('HMGET', KEYS[1], 'node', 'flt')
if holder[1] == ARGV[1] and holder[2] == ARGV[2] then
  return redis.call('DEL', KEYS[1])
end
return 0
