// A browser IM client over the server's WebSocket gateway: login, keep-alive, automatic re-login, QoS with
// retransmission and lost reports, ACKs and de-duplication (wire protocol sections 6.4, 8 and 9).
import * as P from './protocol.js';

const DEFAULTS = Object.freeze({
  keepAliveMs: 5000,        // MODE_5S: a keep-alive every 5 s ...
  linkTimeoutMs: 8000,      // ... and the link counts as lost after 8 s without a keep-alive reply
  linkCheckMs: 2000,
  qosCheckMs: 5000,         // the stock client's QoS daemon: check every 5 s, re-send entries 3 s old, twice,
  qosMinAgeMs: 3000,        // then report them lost (13 to 18 s after sending)
  qosMaxRetries: 2,
  maxPending: 1000,
  dedupWindowMs: 10 * 60 * 1000,
  dedupMaxEntries: 1000,
  reloginInitialMs: 3000,
  reloginMaxMs: 30000,
});

export const State = Object.freeze({
  DISCONNECTED: 'disconnected', CONNECTING: 'connecting', LOGGED_IN: 'logged-in', RECONNECTING: 'reconnecting',
  REFUSED: 'refused', KICKED: 'kicked', CLOSED: 'closed',
});

/**
 * Events: 'state' {state}, 'login' {code, firstLoginTime}, 'message' {packet}, 'acked' {fp}, 'lost' {fp},
 * 'server-error' {errorCode, errorMsg}, 'kicked' {code, reason}.
 */
export class ImClient extends EventTarget {
  #url;
  #options;
  #socket = null;
  #state = State.DISCONNECTED;
  #userId = null;
  #token = null;
  #firstLoginTime = 0;
  #lastAnswer = 0;
  #reloginAttempt = 0;
  #reloginTimer = null;
  #pending = new Map();   // fp -> {packet, firstSent, retries}
  #seen = new Map();      // "sender fp" -> time received; insertion order = age
  #timers = [];

  constructor(url, options = {}) {
    super();
    this.#url = url;
    this.#options = { ...DEFAULTS, ...options };
  }

  get state() { return this.#state; }

  get userId() { return this.#userId; }

  /** Connects and logs in; the outcome arrives as a 'login' event. */
  login(userId, token) {
    if (this.#state !== State.DISCONNECTED) {
      throw new Error('login() may be called once per client; create a new client after a logout');
    }
    this.#userId = userId;
    this.#token = token;
    const o = this.#options;
    this.#timers.push(setInterval(() => this.#keepAlive(), o.keepAliveMs));
    this.#timers.push(setInterval(() => this.#checkLink(), o.linkCheckMs));
    this.#timers.push(setInterval(() => this.#checkQos(), o.qosCheckMs));
    this.#connect(State.CONNECTING);
  }

  /** Sends a type 2 message and returns its fingerprint; QoS messages end in an 'acked' or a 'lost' event. */
  send(to, text, { qos = true, typeu = P.UNSET } = {}) {
    if (this.#state !== State.LOGGED_IN) {
      throw new Error(`cannot send while ${this.#state}`);
    }
    if (!to || to === '-1') {
      throw new Error('a receiver user id is required');
    }
    if (qos && this.#pending.size >= this.#options.maxPending) {
      throw new Error(`too many messages waiting for an ACK (${this.#options.maxPending})`);
    }
    const packet = P.packet(P.Type.DATA, text, this.#userId, to, { qos, typeu });
    if (qos) {
      this.#pending.set(packet.fp, { packet, firstSent: Date.now(), retries: 0 });
    }
    this.#write(packet);
    return packet.fp;
  }

  /** Logs out and releases everything; the client cannot be used again. */
  logout() {
    if (this.#socket?.readyState === WebSocket.OPEN && this.#state === State.LOGGED_IN) {
      this.#write(P.logoutPacket(this.#userId));
    }
    this.#stop(State.CLOSED);
  }

  #connect(state) {
    this.#setState(state);
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => this.#write(P.loginPacket(this.#userId, this.#token, this.#firstLoginTime));
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        this.#receive(P.decode(event.data));
      }
    };
    socket.onclose = () => {
      if (this.#socket === socket) {
        this.#linkLost();
      }
    };
  }

