// The chat page: gets a token for name and password from the REST API, logs the browser IM client in with it,
// wires the client to the DOM, lists contacts online or offline, and shows each conversation's last messages from
// GET /api/history (the REST calls carry the token as a bearer token). Groups: lists the user's groups
// (GET /api/groups), creates them and adds members; a group's messages carry their sender and sequence number
// ("sender", "seq" beside the envelope), and its history comes from GET /api/groups/{id}/messages. What the user
// missed while away the server sends again at login; the history shows what it had already received.
// Read receipts (when the server takes them, GET /api/receipts): each contact and group shows a badge with its unread
// messages (GET /api/unread); the open conversation's messages are marked read as they are shown (a receipt naming
// the newest one, wire protocol section 14), and a read notice from the server turns sent messages' ticks to "read".
import { ImClient, State } from './im-client.js';
import { SERVER_ID } from './protocol.js';

const $ = (id) => document.getElementById(id);
const TICKS = { pending: '…', delivered: '✓', stored: '✓ stored', lost: '✗ lost', read: '✓✓' };
const TICK_TITLES = {
  pending: 'waiting for the ACK',
  delivered: 'ACK received: delivered',
  stored: 'the receiver is offline: the server stored the message and delivers it when they log in',
  lost: 'no ACK: lost',
  read: 'read',
};
const ONLINE_REFRESH_MS = 3000;
const MAX_SHOWN_MESSAGES = 500;
const HISTORY_PAGE = 20;           // the last messages of each conversation shown after a login
const MAX_REMEMBERED_PEERS = 20;
// The sub-type of the server's "stored" receipt (io.imstarter.sample.history.StoredReceipts.TYPEU).
//
// Why a receipt: the ACK for a message looks the same whether the receiver or the server's store sent it (wire
// protocol section 9.5), and the online list only says who was online at its last refresh: a receiver may log in or
// drop between two refreshes, and one whose link died silently stays listed until its idle timeout, while the server
// stores the message once the receiver's ACK is overdue. The server knows what it did, so the page listens to it.
const STORED_RECEIPT = 9001;

const REFUSALS = {
  1026: 'the server did not accept the token',
  1027: 'the token expired: log in again',
  1028: 'the token belongs to another user',
  1029: 'no token was sent',
};

let client = null;
let loggedInOnce = false;
let onlineTimer = null;
let token = null;   // kept in memory only: a reload asks for the password again
let online = new Set();
const shown = new Set();           // "sender fp" of every message on screen: history and live copies show once
const historyLoaded = new Set();   // peers whose history this login has fetched
let groups = new Map();            // the user's groups by address
let openGroup = null;              // the group whose address is in the "to" field
let receipts = { enabled: false, typeu: null };   // how this server takes read receipts (GET /api/receipts)
let unread = {};                   // unread messages by conversation (a peer's id or a group's address)
let openConversation = null;       // the conversation on screen: its messages are read as they are shown
const receipted = new Map();       // the newest fingerprint each conversation's last receipt named

/** A REST call with the bearer token; throws the problem's detail when the answer is not 2xx. */
async function api(path, { method = 'GET', body } = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.detail ?? `${method} /${path} answered ${response.status}`);
  }
  return answer;
}

