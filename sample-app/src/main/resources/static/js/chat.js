// The chat page: gets a token for name and password from the REST API, logs the browser IM client in with it,
// wires the client to the DOM and lists online users (the REST calls carry the token as a bearer token).
import { ImClient, State } from './im-client.js';

const $ = (id) => document.getElementById(id);
const TICKS = { pending: '…', delivered: '✓', lost: '✗ lost' };
const ONLINE_REFRESH_MS = 3000;
const MAX_SHOWN_MESSAGES = 500;

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

function addMessage({ direction, peer, text, fp, status }) {
  const list = $('messages');
  const item = document.createElement('li');
  item.className = `msg ${direction}`;
  if (fp) {
    item.dataset.fp = fp;
  }
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = direction === 'out' ? `to ${peer}` : (peer === '0' ? 'server' : peer);
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
  list.append(item);
  while (list.children.length > MAX_SHOWN_MESSAGES) {
    list.firstElementChild.remove();
  }
  item.scrollIntoView({ block: 'end' });
}

function setStatus(item, status) {
  item.dataset.status = status;
  const tick = item.querySelector('.tick');
  tick.textContent = TICKS[status];
  tick.title = { pending: 'waiting for the ACK', delivered: 'ACK received', lost: 'no ACK: lost' }[status];
}

function markSent(fp, status) {
  const item = document.querySelector(`#messages li[data-fp="${CSS.escape(fp)}"]`);
  if (item && item.dataset.status === 'pending') {
    setStatus(item, status);
  }
}

async function refreshOnline() {
  try {
    const userIds = await api('api/online/ids');
    const list = $('online-users');
    list.replaceChildren(...userIds.map((userId) => {
      const item = document.createElement('li');
      item.dataset.user = userId;
      item.textContent = userId === client?.userId ? `${userId} (you)` : userId;
      item.addEventListener('click', () => { $('to').value = userId; $('message').focus(); });
      return item;
    }));
  } catch {
    // The page keeps its last list while the application is unreachable.
  }
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
  client.addEventListener('state', (e) => showState(e.detail.state));
  client.addEventListener('login', (e) => {
    const { code } = e.detail;
    loggedInOnce ||= code === 0;
    if (code === 0) {
      refreshOnline();
    }
    notice(code === 0 ? `Logged in as ${client.userId}` : `Login refused with code ${code}`
      + (REFUSALS[code] ? `: ${REFUSALS[code]}` : ''), code !== 0);
  });
  client.addEventListener('message', (e) => {
    const { packet } = e.detail;
    addMessage({ direction: 'in', peer: packet.from, text: packet.dataContent ?? '' });
    if (!$('online-users').querySelector(`[data-user="${CSS.escape(packet.from)}"]`)) {
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
  onlineTimer = setInterval(refreshOnline, ONLINE_REFRESH_MS);
}

function send(event) {
  event.preventDefault();
  const to = $('to').value.trim();
  const text = $('message').value;
  try {
    const fp = client.send(to, text);
    addMessage({ direction: 'out', peer: to, text, fp, status: 'pending' });
    $('message').value = '';
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
$('logout-button').addEventListener('click', logOut);
window.addEventListener('pagehide', () => client?.logout());