  #receive(packet) {
    if (packet === null) {
      return;
    }
    switch (packet.type) {
      case P.Type.LOGIN_RESPONSE: return this.#onLoginResponse(P.payload(packet));
      case P.Type.KEEP_ALIVE_RESPONSE: this.#lastAnswer = Date.now(); return undefined;
      case P.Type.DATA: return this.#onData(packet);
      case P.Type.ACK: return this.#onAck(packet.dataContent);
      case P.Type.ERROR: return this.#onError(P.payload(packet));
      case P.Type.KICKOUT: return this.#onKickout(P.payload(packet));
      default: return undefined;
    }
  }

  #onLoginResponse({ code = -1, firstLoginTime = -1 }) {
    if (code !== 0) {
      this.#stop(State.REFUSED);
      this.#emit('login', { code, firstLoginTime });
      return;
    }
    if (this.#firstLoginTime <= 0) {
      this.#firstLoginTime = firstLoginTime;
    }
    this.#lastAnswer = Date.now();
    this.#reloginAttempt = 0;
    this.#setState(State.LOGGED_IN);
    this.#emit('login', { code, firstLoginTime });
  }

  #onData(packet) {
    if (P.requiresAck(packet)) {
      this.#write(P.ackPacket(packet, this.#userId));   // ACK first, even for a duplicate
      const key = `${packet.from} ${packet.fp}`;
      if (this.#seen.has(key)) {
        return;
      }
      this.#remember(key);
    }
    this.#emit('message', { packet });
  }

  #onAck(fp) {
    if (fp && this.#pending.delete(fp)) {
      this.#emit('acked', { fp });
    }
  }

  #onError({ errorCode, errorMsg }) {
    if (errorCode === P.NOT_LOGGED_IN && this.#state === State.LOGGED_IN) {
      // The server forgot us and closes the socket next: re-login after one re-login interval (section 6.4).
      this.#reloginAttempt = Math.max(this.#reloginAttempt, 1);
      this.#setState(State.RECONNECTING);
    }
    this.#emit('server-error', { errorCode, errorMsg });
  }

  #onKickout({ code, reason }) {
    this.#stop(State.KICKED);
    this.#emit('kicked', { code, reason });
  }

  #linkLost() {
    if (this.#state === State.CLOSED || this.#state === State.KICKED || this.#state === State.REFUSED) {
      return;
    }
    this.#socket = null;
    this.#setState(State.RECONNECTING);
    const o = this.#options;
    const delay = this.#reloginAttempt === 0 ? 0
      : Math.min(o.reloginInitialMs * 2 ** (this.#reloginAttempt - 1), o.reloginMaxMs) * (0.8 + Math.random() * 0.4);
    this.#reloginAttempt += 1;
    this.#reloginTimer = setTimeout(() => this.#connect(State.RECONNECTING), delay);
  }

  #keepAlive() {
    if (this.#state === State.LOGGED_IN) {
      this.#write(P.keepAlivePacket(this.#userId));
    }
  }

  #checkLink() {
    if (this.#state === State.LOGGED_IN && Date.now() - this.#lastAnswer > this.#options.linkTimeoutMs) {
      this.#socket?.close();   // onclose starts the re-login
    }
  }

  // Retransmits unacknowledged messages and reports those out of retries; runs while disconnected too, so a
  // message sent before a long outage is reported lost.
  #checkQos() {
    const now = Date.now();
    const o = this.#options;
    for (const [fp, entry] of this.#pending) {
      if (now - entry.firstSent < o.qosMinAgeMs) {
        continue;
      }
      if (entry.retries < o.qosMaxRetries) {
        entry.retries += 1;
        this.#write(entry.packet);
      } else {
        this.#pending.delete(fp);
        this.#emit('lost', { fp });
      }
    }
    this.#forgetOldSeen(now);
  }

  #remember(key) {
    this.#seen.set(key, Date.now());
    if (this.#seen.size > this.#options.dedupMaxEntries) {
      this.#seen.delete(this.#seen.keys().next().value);
    }
  }

  #forgetOldSeen(now) {
    for (const [key, time] of this.#seen) {
      if (now - time < this.#options.dedupWindowMs) {
        break;
      }
      this.#seen.delete(key);
    }
  }

  #write(packet) {
    if (this.#socket?.readyState === WebSocket.OPEN) {
      this.#socket.send(P.encode(packet));
    }
  }

  #stop(state) {
    this.#timers.forEach(clearInterval);
    this.#timers = [];
    clearTimeout(this.#reloginTimer);
    for (const fp of this.#pending.keys()) {
      this.#emit('lost', { fp });
    }
    this.#pending.clear();
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
    this.#setState(state);
  }

  #setState(state) {
    if (this.#state !== state) {
      this.#state = state;
      this.#emit('state', { state });
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
