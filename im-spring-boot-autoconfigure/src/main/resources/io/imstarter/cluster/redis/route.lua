-- Publishes a message to the node that holds a user, in one round trip.
-- KEYS[1] presence hash; ARGV: this node, channel prefix, message.
-- Returns -1 when no other node holds the user, else the subscribers reached (0: that node is gone).
local node = redis.call('HGET', KEYS[1], 'node')
if not node or node == ARGV[1] then return -1 end
return redis.call('PUBLISH', ARGV[2] .. node, ARGV[3])
