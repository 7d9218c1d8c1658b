// The DevState page: read-only views of the API, kept live by the change feed.
// Every value from the server is put into the page as text (textContent), never as markup.
'use strict';

(function () {
  const API = 'v1/devstate/'; // relative: the page also works behind a path prefix
  const TOKEN_KEY = 'devstate.token';
  const PAGE = 50;
  const VERIFY_EVERY_MS = 2000; // a burst of entries causes one verify per interval, not one per entry
  const BACKOFF_MIN_MS = 1000;
  const BACKOFF_MAX_MS = 30000;

  const $ = (id) => document.getElementById(id);

  const view = {
    project: null,        // the selected project's name
    generation: 0,        // bumped on every selection: answers for an older one are dropped
    entries: new Map(),   // seq -> {entry, li}
    historyCursor: null,
    projectsCursor: null,
    feed: null,           // {abort: AbortController}
    lastEventId: 0,
    verifyTimer: null,
    verifyLast: 0,
  };

  // ---------- token and requests ----------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  function headers(extra) {
    const h = Object.assign({ Accept: 'application/json' }, extra || {});
    const t = token();
    if (t) {
      h.Authorization = 'Bearer ' + t;
    }
    return h;
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail);
      this.status = status;
    }
  }

  function url(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== '') {
        query.set(k, String(v));
      }
    }
    const q = query.toString();
    return API + path + (q ? '?' + q : '');
  }

  async function getJson(path, params) {
    const response = await fetch(url(path, params), { headers: headers(), cache: 'no-store' });
    if (!response.ok) {
      throw new ApiError(response.status, await problemDetail(response));
    }
    return response.json();
  }

  async function problemDetail(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  function explain(error) {
    if (error instanceof ApiError) {
      if (error.status === 401) {
        return 'This service needs a token for reads: enter one above (' + error.message + ').';
      }
      if (error.status === 403) {
        return 'The token may not read this (' + error.message + ').';
      }
      return error.message + ' (HTTP ' + error.status + ')';
    }
    return 'The service cannot be reached (' + error.message + ').';
  }

  function say(text) {
    $('message').textContent = text || '';
  }

  // ---------- small DOM helpers (text only) ----------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') {
        node.className = v;
      } else if (k.startsWith('data-')) {
        node.setAttribute(k, v);
      } else {
        node[k] = v;
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  function shortHash(hex) {
    return typeof hex === 'string' && hex.length > 16 ? hex.slice(0, 12) + '…' : String(hex);
  }

  // ---------- projects ----------

  async function loadProjects(more) {
    const list = $('projects');
    if (!more) {
      list.replaceChildren();
      view.projectsCursor = null;
    }
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await getJson('projects', { limit: 100, cursor: more ? view.projectsCursor : null });
      for (const item of page.items) {
        list.append(projectItem(item));
      }
      view.projectsCursor = page.next_cursor;
      $('projects-more').hidden = !page.next_cursor;
      $('projects-empty').hidden = list.children.length > 0;
      markSelectedProject();
      say('');
    } catch (error) {
      say(explain(error));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  function projectItem(item) {
    const button = el('button', { type: 'button', 'data-project': item.project, class: 'project' },
      el('span', { class: 'name' }, item.project),
      el('span', { class: 'hint head', 'data-head': '' }, item.head ? '#' + item.head.seq : 'empty'));
    button.addEventListener('click', () => {
      location.hash = 'project=' + encodeURIComponent(item.project);
    });
    return el('li', {}, button);
  }

  function markSelectedProject() {
    for (const button of $('projects').querySelectorAll('button[data-project]')) {
      if (button.dataset.project === view.project) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
  }

  function updateProjectHead(seq) {
    for (const button of $('projects').querySelectorAll('button[data-project]')) {
      if (button.dataset.project === view.project) {
        button.querySelector('[data-head]').textContent = '#' + seq;
      }
    }
  }

  // ---------- the selected project ----------

  function projectFromHash() {
    const match = /^#project=(.+)$/.exec(location.hash);
    if (!match) {
      return null;
    }
    try {
      return decodeURIComponent(match[1]);
    } catch (e) {
      return null;
    }
  }

  async function select(project) {
    stopFeed();
    view.project = project;
    view.generation += 1;
    view.entries.clear();
    view.historyCursor = null;
    view.lastEventId = 0;
    $('timeline').replaceChildren();
    markSelectedProject();
    if (!project) {
      $('project-heading').textContent = 'Select a project';
      $('project-body').hidden = true;
      return;
    }
    $('project-heading').textContent = project;
    $('project-body').hidden = false;
    const generation = view.generation;
    const seen = await Promise.all([loadState(generation), loadHistory(generation), verifyNow(generation)]);
    if (generation !== view.generation) {
      return;
    }
    // The feed starts after the newest entry the search showed; anything written since comes from it.
    const newest = seen[1];
    startFeed(project, newest === null ? 0 : newest, generation);
  }

  async function loadState(generation) {
    try {
      const state = await getJson('state', { project: view.project });
      if (generation !== view.generation) {
        return;
      }
      $('state-version').textContent = String(state.version);
      $('state-checksum').textContent = state.checksum;
      $('state-updated').textContent = state.updated_at;
      $('state-updated').dateTime = state.updated_at;
      $('state-json').textContent = JSON.stringify(state.json, null, 2);
      $('state-meta').hidden = false;
      $('state-json').hidden = false;
      $('state-none').hidden = true;
    } catch (error) {
      if (generation !== view.generation) {
        return;
      }
      $('state-meta').hidden = true;
      $('state-json').hidden = true;
      $('state-none').hidden = !(error instanceof ApiError && error.status === 404);
      if (!(error instanceof ApiError && error.status === 404)) {
        say(explain(error));
      }
    }
  }

  /** Loads one page of history (older when more); answers the newest seq it saw, or null. */
  async function loadHistory(generation, more) {
    try {
      const page = await getJson('history/search',
        { project: view.project, limit: PAGE, cursor: more ? view.historyCursor : null });
      if (generation !== view.generation) {
        return null;
      }
      for (const entry of page.items) {
        addEntry(entry);
      }
      view.historyCursor = page.next_cursor;
      $('history-more').hidden = !page.next_cursor;
      applyFilter();
      return page.items.length > 0 ? page.items[0].seq : null;
    } catch (error) {
      if (generation === view.generation) {
        say(explain(error));
      }
      return null;
    }
  }

  // ---------- the timeline ----------

  function addEntry(entry) {
    const known = view.entries.get(entry.seq);
    if (known) {
      if (entry.metadata !== undefined && known.entry.metadata === undefined) {
        // the full entry replaces what an event told
        const li = entryItem(entry);
        li.hidden = known.li.hidden;
        known.li.replaceWith(li);
        view.entries.set(entry.seq, { entry, li });
        noteTombstone(entry);
      }
      return;
    }
    const li = entryItem(entry);
    // newest first: before the first entry with a smaller seq
    let before = null;
    for (const item of $('timeline').children) {
      if (Number(item.dataset.seq) < entry.seq) {
        before = item;
        break;
      }
    }
    $('timeline').insertBefore(li, before);
    view.entries.set(entry.seq, { entry, li });
    noteTombstone(entry);
  }

  function noteTombstone(entry) {
    if (entry.action === 'tombstone' && entry.metadata && entry.metadata.target_seq) {
      markTombstoned(entry.metadata.target_seq, entry.seq);
    }
  }

  function entryItem(entry) {
    const head = el('p', { class: 'entry-head' },
      el('span', { class: 'seq' }, '#' + entry.seq), ' ',
      el('strong', { class: 'action' }, entry.action), ' by ',
      el('span', { class: 'actor' }, entry.actor), ' · ',
      el('time', { dateTime: entry.ts }, entry.ts));
    const li = el('li', { 'data-seq': String(entry.seq), 'data-action': entry.action }, head);
    if (entry.cp_from || entry.cp_to) {
      li.append(el('p', { class: 'cp' }, 'checkpoint ' + (entry.cp_from || '—') + ' → ' + (entry.cp_to || '—')));
    }
    if (entry.state_checksum) {
      li.append(el('p', { class: 'hint' }, 'state ', el('code', {}, entry.state_checksum)));
    }
    if (entry.action === 'tombstone') {
      li.classList.add('tombstone');
      const target = entry.metadata && entry.metadata.target_seq;
      head.append(' ', el('span', { class: 'badge' }, target ? 'tombstone of #' + target : 'tombstone'));
    }
    if (entry.metadata) {
      li.append(el('pre', { class: 'metadata' }, JSON.stringify(entry.metadata)));
    }
    li.append(el('p', { class: 'hint' }, 'hmac ', el('code', { title: entry.hmac }, shortHash(entry.hmac))));
    if (entry.tombstoned_by) {
      setTombstonedBy(li, entry.tombstoned_by);
    }
    return li;
  }

  function setTombstonedBy(li, bySeq) {
    li.classList.add('tombstoned');
    let badge = li.querySelector('[data-tombstoned-by]');
    if (!badge) {
      badge = el('span', { class: 'badge', 'data-tombstoned-by': String(bySeq) });
      li.querySelector('.entry-head').append(' ', badge);
    }
    badge.textContent = 'tombstoned by #' + bySeq;
  }

  function markTombstoned(targetSeq, bySeq) {
    const known = view.entries.get(targetSeq);
    if (known) {
      known.entry.tombstoned_by = bySeq;
      setTombstonedBy(known.li, bySeq);
    }
  }

  /** "actor:x action:y words": actor/action match their field, other words anywhere in the entry. */
  function applyFilter() {
    const terms = $('history-filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { entry, li } of view.entries.values()) {
      const haystack = JSON.stringify(entry).toLowerCase();
      const match = terms.every((term) => {
        if (term.startsWith('actor:')) {
          return String(entry.actor).toLowerCase().includes(term.slice(6));
        }
        if (term.startsWith('action:')) {
          return String(entry.action).toLowerCase().includes(term.slice(7));
        }
        return haystack.includes(term);
      });
      li.hidden = !match;
      if (match) {
        shown += 1;
      }
    }
    $('timeline-empty').hidden = shown > 0;
  }

  // ---------- chain status ----------

  async function verifyNow(generation) {
    view.verifyLast = Date.now();
    const status = $('verify-status');
    try {
      const result = await getJson('verify', { project: view.project });
      if (generation !== view.generation) {
        return;
      }
      status.dataset.ok = String(result.ok);
      const head = result.head ? 'head #' + result.head.seq + ' (' + shortHash(result.head.hmac) + ')' : 'no entries';
      if (result.ok) {
        status.textContent = 'OK: ' + result.verified + ' entries verified, ' + head;
      } else {
        const f = result.failure;
        status.textContent = 'BROKEN at seq ' + f.seq + ' (' + f.reason + '); last good ' + head;
      }
    } catch (error) {
      if (generation === view.generation) {
        status.dataset.ok = '';
        status.textContent = 'unknown: ' + explain(error);
      }
    }
  }

  function verifySoon() {
    if (view.verifyTimer) {
      return;
    }
    const generation = view.generation;
    const wait = Math.max(0, view.verifyLast + VERIFY_EVERY_MS - Date.now());
    view.verifyTimer = setTimeout(() => {
      view.verifyTimer = null;
      if (generation === view.generation) {
        verifyNow(generation);
      }
    }, wait);
  }

  // ---------- the change feed ----------
  // fetch rather than EventSource: EventSource cannot send Authorization. It reconnects the way
  // EventSource would, with Last-Event-ID, so it gets exactly the entries it missed.

  function feedStatus(text) {
    $('feed-status').textContent = text;
  }

  function stopFeed() {
    if (view.feed) {
      view.feed.abort.abort();
      view.feed = null;
    }
    clearTimeout(view.verifyTimer);
    view.verifyTimer = null;
  }

  function startFeed(project, after, generation) {
    const feed = { abort: new AbortController() };
    view.feed = feed;
    view.lastEventId = after;
    run(project, feed, generation);
  }

  async function run(project, feed, generation) {
    let backoff = BACKOFF_MIN_MS;
    const live = () => view.feed === feed && generation === view.generation;
    while (live()) {
      let wait = backoff;
      try {
        feedStatus('connecting…');
        const response = await fetch(url('events', { project }), {
          headers: headers({ Accept: 'text/event-stream', 'Last-Event-ID': String(view.lastEventId) }),
          cache: 'no-store',
          signal: feed.abort.signal,
        });
        if (response.status === 401 || response.status === 403) {
          feedStatus('stopped: ' + explain(new ApiError(response.status, await problemDetail(response))));
          return; // a new token restarts it
        }
        if (response.status === 400) {
          feedStatus('stopped: ' + (await problemDetail(response)));
          return;
        }
        if (!response.ok) {
          const retry = Number(response.headers.get('Retry-After'));
          wait = retry > 0 ? retry * 1000 : backoff;
          throw new Error('HTTP ' + response.status);
        }
        feedStatus('connected');
        await readEvents(response.body, (event) => {
          backoff = BACKOFF_MIN_MS;
          if (live()) {
            onEvent(event);
          }
        }, (retry) => {
          backoff = retry;
        });
        wait = backoff; // the server ended the stream: resume after a short pause
      } catch (error) {
        if (!live()) {
          return;
        }
        feedStatus('reconnecting (' + error.message + ')');
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  /** The text/event-stream format (HTML Living Standard, "Server-sent events"): fields, comments, blank-line dispatch. */
  async function readEvents(body, dispatch, setRetry) {
    const reader = body.getReader();
    const decoder = new TextDecoder('utf-8');
    let buffer = '';
    let first = true;
    let name = '';
    let data = [];
    let id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        buffer = buffer.replace(/^\uFEFF/, '');
        first = false;
      }
      let end;
      // a line ends with CRLF, LF or CR; a lone CR at the end of the buffer may be half of a CRLF
      while ((end = buffer.search(/\r\n|\n|\r(?=[^\n])/)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (id !== null) {
            view.lastEventId = id;
          }
          if (data.length > 0) {
            dispatch({ name: name || 'message', data: data.join('\n'), id });
          }
          name = '';
          data = [];
          id = null;
          continue;
        }
        if (line.startsWith(':')) {
          continue; // comment: the heartbeat
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
          value = value.slice(1);
        }
        if (field === 'event') {
          name = value;
        } else if (field === 'data') {
          data.push(value);
        } else if (field === 'id' && !value.includes('\0')) {
          id = value;
        } else if (field === 'retry' && /^\d+$/.test(value)) {
          setRetry(Number(value));
        }
      }
    }
  }

  function onEvent(event) {
    if (event.name !== 'entry') {
      return; // other event kinds (state, lock) are for later clients
    }
    let entry;
    try {
      entry = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (entry.project !== view.project) {
      return;
    }
    addEntry(entry);
    applyFilter();
    updateProjectHead(entry.seq);
    if (entry.action === 'update_state') {
      loadState(view.generation);
    }
    if (entry.action === 'tombstone') {
      // the event has no metadata; the entry names the target
      fetchEntry(entry.seq, view.generation);
    }
    verifySoon();
  }

  async function fetchEntry(seq, generation) {
    try {
      const entry = await getJson('history/' + seq, { project: view.project });
      if (generation === view.generation) {
        addEntry(entry);
        applyFilter();
      }
    } catch (error) {
      // the timeline keeps what the event said
    }
  }

  // ---------- wiring ----------

  function start() {
    $('token').value = token();
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const value = $('token').value.trim();
      if (value) {
        sessionStorage.setItem(TOKEN_KEY, value);
      } else {
        sessionStorage.removeItem(TOKEN_KEY);
      }
      reload();
    });
    $('token-forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      $('token').value = '';
      reload();
    });
    $('projects-more').addEventListener('click', () => loadProjects(true));
    $('history-more').addEventListener('click', () => loadHistory(view.generation, true));
    $('history-filter').addEventListener('input', applyFilter);
    window.addEventListener('hashchange', () => select(projectFromHash()));
    reload();
  }

  function reload() {
    loadProjects(false);
    select(projectFromHash());
  }

  start();
})();
