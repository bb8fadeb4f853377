package io.imstarter.cluster.redis;

/** Names of the cluster's keys and channels, all under one prefix. */
record RedisKeys(String prefix) {

    String user(String userId) {
        return prefix + "user:" + userId;
    }

    String userPattern() {
        return prefix + "user:*";
    }

    String userId(String userKey) {
        return userKey.substring(prefix.length() + "user:".length());
    }

    String channelPrefix() {
        return prefix + "node:";
    }

    String channel(String nodeId) {
        return channelPrefix() + nodeId;
    }

    /** The channel every node hears group notes on. */
    String groupChannel() {
        return prefix + "groups";
    }
}