async function gatewayUrl() {
  const { websocketPort, websocketPath } = await api('api/config');
  if (websocketPort == null) {
    throw new Error('The IM server\'s WebSocket gateway is disabled (im.server.websocket.enabled)');
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${websocketPort}${websocketPath}`;
}

function notice(text, isError = false) {
  const el = $('notice');
  el.textContent = text;
  el.classList.toggle('error', isError);
}

function showState(state) {
  const el = $('status');
  el.textContent = client?.userId ? `${client.userId}: ${state}` : state;
  el.dataset.state = state;
  // A first login that cannot connect stays on the login form; a session that lost its link keeps the chat.
  const inChat = state === State.LOGGED_IN || (state === State.RECONNECTING && loggedInOnce);
  $('chat-panel').hidden = !inChat;
  $('login-panel').hidden = inChat;
  $('send-button').disabled = state !== State.LOGGED_IN;
}

/**
 * Shows a message once per sender and fingerprint, in time order ('at', epoch ms): history pages and live messages
 * arrive in any order, and a message stored while we were offline comes both ways.
 */
function addMessage({ direction, peer, text, fp, status, at = Date.now(), sender, seq }) {
  const group = sender !== undefined;   // a group message: peer is the group's address
  if (fp) {
    const key = group ? `${peer} ${sender} ${fp}` : `${direction === 'out' ? client.userId : peer} ${fp}`;
    if (shown.has(key)) {
      return;
    }
    shown.add(key);
  }
  const list = $('messages');
  const item = document.createElement('li');
  item.className = `msg ${direction}`;
  item.dataset.at = String(at);
  item.dataset.peer = peer;
  if (fp) {
    item.dataset.fp = fp;
  }
  if (group) {
    item.dataset.group = peer;
    item.dataset.sender = sender;
    item.dataset.seq = String(seq);
  }
  const who = document.createElement('span');
  who.className = 'who';
  if (group) {
    who.textContent = `${sender === client.userId ? 'me' : sender} in ${peer}`;
  } else {
    who.textContent = direction === 'out' ? `to ${peer}` : (peer === '0' ? 'server' : peer);
  }
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(who, body);
  if (status) {
    const tick = document.createElement('span');
    tick.className = 'tick';
    item.append(tick);
    setStatus(item, status);
  }
  let next = list.lastElementChild;
  while (next && Number(next.dataset.at) > at) {
    next = next.previousElementSibling;
  }
  list.insertBefore(item, next ? next.nextElementSibling : list.firstElementChild);
  while (list.children.length > MAX_SHOWN_MESSAGES) {
    list.firstElementChild.remove();
  }
  item.scrollIntoView({ block: 'nearest' });
}

function setStatus(item, status) {
  item.dataset.status = status;
  const tick = item.querySelector('.tick');
  tick.textContent = TICKS[status];
  tick.title = TICK_TITLES[status];
}

/** A pending message takes its outcome; a stored receipt may also follow the ACK it explains. */
function markSent(fp, status) {
  const item = document.querySelector(`#messages li.out[data-fp="${CSS.escape(fp)}"]`);
  const current = item?.dataset.status;
  if (current === 'pending' || (current === 'delivered' && status === 'stored')) {   // 'read' stays
    setStatus(item, status);
  }
}

/** Puts each conversation's unread count on its contact or group, or takes the badge away. */
function showBadges() {
  document.querySelectorAll('#contacts li[data-user], #groups li[data-group]').forEach((item) => {
    const count = unread[item.dataset.user ?? item.dataset.group] ?? 0;
    let badge = item.querySelector('.badge');
    if (count === 0) {
      badge?.remove();
      return;
    }
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'badge';
      item.append(badge);
    }
    badge.textContent = String(count);
  });
}

/** Asks the server for the unread counts; the open conversation's messages are read, so it has none. */
async function refreshUnread() {
  if (!receipts.enabled) {
    return;
  }
  try {
    unread = (await api('api/unread')).conversations;
  } catch {
    return;   // the badges keep their last counts while the application is unreachable
  }
  if (openConversation && unread[openConversation]) {
    markRead(openConversation);
  }
  showBadges();
}

/** The newest message of the conversation that someone else sent and the page shows. */
function newestIncoming(conversation) {
  const items = groups.has(conversation)
    ? [...document.querySelectorAll(`#messages li[data-group="${CSS.escape(conversation)}"][data-fp]`)]
      .filter((item) => item.dataset.sender !== client.userId)
    : [...document.querySelectorAll(`#messages li.in[data-peer="${CSS.escape(conversation)}"][data-fp]`)];
  return items.at(-1);
}

