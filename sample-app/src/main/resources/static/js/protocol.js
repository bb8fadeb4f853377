// The MobileIMSDK v6 wire protocol as the browser speaks it: one JSON envelope per WebSocket text message.

export const Type = Object.freeze({
  LOGIN: 0, KEEP_ALIVE: 1, DATA: 2, LOGOUT: 3, ACK: 4,
  LOGIN_RESPONSE: 50, KEEP_ALIVE_RESPONSE: 51, ERROR: 52, KICKOUT: 54,
});

export const SERVER_ID = '0';
export const UNSET = -1;
export const NOT_LOGGED_IN = 301;

/** One envelope with the builder defaults of the spec; a QoS packet gets a fresh fingerprint. */
export function packet(type, dataContent, from, to, { qos = false, fp, typeu = UNSET } = {}) {
  return {
    bridge: false,
    type,
    dataContent: dataContent ?? undefined,
    from: from ?? '-1',
    to: to ?? '-1',
    fp: qos ? (fp || crypto.randomUUID()) : fp,
    QoS: qos,
    typeu,
    sm: UNSET,
  };
}

export function loginPacket(userId, token, firstLoginTime) {
  const info = JSON.stringify({ loginUserId: userId, loginToken: token, firstLoginTime });
  return packet(Type.LOGIN, info, userId, SERVER_ID);
}

export const keepAlivePacket = (userId) => packet(Type.KEEP_ALIVE, '{}', userId, SERVER_ID);

export const logoutPacket = (userId) => packet(Type.LOGOUT, null, userId, SERVER_ID);

/** The ACK a receiver owes for a QoS packet: from itself to the sender, the fingerprint as payload. */
export function ackPacket(received, me) {
  return { ...packet(Type.ACK, received.fp, me, received.from ?? '-1'), bridge: !!received.bridge };
}

export const encode = (p) => JSON.stringify(p);

/**
 * Decodes an envelope; null for anything that is not a JSON object. Absent fields take the spec's zero values; a
 * group copy's "sender" and "seq" are kept (wire protocol section 13).
 */
export function decode(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return null;
  }
  return {
    bridge: !!value.bridge,
    type: Number(value.type ?? 0),
    dataContent: value.dataContent ?? null,
    from: value.from ?? null,
    to: value.to ?? null,
    fp: value.fp ?? null,
    qos: !!value.QoS,
    typeu: Number(value.typeu ?? 0),
    sm: Number(value.sm ?? 0),
    // A group member's copy carries its sender and its place in the group's order beside the envelope.
    ...(typeof value.sender === 'string' && value.seq != null ? { sender: value.sender, seq: Number(value.seq) } : {}),
  };
}

/** Whether the receiver must ACK: QoS with a non-empty fingerprint (section 9.1). */
export const requiresAck = (p) => p.qos && !!p.fp;

/** Parses a control payload (type 50, 52, 54); an empty object when it is unreadable. */
export function payload(p) {
  try {
    const value = JSON.parse(p.dataContent ?? '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}
