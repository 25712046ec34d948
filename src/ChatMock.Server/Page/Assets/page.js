// ChatMock's live page: plain modern JavaScript, no framework, nothing from the network but this server.
// The calls come from the server's stream (server-sent events, read with fetch so that the admin token can go in a
// header); the page keeps at most `keep` of them and draws the list at most a few times a second, in one
// requestAnimationFrame, whatever the rate of calls.
'use strict';

(() => {
  const ADMIN = '/__admin/chatmock';
  const CALL_PATH = '/api/v1/Agents/Chat/AddChatMessage';
  const TOKEN_KEY = 'chatmock.adminToken';
  const CREDENTIALS_KEY = 'chatmock.credentials';
  const DEFAULT_CREDENTIALS = 'Basic dGplMDpUamUw'; // tje0:Tje0, the documentation sample's user
  const DEFAULT_KEEP = 1000;
  const MAX_KEEP = 10000;
  const MAX_ROWS = 200; // rows drawn at once; the rest stay in memory for the filters
  const DRAW_EVERY_MS = 200;
  const SESSION_LIMIT = 500; // sessions the conversations view reads, newest first
  const MESSAGE_LIMIT = 500; // messages of the open session it reads, the newest
  // Headers a browser sets itself: fetch may not send them.
  const FORBIDDEN = /^(host|content-length|connection|keep-alive|accept-encoding|accept-charset|cookie|cookie2|date|dnt|expect|origin|referer|te|trailer|transfer-encoding|upgrade|via|user-agent|access-control-request-.*|proxy-.*|sec-.*)$/i;

  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  };

  const state = {
    tokenRequired: document.documentElement.dataset.adminToken === 'required',
    keep: readKeep(),
    calls: [], // oldest first; markers ({ marker: text }) in between
    byId: new Map(),
    instance: null,
    lastEventId: null,
    paused: false,
    heldWhilePaused: 0,
    kept: 0,
    dirty: true,
    drawQueued: false,
    lastDraw: 0,
    openId: null,
    openCall: null,
    session: null,
    operations: new Set(),
    statuses: new Set(),
    sessions: new Set(),
    contract: null,
    stream: null,
  };

  function readKeep() {
    const asked = Number(new URLSearchParams(location.search).get('keep'));
    return Number.isInteger(asked) && asked >= 1 && asked <= MAX_KEEP ? asked : DEFAULT_KEEP;
  }

  // ---- the admin token ----------------------------------------------------------------------------------------

  function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

  function adminHeaders(extra) {
    const headers = new Headers(extra || {});
    if (token()) headers.set('X-ChatMock-Admin-Token', token());
    return headers;
  }

  let tokenWaiters = [];
  function askToken(message) {
    const dialog = $('token-dialog');
    $('token-error').textContent = message || '';
    if (!dialog.open) dialog.showModal();
    $('token-input').focus();
    return new Promise((resolve) => tokenWaiters.push(resolve));
  }

  $('token-form').addEventListener('submit', () => {
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
    $('token-input').value = '';
    const waiters = tokenWaiters;
    tokenWaiters = [];
    waiters.forEach((resolve) => resolve());
  });

  $('token-dialog').addEventListener('cancel', (event) => event.preventDefault());

  // fetch for /__admin: the token in a header, asked for again when it is refused.
  async function admin(path, init) {
    for (;;) {
      const response = await fetch(path, { ...(init || {}), headers: adminHeaders(init && init.headers), cache: 'no-store' });
      if (response.status !== 401) return response;
      sessionStorage.removeItem(TOKEN_KEY);
      await askToken(token() ? 'That token was refused.' : 'The token was refused; enter it again.');
    }
  }

  // ---- the stream ---------------------------------------------------------------------------------------------

  function setConnection(stateName, text) {
    const node = $('connection');
    node.dataset.state = stateName;
    node.textContent = text;
  }

  async function connect() {
    if (state.tokenRequired && !token()) await askToken();
    const controller = new AbortController();
    state.stream = controller;
    try {
      const headers = adminHeaders({ Accept: 'text/event-stream' });
      if (state.lastEventId) headers.set('Last-Event-ID', state.lastEventId);
      const response = await fetch(`${ADMIN}/ui/events?keep=${state.keep}`, { headers, signal: controller.signal, cache: 'no-store' });
      if (response.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        await askToken('The token was refused; enter it again.');
        return setTimeout(connect, 0);
      }
      if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
      setConnection(state.paused ? 'paused' : 'live', state.paused ? 'Paused' : 'Live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          onBlock(block);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    if (state.stream !== controller) return;
    setConnection('down', 'Disconnected: reconnecting…');
    setTimeout(connect, 1000);
  }

  function reconnect() {
    if (state.stream) state.stream.abort();
    state.stream = null;
    connect();
  }

  function onBlock(block) {
    let name = 'message', id = null, data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'id') id = value;
      else if (field === 'data') data += (data ? '\n' : '') + value;
    }
    if (!data) return;
    const payload = JSON.parse(data);
    if (id) state.lastEventId = id;
    if (name === 'hello') onHello(payload);
    else if (name === 'calls') onCalls(payload);
    else if (name === 'gap') addMarker(`Calls ${payload.from}–${payload.to} not shown: ${payload.message}`);
    else if (name === 'cleared') { clearLocal(); addMarker('The journal was cleared.'); }
    else if (name === 'chat') chatChanged();
  }

  function onHello(hello) {
    if (state.instance && hello.instance !== state.instance) {
      // A new server: its ids start again, so what the page holds is kept below a marker, never mixed in.
      addMarker('The server restarted: the calls below are from before; calls made while it was down are not shown.');
      state.byId.clear();
    }
    state.instance = hello.instance;
    chatChanged();
  }

  function onCalls(calls) {
    for (const call of calls) {
      if (state.byId.has(call.id)) continue;
      state.byId.set(call.id, call);
      state.calls.push(call);
      if (call.operation) state.operations.add(call.operation);
      state.statuses.add(call.status);
      if (call.session !== null) state.sessions.add(call.session);
      if (state.paused) state.heldWhilePaused++;
    }
    trim();
    invalidate();
  }

  function addMarker(text) {
    state.calls.push({ marker: text, id: null });
    trim();
    invalidate();
  }

  function trim() {
    let extra = state.calls.filter((c) => !c.marker).length - state.keep;
    while (extra > 0 || (state.calls.length && state.calls[0].marker && state.calls.length > state.keep)) {
      const removed = state.calls.shift();
      // After a restart ids begin again: only forget an id that is this call's, not a newer call's with the same id.
      if (!removed.marker) { extra--; if (state.byId.get(removed.id) === removed) state.byId.delete(removed.id); }
    }
  }

  function clearLocal() {
    state.calls = [];
    state.byId.clear();
    state.sessions.clear();
    invalidate();
  }

  // ---- drawing ------------------------------------------------------------------------------------------------

  function invalidate() {
    state.dirty = true;
    if (state.drawQueued) return;
    state.drawQueued = true;
    const wait = Math.max(0, DRAW_EVERY_MS - (performance.now() - state.lastDraw));
    setTimeout(() => requestAnimationFrame(draw), wait);
  }

  function filters() {
    return {
      text: $('f-text').value.trim().toLowerCase(),
      session: $('f-session').value,
      operation: $('f-operation').value,
      status: $('f-status').value,
      violations: $('f-violations').checked,
    };
  }

  function matches(call, f) {
    if (f.session && String(call.session) !== f.session) return false;
    if (f.operation && (call.operation || '(none)') !== f.operation) return false;
    if (f.status) {
      if (/^\dxx$/.test(f.status) ? String(call.status)[0] !== f.status[0] : String(call.status) !== f.status) return false;
    }
    if (f.violations && call.violations.length === 0) return false;
    if (f.text) {
      const haystack = [call.id, call.method, call.path, call.query, call.operation, call.status, call.session,
        call.sent && call.sent.text, call.sent && call.sent.author, call.answer && call.answer.text, call.answer && call.answer.author,
        ...call.violations.map((v) => `${v.path} ${v.message}`)].join(' ').toLowerCase();
      if (!haystack.includes(f.text)) return false;
    }
    return true;
  }

  function draw() {
    state.drawQueued = false;
    state.lastDraw = performance.now();
    if (!state.dirty || state.paused) {
      if (state.paused) $('counts').textContent = `Paused: ${state.heldWhilePaused} new call(s) held. ${countText()}`;
      return;
    }
    state.dirty = false;
    fillOptions($('f-operation'), [...state.operations].sort().concat(state.operations.size ? [] : []), (v) => v);
    fillStatusOptions();
    fillOptions($('f-session'), [...state.sessions].sort((a, b) => a - b).map(String), (v) => `session ${v}`);
    const f = filters();
    const rows = [];
    let shown = 0, matching = 0, kept = 0;
    for (let i = state.calls.length - 1; i >= 0; i--) {
      const call = state.calls[i];
      if (!call.marker) kept++;
      if (call.marker) {
        if (shown < MAX_ROWS) rows.push(markerRow(call.marker));
        continue;
      }
      if (!matches(call, f)) continue;
      matching++;
      if (shown < MAX_ROWS) { rows.push(callRow(call)); shown++; }
    }
    const body = $('call-rows');
    const focusedId = document.activeElement && document.activeElement.closest && document.activeElement.closest('#call-rows tr') ? document.activeElement.dataset.id : null;
    body.replaceChildren(...rows);
    if (focusedId) { const again = body.querySelector(`tr[data-id="${focusedId}"]`); if (again) again.focus(); }
    $('empty').hidden = state.calls.length > 0;
    state.kept = kept;
    $('counts').textContent = `${matching} matching${matching > shown ? `, newest ${shown} shown` : ''}. ${countText()}`;
  }

  function countText() {
    return `The page keeps ${state.kept} of at most ${state.keep} calls.`;
  }

  function fillOptions(select, values, label) {
    const have = new Set([...select.options].map((o) => o.value));
    for (const value of values) {
      if (!have.has(value)) select.append(el('option', { value, text: label(value) }));
    }
  }

  function fillStatusOptions() {
    const select = $('f-status');
    const have = new Set([...select.options].map((o) => o.value));
    for (const status of [...state.statuses].sort()) {
      if (!have.has(String(status))) select.append(el('option', { value: String(status), text: String(status) }));
    }
  }

  function markerRow(text) {
    return el('tr', { class: 'marker', 'aria-disabled': 'true' }, el('td', { colspan: 7, text }));
  }

  function callRow(call) {
    const row = el('tr', {
      tabindex: 0,
      'data-id': call.id,
      class: call.violations.length ? 'broke' : null,
      'aria-selected': call.id === state.openId ? 'true' : 'false',
      'aria-label': `Call ${call.id}: ${call.method} ${call.path}, ${call.status}${call.violations.length ? `, ${call.violations.length} violation(s)` : ''}`,
    },
    el('td', { text: call.id }),
    el('td', { text: call.timeText || (call.timeText = timeOf(call.time)) }),
    el('td', { text: call.method }),
    el('td', { class: 'path' }, ...breakable(call.path + (call.query || ''))),
    el('td', { text: call.operation || '—' }),
    el('td', { class: `status-${String(call.status)[0]}`, text: call.status }),
    el('td', { text: `${call.durationMs.toFixed(2)} ms` }));
    return row;
  }

  // A path that may wrap after each slash, never inside a name.
  function breakable(text) {
    const parts = [];
    text.split('/').forEach((part, index) => {
      if (index > 0) parts.push('/', el('wbr'));
      parts.push(part);
    });
    return parts;
  }

  // Local time of day with milliseconds; by hand, since toLocaleTimeString costs a formatter per call.
  function timeOf(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const two = (n) => String(n).padStart(2, '0');
    return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
  }

  $('call-rows').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (row) openCall(Number(row.dataset.id));
  });

  $('call-rows').addEventListener('keydown', (event) => {
    const row = event.target.closest('tr[data-id]');
    if (!row) return;
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); openCall(Number(row.dataset.id)); }
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      let next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      while (next && !next.dataset.id) next = event.key === 'ArrowDown' ? next.nextElementSibling : next.previousElementSibling;
      if (next) next.focus();
    }
  });

  for (const id of ['f-text', 'f-session', 'f-operation', 'f-status', 'f-violations']) {
    $(id).addEventListener('input', invalidate);
  }
  $('filters').addEventListener('submit', (event) => event.preventDefault());

  $('pause').addEventListener('click', () => {
    state.paused = !state.paused;
    $('pause').setAttribute('aria-pressed', String(state.paused));
    $('pause').textContent = state.paused ? 'Resume' : 'Pause';
    setConnection(state.paused ? 'paused' : 'live', state.paused ? 'Paused' : 'Live');
    state.heldWhilePaused = 0;
    state.dirty = true;
    invalidate();
  });

  $('keep').value = String(state.keep);
  $('keep').addEventListener('change', () => {
    const value = Number($('keep').value);
    if (!Number.isInteger(value) || value < 1 || value > MAX_KEEP) { $('keep').value = String(state.keep); return; }
    state.keep = value;
    const url = new URL(location.href);
    url.searchParams.set('keep', String(value));
    history.replaceState(null, '', url);
    trim();
    invalidate();
    reconnect();
  });

  // ---- one call -----------------------------------------------------------------------------------------------

  async function openCall(id) {
    state.openId = id;
    for (const row of $('call-rows').querySelectorAll('tr[aria-selected="true"]')) row.setAttribute('aria-selected', 'false');
    const row = $('call-rows').querySelector(`tr[data-id="${id}"]`);
    if (row) row.setAttribute('aria-selected', 'true');
    const detail = $('detail');
    const response = await admin(`${ADMIN}/calls/${id}`);
    if (!response.ok) {
      detail.replaceChildren(el('h2', { id: 'detail-title', text: `Call ${id}` }), el('p', { class: 'error', text: `The journal no longer has call ${id} (cleared, or dropped when it was full).` }));
      return;
    }
    const call = await response.json();
    if (state.openId !== id) return;
    state.openCall = call;
    drawCall(call);
  }

  function drawCall(call) {
    const request = call.request;
    const facts = el('dl', { class: 'facts' });
    const fact = (name, value) => { if (value !== null && value !== undefined && value !== '') facts.append(el('dt', { text: name }), el('dd', { text: value })); };
    fact('Time', call.timestamp);
    fact('Operation', call.operation || '(none)');
    fact('Status', call.response.statusCode);
    fact('Duration', `${call.durationMs} ms`);
    fact('Delay', call.delayMs ? `${call.delayMs} ms` : null);
    fact('Fault', call.fault);
    fact('Credentials', call.credentials ? `${call.credentials.scheme}${call.credentials.userName ? ' ' + call.credentials.userName : ''}` : 'none');
    fact('Body', `${request.bodyLength} bytes${request.bodyLength > new TextEncoder().encode(request.body).length ? ' (the journal keeps the first 64 KiB)' : ''}`);

    const headers = el('dl', { class: 'facts' });
    for (const [name, value] of Object.entries(request.headers)) headers.append(el('dt', { text: name }), el('dd', { class: 'mono', text: value }));

    const violations = call.violations.length
      ? el('ul', { class: 'violations', 'aria-label': 'Violations' }, ...call.violations.map((v) => el('li', null, el('code', { text: v.path || '(the whole body)' }), ' ', v.message)))
      : el('p', { class: 'muted', text: 'The request kept the contract.' });
    const warnings = call.warnings.length
      ? el('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...call.warnings.map((w) => el('li', { text: w })))
      : el('p', { class: 'muted', text: 'No warnings.' });

    const snippet = el('textarea', { id: 'snippet', class: 'snippet mono', readonly: true, 'aria-label': 'Copied text', hidden: true });
    const result = el('p', { id: 'detail-result', role: 'status' });
    const copy = async (text, what) => {
      snippet.hidden = false;
      snippet.value = text;
      try { await navigator.clipboard.writeText(text); result.textContent = `${what} copied.`; }
      catch { snippet.select(); result.textContent = `${what} is in the box below: copy it from there.`; }
    };

    $('detail').replaceChildren(
      el('h2', { id: 'detail-title', text: `Call ${call.id}: ${request.method} ${request.path}${request.query || ''}` }),
      facts,
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'copy-curl', onclick: () => copy(asCurl(call), 'The curl command') }, 'Copy as curl'),
        el('button', { type: 'button', id: 'copy-nunit', onclick: () => copy(asAssertion(call), 'The NUnit assertion') }, 'Copy as NUnit assertion'),
        el('button', { type: 'button', id: 'send-again', onclick: () => sendAgain(call, result) }, 'Send again')),
      result,
      snippet,
      el('h3', { text: 'Violations' }), violations,
      el('h3', { text: 'Warnings' }), warnings,
      el('h3', { text: 'Request body' }), bodyView(request.body, call.violations, 'request-body'),
      el('h3', { text: 'Request headers' }), headers,
      el('h3', { text: `Answer: ${call.response.statusCode} ${call.response.contentType || ''}` }), bodyView(call.response.body, [], 'response-body'));
  }

  // A JSON body pretty-printed line by line, each line knowing its JSON pointer; a violation marks the line of its
  // pointer (or of the nearest part that exists, for a missing property) and its message is written beside it.
  function bodyView(text, violations, id) {
    let value;
    try { value = text ? JSON.parse(text) : undefined; } catch { value = undefined; }
    if (value === undefined) {
      const pre = el('pre', { id, class: 'mono' }, text || '(empty)');
      if (text && violations.length) pre.append(...violations.map((v) => el('span', { class: 'vmsg', 'data-pointer': v.path, text: `\n⚠ ${v.path || '(the whole body)'}: ${v.message}` })));
      return pre;
    }
    const lines = [];
    const write = (pointer, indent, key, node, last) => {
      const prefix = '  '.repeat(indent);
      const keyPart = key === null ? [] : [el('span', { class: 'key', text: JSON.stringify(key) }), ': '];
      const comma = last ? '' : ',';
      if (node !== null && typeof node === 'object') {
        const isArray = Array.isArray(node);
        const entries = isArray ? node.map((v, i) => [String(i), v]) : Object.entries(node);
        if (entries.length === 0) { lines.push({ pointer, parts: [prefix, ...keyPart, isArray ? '[]' : '{}', comma] }); return; }
        lines.push({ pointer, parts: [prefix, ...keyPart, isArray ? '[' : '{'] });
        entries.forEach(([k, v], i) => write(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, indent + 1, isArray ? null : k, v, i === entries.length - 1));
        lines.push({ pointer: null, parts: [prefix, isArray ? ']' : '}', comma] });
      } else {
        lines.push({ pointer, parts: [prefix, ...keyPart, JSON.stringify(node), comma] });
      }
    };
    write('', 0, null, value, true);
    const known = new Map();
    lines.forEach((line, index) => { if (line.pointer !== null && !known.has(line.pointer.toLowerCase())) known.set(line.pointer.toLowerCase(), index); });
    const notes = new Map();
    for (const violation of violations) {
      let pointer = violation.path.toLowerCase();
      while (!known.has(pointer)) pointer = pointer.includes('/') ? pointer.slice(0, pointer.lastIndexOf('/')) : '';
      const index = known.get(pointer);
      if (!notes.has(index)) notes.set(index, []);
      notes.get(index).push(violation);
    }
    const pre = el('pre', { id, class: 'json mono' });
    lines.forEach((line, index) => {
      const node = el('span', { class: 'line', 'data-pointer': line.pointer }, ...line.parts);
      if (notes.has(index)) {
        node.classList.add('violation');
        for (const v of notes.get(index)) node.append(el('span', { class: 'vmsg', 'data-pointer': v.path, text: `⚠ ${v.path || '(the whole body)'}: ${v.message}` }));
      }
      pre.append(node);
    });
    return pre;
  }

  const shellQuote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

  function asCurl(call) {
    const request = call.request;
    const lines = [`curl -i -X ${request.method} ${shellQuote(location.origin + request.path + (request.query || ''))}`];
    let redacted = false;
    for (const [name, value] of Object.entries(request.headers)) {
      if (/^(host|content-length|connection|accept-encoding)$/i.test(name)) continue;
      if (value.includes('***')) redacted = true;
      lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
    }
    if (request.body) lines.push(`  --data-binary ${shellQuote(request.body)}`);
    return (redacted ? '# The journal redacted the credentials (***): put the secret back before running this.\n' : '') + lines.join(' \\\n');
  }

  const csharp = (text) => text === null || text === undefined ? 'null'
    : `"${String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;

  // The Received.Exactly(1, CallPattern...) line that matches the call, with ChatMock.Testing's real API.
  function asAssertion(call) {
    let pattern;
    if (call.operation === 'AddChatMessage' && call.request.method.toUpperCase() === 'POST') {
      pattern = 'CallPattern.AddChatMessage';
      if (call.addChatMessage) {
        pattern += `.ForSession(${call.addChatMessage.ChatSessionId})`;
        if (call.addChatMessage.Message) pattern += `.WithMessageText(${csharp(call.addChatMessage.Message.Message)})`;
      }
      const paths = [...new Set(call.violations.map((v) => v.path))];
      pattern += paths.length ? paths.map((p) => `.WithViolationAt(${csharp(p)})`).join('') : '.WithoutViolations()';
    } else {
      const what = `${call.request.method} ${call.request.path}`;
      pattern = `CallPattern.Any.Where(call => call.Request.Method == ${csharp(call.request.method)} && call.Request.Path == ${csharp(call.request.path)}, ${csharp(what)})`;
    }
    pattern += `.WithStatus(${call.response.statusCode})`;
    return `Assert.That(chatMock.Journal, Received.Exactly(1, ${pattern}));`;
  }

  function credentials() { return $('credentials').value.trim(); }

  // The recorded request, sent again from this page (same origin); credentials the journal redacted are replaced
  // by the page's (Controls).
  async function sendAgain(call, result) {
    const request = call.request;
    const headers = new Headers();
    let replaced = false;
    for (const [name, value] of Object.entries(request.headers)) {
      if (FORBIDDEN.test(name)) continue;
      if (/^authorization$/i.test(name) && value.includes('***')) { replaced = true; if (credentials()) headers.set(name, credentials()); continue; }
      try { headers.set(name, value); } catch { /* a header value fetch cannot carry is left out */ }
    }
    const init = { method: request.method, headers, cache: 'no-store' };
    if (!/^(GET|HEAD)$/i.test(request.method) && request.body) init.body = request.body;
    const path = request.path + (request.query || '');
    const response = await (path.startsWith('/__admin') ? admin(path, init) : fetch(path, init));
    result.textContent = `Sent again: ${response.status}${replaced ? ' (with the page\'s credentials; the journal keeps them redacted)' : ''}.`;
  }

  // ---- conversations ------------------------------------------------------------------------------------------
  // The stored sessions, read from the server when the stream says the chat store changed (a `chat` event), and only
  // while the view is open: at most SESSION_LIMIT sessions and MESSAGE_LIMIT messages of the open one, one read at a
  // time (changes that come during a read make one more read after it).

  const chat = { list: null, detail: null, missing: false, error: null, reading: false, again: false, stale: true, seen: '' };

  function conversationsShown() { return !$('view-conversations').hidden; }

  function chatChanged() {
    chat.stale = true;
    if (conversationsShown()) readChat();
  }

  async function readChat() {
    if (chat.reading) { chat.again = true; return; }
    chat.reading = true;
    chat.stale = false;
    let changed = true;
    try {
      const list = await admin(`${ADMIN}/ui/sessions?limit=${SESSION_LIMIT}`);
      const listText = list.ok ? await list.text() : '';
      if (list.ok) { chat.list = JSON.parse(listText); chat.error = null; } else chat.error = `The sessions could not be read (${list.status}).`;
      let detailText = '';
      const id = state.session;
      // A session the whole list does not hold is not stored: no need to ask (and be answered 404).
      const complete = chat.list && chat.list.total === chat.list.shown;
      if (id !== null && complete && !chat.list.sessions.some((s) => s.id === id)) {
        chat.missing = true;
        chat.detail = null;
      } else if (id !== null) {
        const one = await admin(`${ADMIN}/ui/sessions/${id}?limit=${MESSAGE_LIMIT}`);
        detailText = one.ok ? await one.text() : String(one.status);
        if (state.session === id) {
          chat.missing = one.status === 404;
          chat.detail = one.ok ? JSON.parse(detailText) : null;
        }
      }
      // Drawn again only when something shown changed (the version alone does not count), so that the transcript
      // is not announced again, nor focus and scrolling disturbed, for a change to another session.
      const seen = [chat.error, state.session, chat.missing, listText.replace(/^\{"version":[^,]*,/, ''), detailText.replace(/^\{"version":[^,]*,/, '')].join('\n');
      changed = seen !== chat.seen;
      chat.seen = seen;
    } catch (error) {
      chat.error = `The sessions could not be read: ${error.message}`;
    } finally {
      chat.reading = false;
    }
    if (changed) drawSessions();
    if (chat.again) { chat.again = false; readChat(); }
  }

  function sessionText(s) {
    return [s.customer || '(no customer)', s.topic || (s.topicId !== null ? `topic ${s.topicId}` : '(no topic)'), s.status || '(no status)'].join(' · ');
  }

  function drawSessions() {
    const list = $('sessions');
    const sessions = chat.list ? chat.list.sessions : [];
    const rows = sessions.map((s) => el('li', null, el('button', {
      type: 'button',
      'data-session': s.id,
      'aria-current': s.id === state.session ? 'true' : 'false',
      onclick: () => openSession(s.id),
    }, `Session ${s.id} (${s.messageCount})`,
    el('span', { class: 'meta', text: sessionText(s) }),
    s.lastMessage ? el('span', { class: 'meta last', text: s.lastMessage }) : null)));
    if (state.session !== null && !sessions.some((s) => s.id === state.session)) {
      rows.push(el('li', null, el('button', {
        type: 'button', 'data-session': state.session, 'aria-current': 'true', onclick: () => openSession(state.session),
      }, `Session ${state.session} (not stored)`)));
    }
    const focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.dataset.session : null;
    list.replaceChildren(...rows);
    if (focused) { const again = list.querySelector(`button[data-session="${focused}"]`); if (again) again.focus(); }
    if (!rows.length) list.append(el('li', { class: 'muted', text: chat.list ? 'No sessions stored.' : 'Reading the sessions…' }));
    $('sessions-count').textContent = chat.error ? chat.error
      : chat.list ? `${chat.list.total} stored${chat.list.total > chat.list.shown ? `, the ${chat.list.shown} newest shown` : ''}.` : '';
    if (state.session !== null) drawTranscript();
  }

  function openSession(session) {
    state.session = session;
    chat.detail = null;
    chat.missing = false;
    chat.seen = '';
    $('post').hidden = false;
    drawSessions();
    readChat();
  }

  function drawTranscript() {
    const session = state.session;
    const detail = chat.detail && chat.detail.session.id === session ? chat.detail : null;
    $('transcript-title').textContent = `Session ${session}`;
    $('transcript-facts').textContent = detail ? `${sessionText(detail.session)} · ${detail.session.messageCount} message(s)` : '';
    const items = [];
    if (detail && detail.shown < detail.session.messageCount) {
      items.push(el('li', { class: 'other', text: `${detail.session.messageCount - detail.shown} earlier message(s) not shown.` }));
    }
    for (const m of detail ? detail.messages : []) {
      const kind = m.type === 'ToUser' ? 'customer' : m.type === 'ToCustomer' ? 'agent' : 'other';
      const who = kind === 'customer' ? 'customer' : kind === 'agent' ? 'agent' : m.type;
      items.push(el('li', { class: kind, 'data-message': m.id },
        el('span', { class: 'who', text: `${m.author || '(no author)'} · ${who} · ${m.when ? timeOf(m.when) : ''}` }),
        m.text === null ? el('em', { text: '(no text)' }) : m.text));
    }
    if (chat.missing) {
      items.push(el('li', { class: 'other', text: `No session ${session} is stored. Posting a message creates it when the setting UnknownSessions is Create.` }));
    } else if (detail && !detail.messages.length) {
      items.push(el('li', { class: 'other', text: 'No messages in this session yet.' }));
    }
    $('messages').replaceChildren(...items);
  }

  $('new-session').addEventListener('submit', (event) => {
    event.preventDefault();
    const session = Number($('new-session-id').value);
    if (Number.isInteger(session)) openSession(session);
  });

  $('post').addEventListener('submit', async (event) => {
    event.preventDefault();
    const type = document.querySelector('input[name="post-as"]:checked').value;
    const body = { ChatSessionId: state.session, Message: { Type: type, Message: $('post-text').value, Author: $('post-author').value || null } };
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (credentials()) headers.Authorization = credentials();
    const response = await fetch(CALL_PATH, { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
    $('post-result').textContent = response.ok ? 'Posted.' : `ChatMock answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
    if (response.ok) { $('post-text').value = ''; chatChanged(); }
  });

  // ---- the contract -------------------------------------------------------------------------------------------

  async function loadContract() {
    if (state.contract) return;
    const response = await admin(`${ADMIN}/ui/contract`);
    if (!response.ok) { $('operation').textContent = `The contract could not be read (${response.status}).`; return; }
    state.contract = await response.json();
    const operations = [];
    for (const [path, item] of Object.entries(state.contract.openapi.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete', 'options']) {
        if (item[method]) operations.push({ path, method, item, op: item[method] });
      }
    }
    $('operations').replaceChildren(...operations.map((o, index) => el('li', null, el('button', {
      type: 'button', 'data-operation': o.op.operationId, onclick: (e) => openOperation(o, e.currentTarget),
    }, el('code', { text: o.method.toUpperCase() }), ' ', o.path, el('br'), el('span', { class: 'muted', text: o.op.summary || '' })))));
  }

  function resolve(ref) {
    if (ref.startsWith('#/')) return ref.slice(2).split('/').reduce((node, key) => node && node[key], state.contract.openapi);
    const file = ref.replace(/^\.\//, '').split('#')[0];
    return state.contract.schemas[file] || { $ref: ref };
  }

  const deref = (node) => (node && node.$ref ? resolve(node.$ref) : node);

  function openOperation(o, button) {
    for (const b of $('operations').querySelectorAll('button')) b.setAttribute('aria-current', String(b === button));
    const op = o.op;
    const parts = [el('h2', { text: `${o.method.toUpperCase()} ${o.path}` }), el('p', { text: op.summary || '' })];
    if (op.description) parts.push(el('p', { class: 'muted', text: op.description }));
    const parameters = (op.parameters || []).map(deref);
    if (parameters.length) {
      parts.push(el('h3', { text: 'Parameters' }), el('dl', { class: 'facts' }, ...parameters.flatMap((p) => [
        el('dt', null, el('code', { text: p.name }), ` (${p.in})`), el('dd', { text: p.description || '' })])));
    }
    const content = op.requestBody ? op.requestBody.content || {} : {};
    const types = Object.keys(content);
    const examples = [];
    for (const [type, media] of Object.entries(content)) {
      if (media.example !== undefined) examples.push({ name: `${type} example`, type, body: typeof media.example === 'string' ? media.example : JSON.stringify(media.example, null, 2) });
      for (const [name, example] of Object.entries(media.examples || {})) examples.push({ name: example.summary || name, type, body: JSON.stringify(example.value, null, 2) });
    }
    if (o.path === CALL_PATH && o.method === 'post') {
      for (const example of state.contract.examples) examples.push({ name: `${example.kind}: ${example.name}`, type: 'application/json', body: example.body.trim() });
    }
    if (types.length) {
      const schema = deref(content[types[0]].schema);
      parts.push(el('h3', { text: 'Request body' }), el('p', { class: 'muted', text: types.join(', ') }),
        el('details', null, el('summary', { text: 'Schema' }), el('pre', { class: 'mono', text: JSON.stringify(schema, null, 2) })));
    }
    parts.push(el('h3', { text: 'Answers' }));
    for (const [status, answer] of Object.entries(op.responses || {})) {
      const a = deref(answer);
      const media = a && a.content ? Object.entries(a.content)[0] : null;
      parts.push(el('details', null, el('summary', null, el('code', { text: status }), ' ', a ? a.description || '' : ''),
        media && media[1].schema ? el('pre', { class: 'mono', text: JSON.stringify(deref(media[1].schema), null, 2) }) : el('p', { class: 'muted', text: 'No body.' })));
    }
    parts.push(tryForm(o, types, examples));
    $('operation').replaceChildren(...parts);
  }

  function tryForm(o, types, examples) {
    const method = o.method.toUpperCase();
    const path = el('input', { id: 'try-path', type: 'text', value: o.path.replace('{id}', '1'), spellcheck: 'false' });
    const type = el('select', { id: 'try-type' }, ...types.map((t) => el('option', { value: t, text: t })));
    const body = el('textarea', { id: 'try-body', rows: 8, class: 'mono', spellcheck: 'false' });
    const example = el('select', { id: 'try-example' }, el('option', { value: '', text: 'choose an example…' }),
      ...examples.map((e, i) => el('option', { value: String(i), text: e.name })));
    example.addEventListener('change', () => {
      const chosen = examples[Number(example.value)];
      if (!chosen) return;
      body.value = chosen.body;
      if (types.includes(chosen.type)) type.value = chosen.type;
    });
    if (examples.length) body.value = examples[0].body;
    const output = el('pre', { id: 'try-output', class: 'mono', 'aria-live': 'polite' });
    const form = el('form', { id: 'try' },
      el('h3', { text: 'Send one' }),
      el('label', { class: 'wide' }, 'Path and query', path),
      types.length ? el('label', { class: 'wide' }, 'Content-Type', type) : null,
      examples.length ? el('label', { class: 'wide' }, 'Example', example) : null,
      types.length ? el('label', { class: 'wide' }, 'Body', body) : null,
      el('button', { type: 'submit', id: 'try-send' }, `Send ${method}`),
      output);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const headers = new Headers({ Accept: 'application/json' });
      if (types.length) headers.set('Content-Type', type.value);
      if (credentials() && !path.value.startsWith('/__admin')) headers.set('Authorization', credentials());
      const init = { method, headers, cache: 'no-store' };
      if (types.length && !/^(GET|HEAD)$/.test(method)) init.body = body.value;
      const response = await (path.value.startsWith('/__admin') ? admin(path.value, init) : fetch(path.value, init));
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* not JSON: shown as it came */ }
      output.textContent = `${response.status} ${response.statusText}\n${shown}`;
    });
    return form;
  }

  // ---- controls -----------------------------------------------------------------------------------------------

  async function loadSettings() {
    const response = await admin(`${ADMIN}/ui/settings`);
    if (!response.ok) return;
    const settings = await response.json();
    const rows = [['Seed', `${settings.seed}${settings.seedConfigured ? '' : ' (chosen at start)'}`],
      ['Instance', settings.instance], ['Version', settings.version || ''],
      ['Journal', `${settings.journal.count} of ${settings.journal.capacity} calls kept, ${settings.journal.totalRecorded} since the last clear, newest id ${settings.journal.lastId}`],
      ...Object.entries(settings.settings).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)])];
    $('settings').tBodies[0].replaceChildren(...rows.map(([name, value]) => el('tr', null, el('th', { scope: 'row', text: name }), el('td', { class: 'mono', text: value }))));
  }

  async function control(path, done) {
    const response = await admin(path, { method: 'POST' });
    $('control-result').textContent = response.ok ? done : `ChatMock answered ${response.status}.`;
    if (response.ok) { clearLocal(); $('detail').replaceChildren(el('h2', { id: 'detail-title', text: 'No call open' })); loadSettings(); }
  }

  $('clear').addEventListener('click', () => control(`${ADMIN}/calls/reset`, 'The journal was cleared.'));
  $('reset').addEventListener('click', () => control(`${ADMIN}/calls/reset?resetIds=true`, 'The journal was cleared and the state reset.'));

  $('credentials').value = localStorage.getItem(CREDENTIALS_KEY) ?? DEFAULT_CREDENTIALS;
  $('credentials').addEventListener('change', () => localStorage.setItem(CREDENTIALS_KEY, $('credentials').value));

  // ---- tabs ---------------------------------------------------------------------------------------------------

  const tabs = [...document.querySelectorAll('[role="tab"]')];
  function selectTab(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !selected;
    }
    if (tab.id === 'tab-contract') loadContract();
    if (tab.id === 'tab-controls') loadSettings();
    if (tab.id === 'tab-conversations') { drawSessions(); if (chat.stale) readChat(); }
  }
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(index + tabs.length - 1) % tabs.length] : null;
      if (next) { event.preventDefault(); next.focus(); selectTab(next); }
    });
  }

  connect();
})();