/** Sends a receipt for the newest message shown in the conversation, once per message, and clears its badge. */
function markRead(conversation) {
  const newest = newestIncoming(conversation);
  unread[conversation] = 0;
  showBadges();
  if (!receipts.enabled || !newest || receipted.get(conversation) === newest.dataset.fp
      || client?.state !== State.LOGGED_IN || document.visibilityState === 'hidden') {
    return;
  }
  try {
    client.send(SERVER_ID, JSON.stringify({ c: conversation, fp: newest.dataset.fp }), { typeu: receipts.typeu });
    receipted.set(conversation, newest.dataset.fp);
  } catch (e) {
    notice(`Read receipt for ${conversation}: ${e.message}`, true);   // the next message shown tries again
  }
}

/** Opens a conversation: its messages shown from now on are read. */
function openChat(conversation) {
  openConversation = conversation;
  markRead(conversation);
}

/** A message of a conversation arrived: read at once when it is open, else one more unread. */
function arrived(conversation) {
  if (conversation === openConversation) {
    markRead(conversation);
    return;
  }
  unread[conversation] = (unread[conversation] ?? 0) + 1;
  showBadges();
}

/**
 * A read notice: another session of ours read a conversation (its badge goes), or someone read what we sent,
 * "up to and including" the named message, whose tick and the ticks before it turn to read.
 */
function readNotice(notice) {
  if (notice.reader === client.userId) {
    refreshUnread();
    return;
  }
  const ours = groups.has(notice.c)
    ? `#messages li.out[data-group="${CSS.escape(notice.c)}"]`
    : `#messages li.out[data-peer="${CSS.escape(notice.c)}"]:not([data-group])`;
  const items = [...document.querySelectorAll(ours)];
  const upTo = items.findIndex((item) => item.dataset.fp === notice.fp);
  items.slice(0, upTo + 1).filter((item) => item.dataset.status !== 'lost')
    .forEach((item) => setStatus(item, 'read'));
}

/** The peers this browser chatted with, most recent first, so that a new login can show their history. */
function rememberedPeers() {
  try {
    const peers = JSON.parse(localStorage.getItem(`im-chat.peers.${client.userId}`) ?? '[]');
    return Array.isArray(peers) ? peers.filter((peer) => typeof peer === 'string') : [];
  } catch {
    return [];
  }
}

function remember(peer) {
  if (peer === SERVER_ID || peer === client.userId || groups.has(peer)) {
    return;
  }
  const peers = [peer, ...rememberedPeers().filter((known) => known !== peer)].slice(0, MAX_REMEMBERED_PEERS);
  localStorage.setItem(`im-chat.peers.${client.userId}`, JSON.stringify(peers));
  loadHistory(peer);
}

/** Shows the last messages with a peer once per login; what is already on screen is not shown again. */
async function loadHistory(peer) {
  if (historyLoaded.has(peer)) {
    return;
  }
  historyLoaded.add(peer);
  const me = client.userId;
  try {
    const page = await api(`api/history/${encodeURIComponent(me)}/${encodeURIComponent(peer)}?limit=${HISTORY_PAGE}`);
    for (const message of [...page.messages].reverse()) {   // oldest first: equal times keep the store's order
      const out = message.from === me;
      addMessage({
        direction: out ? 'out' : 'in',
        peer: out ? message.to : message.from,
        text: message.content ?? '',
        fp: message.fingerprint,
        status: out ? (message.delivered ? 'delivered' : 'stored') : undefined,
        at: Date.parse(message.acceptedAt),
      });
    }
  } catch (e) {
    historyLoaded.delete(peer);
    notice(`History with ${peer}: ${e.message}`, true);
  }
}

/** Lists the user's groups; a group first heard of (someone added us) gets its history. */
async function refreshGroups() {
  let mine;
  try {
    mine = await api('api/groups');
  } catch (e) {
    notice(`Groups: ${e.message}`, true);
    return;
  }
  groups = new Map(mine.map((group) => [group.address, group]));
  $('groups').replaceChildren(...mine.map((group) => {
    const item = document.createElement('li');
    item.dataset.group = group.address;
    item.textContent = group.groupId;
    item.classList.toggle('open', group.address === openGroup);
    item.addEventListener('click', () => open(group.address));
    return item;
  }));
  showBadges();
  mine.forEach((group) => loadGroupHistory(group));
}

/** Opens a group's conversation: sends go to its address, and "Add" adds to it. */
function open(address) {
  openGroup = address;
  $('to').value = address;
  $('groups').querySelectorAll('li').forEach((item) => item.classList.toggle('open', item.dataset.group === address));
  openChat(address);
  $('message').focus();
}

/** Shows a group's last messages once per login, oldest first, each with its sender. */
async function loadGroupHistory(group) {
  if (historyLoaded.has(group.address)) {
    return;
  }
  historyLoaded.add(group.address);
  const after = Math.max(group.joinedSeq, group.lastSeq - HISTORY_PAGE);
  try {
    const messages = await api(`api/groups/${encodeURIComponent(group.groupId)}/messages?afterSeq=${after}`
      + `&limit=${HISTORY_PAGE}`);
    for (const message of messages) {
      addGroupMessage(group.address, message.sender, message.content ?? '', message.fingerprint, message.seq,
        Date.parse(message.acceptedAt));
    }
  } catch (e) {
    historyLoaded.delete(group.address);
    notice(`History of ${group.groupId}: ${e.message}`, true);
  }
}

function addGroupMessage(address, sender, text, fp, seq, at) {
  const mine = sender === client.userId;
  addMessage({ direction: mine ? 'out' : 'in', peer: address, sender, seq, text, fp, at,
    status: mine ? 'delivered' : undefined });
}

async function createGroup(event) {
  event.preventDefault();
  try {
    const created = await api('api/groups', { method: 'POST', body: { groupId: $('group-id').value.trim() } });
    $('group-id').value = '';
    await refreshGroups();
    open(created.address);
    notice(`Created group ${created.groupId}: add members, then send to ${created.address}`);
  } catch (e) {
    notice(e.message, true);
  }
}

async function addMember(event) {
  event.preventDefault();
  const group = groups.get(openGroup);
  if (!group) {
    notice('Open a group first (click it in the list)', true);
    return;
  }
  try {
    const member = await api(`api/groups/${encodeURIComponent(group.groupId)}/members`,
      { method: 'POST', body: { userId: $('member-id').value.trim() } });
    $('member-id').value = '';
    notice(`Added ${member.userId} to ${group.groupId}`);
  } catch (e) {
    notice(e.message, true);
  }
}

/** Lists who is online and, marked offline, the peers we chatted with who are not. */
async function refreshOnline() {
  try {
    online = new Set(await api('api/online/ids'));
  } catch {
    return;   // the page keeps its last list while the application is unreachable
  }
  const userIds = [...new Set([...online, ...rememberedPeers()])].sort();
  $('contacts').replaceChildren(...userIds.map((userId) => {
    const item = document.createElement('li');
    item.dataset.user = userId;
    item.dataset.online = String(online.has(userId));
    item.textContent = userId === client?.userId ? `${userId} (you)` : userId;
    if (!online.has(userId)) {
      const offline = document.createElement('small');
      offline.textContent = ' offline';
      item.append(offline);
    }
    item.addEventListener('click', () => { $('to').value = userId; openChat(userId); $('message').focus(); });
    return item;
  }));
  showBadges();
}

async function logIn(event) {
  event.preventDefault();
  const username = $('username').value.trim();
  let url;
  try {
    const issued = await api('api/token', { method: 'POST', body: { username, password: $('password').value } });
    token = issued.token;
    url = await gatewayUrl();
    notice(issued.registered ? `Registered ${username}` : '');
  } catch (e) {
    token = null;
    notice(e.message, true);
    return;
  }
  client?.logout();   // a previous attempt may still be retrying
  client = new ImClient(url);
  loggedInOnce = false;
  shown.clear();
  historyLoaded.clear();
  groups = new Map();
  openGroup = null;
  openConversation = null;
  unread = {};
  receipted.clear();
  $('messages').replaceChildren();
  client.addEventListener('state', (e) => showState(e.detail.state));
  client.addEventListener('login', (e) => {
    const { code } = e.detail;
    if (code === 0 && !loggedInOnce) {
      rememberedPeers().forEach(loadHistory);
    }
    loggedInOnce ||= code === 0;
    if (code === 0) {
      refreshOnline();
      refreshGroups().then(loadReceipts);
    }
    notice(code === 0 ? `Logged in as ${client.userId}` : `Login refused with code ${code}`
      + (REFUSALS[code] ? `: ${REFUSALS[code]}` : ''), code !== 0);
  });
  client.addEventListener('message', (e) => {
    const { packet } = e.detail;
    if (packet.from === SERVER_ID && packet.typeu === STORED_RECEIPT) {
      markSent(packet.dataContent ?? '', 'stored');
      return;
    }
    if (packet.from === SERVER_ID && receipts.enabled && packet.typeu === receipts.typeu) {
      try {
        readNotice(JSON.parse(packet.dataContent ?? '{}'));
      } catch {
        notice('A read notice the page cannot read', true);
      }
      return;
    }
    if (packet.sender !== undefined && packet.seq !== undefined) {   // a group member's copy
      addGroupMessage(packet.from, packet.sender, packet.dataContent ?? '', packet.fp, packet.seq,
        packet.sm > 0 ? packet.sm : Date.now());
      if (!groups.has(packet.from)) {
        refreshGroups();   // someone added us to a group
      }
      arrived(packet.from);
      return;
    }
    addMessage({ direction: 'in', peer: packet.from, text: packet.dataContent ?? '', fp: packet.fp });
    arrived(packet.from);
    remember(packet.from);   // also fetches the history with a peer first heard of now, e.g. a replayed message
    if (!$('contacts').querySelector(`[data-user="${CSS.escape(packet.from)}"]`)) {
      refreshOnline();   // someone we have not listed yet wrote to us
    }
  });
  client.addEventListener('acked', (e) => markSent(e.detail.fp, 'delivered'));
  client.addEventListener('lost', (e) => markSent(e.detail.fp, 'lost'));
  client.addEventListener('server-error',
    (e) => notice(`Server error ${e.detail.errorCode}: ${e.detail.errorMsg}`, true));
  client.addEventListener('kicked', (e) => notice(e.detail.code === 1 ? 'Logged out: you logged in elsewhere'
    : `Kicked by the server${e.detail.reason ? `: ${e.detail.reason}` : ''}`, true));
  $('password').value = '';
  client.login(username, token);
  clearInterval(onlineTimer);
  onlineTimer = setInterval(() => refreshOnline().then(refreshUnread), ONLINE_REFRESH_MS);
}

/** Learns whether the server takes read receipts, then shows the unread counts. */
async function loadReceipts() {
  try {
    receipts = await api('api/receipts');
  } catch {
    receipts = { enabled: false, typeu: null };
  }
  await refreshUnread();
}

function send(event) {
  event.preventDefault();
  const to = $('to').value.trim();
  const text = $('message').value;
  try {
    const fp = client.send(to, text);
    if (groups.has(to)) {
      addMessage({ direction: 'out', peer: to, sender: client.userId, seq: 0, text, fp, status: 'pending' });
      $('message').value = '';
      return;
    }
    addMessage({ direction: 'out', peer: to, text, fp, status: 'pending' });
    $('message').value = '';
    openChat(to);   // answering a conversation reads it
    remember(to);
    if (!$('contacts').querySelector(`[data-user="${CSS.escape(to)}"]`)) {
      refreshOnline();   // list the new peer, online or not
    }
  } catch (e) {
    notice(e.message, true);
  }
}

function logOut() {
  client?.logout();
  token = null;
  clearInterval(onlineTimer);
  notice('Logged out');
}

$('login-form').addEventListener('submit', logIn);
$('send-form').addEventListener('submit', send);
$('group-form').addEventListener('submit', createGroup);
$('member-form').addEventListener('submit', addMember);
$('logout-button').addEventListener('click', logOut);
window.addEventListener('pagehide', () => client?.logout());
document.addEventListener('visibilitychange', () => openConversation && markRead(openConversation));
