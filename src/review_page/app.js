// nianbao review: the queue, the cell view and the page view, keyboard only.
// Every string that comes from a document (labels, OCR text, names, notes)
// is put in the page with textContent, never as HTML.
'use strict';

const token = new URLSearchParams(location.search).get('token') || '';
const TABLES = { proactive: '二、主动公开', requests: '三、收到和处理申请', appeals: '四、行政复议、行政诉讼' };
const STATES = { confident: '可信', flagged: '待复核', corrected: '已更正', failing: '校验未通过' };
const CHECK_STATES = { pass: '通过', fail: '未通过', skipped: '跳过' };

const state = {
  reviewer: '',
  items: [],        // the queue
  index: 0,         // position in the queue
  current: null,    // the cell shown: {document, table, row, col}
  detail: null,     // its detail from the API
  typed: '',        // the number being typed, or NO_NUMBER
  done: [],         // cells corrected in this session, for undo (newest last)
  view: 'cell',
  zoom: 1,
  lastDocument: null,  // the document of the cell shown last, for its checks once the queue is empty
  saved: 0,         // corrections saved in this session (tests wait on it)
};

// Typed with x: the cell holds no number (printed blank or dash).
const NO_NUMBER = 'x';

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function withToken(url) {
  if (!token) return url;
  return url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
}

async function api(method, url, body) {
  const headers = {};
  if (token) headers['X-Nianbao-Token'] = token;
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
  return data;
}

function cellPath(k) {
  return '/api/cells/' + encodeURIComponent(k.document) + '/' + encodeURIComponent(k.table) + '/' +
    encodeURIComponent(k.row) + '/' + encodeURIComponent(k.col);
}

function sameCell(a, b) {
  return a && b && a.document === b.document && a.table === b.table && a.row === b.row && a.col === b.col;
}

function fmt(v) { return v === null || v === undefined ? '（无数字）' : String(v); }

function say(text, isError) {
  const m = $('message');
  m.textContent = text;
  m.className = 'message' + (isError ? ' error' : '');
}

function showTyped() {
  $('typed').textContent = state.typed === NO_NUMBER ? '（无数字）' : state.typed;
}

function checkLabel(k) {
  let where = k.row || k.col || '';
  return k.rule + (where ? '（' + where + '）' : '');
}

function renderChecks(list, checks, onlyInteresting) {
  list.replaceChildren();
  const shown = onlyInteresting ? checks.filter((k) => k.status !== 'pass') : checks;
  for (const k of shown) {
    const li = el('li', k.status);
    li.dataset.rule = k.rule;
    li.dataset.row = k.row || '';
    li.dataset.col = k.col || '';
    li.dataset.status = k.status;
    // A failure whose every cell was reviewed is the report's own: the printed numbers do not add up.
    const confirmed = k.status === 'fail' && k.reviewed;
    if (confirmed) li.dataset.reviewed = '1';
    li.append(el('span', 'st', CHECK_STATES[k.status] || k.status), el('span', 'rule', checkLabel(k)),
      el('span', 'msg', '  ' + k.message + (k.live ? '' : '（未重新计算）')));
    if (confirmed) li.append(el('span', 'confirmed', '  已复核：印刷数字本身不平'));
    list.append(li);
  }
  if (onlyInteresting) {
    const passed = checks.length - shown.length;
    list.append(el('li', 'pass', passed + ' 项校验通过' + (shown.length ? '' : '，全部通过')));
  }
}

function renderDocuments(docs) {
  const ol = $('documents');
  ol.replaceChildren();
  for (const d of docs) {
    const li = el('li', d.done ? 'done' : '');
    li.dataset.id = String(d.id);
    li.dataset.done = d.done ? '1' : '0';
    li.append(el('span', 'd-state', d.done ? '已完成' : '剩 ' + d.left),
      el('div', 'd-name', '#' + d.id + ' ' + (d.agency || d.name) + (d.year ? ' ' + d.year + ' 年' : '')),
      el('div', 'd-checks', d.failing_checks ? '未通过校验 ' + d.failing_checks +
        (d.failing_open ? '（待复核 ' + d.failing_open + '）' : '（均已复核）') : '校验全部通过'));
    ol.append(li);
  }
}

async function loadQueue() {
  const table = $('filter-table').value;
  const q = await api('GET', '/api/queue' + (table ? '?table=' + encodeURIComponent(table) : ''));
  state.items = q.items;
  $('counts').textContent = '剩余单元格 ' + q.left.cells + ' · 未完成报告 ' + q.left.documents +
    ' · 未通过校验 ' + q.left.failing_checks + (q.left.failing_checks ? '（待复核 ' + q.left.failing_open + '）' : '');
  renderDocuments(q.documents);
  $('queue-count').textContent = '(' + q.items.length + ')';
  const ol = $('queue');
  ol.replaceChildren();
  q.items.forEach((it, i) => {
    const li = el('li', it.failing ? 'failing' : '');
    li.dataset.index = String(i);
    li.dataset.cell = it.table + '.' + it.row + '.' + it.col;
    li.append(el('span', 'q-conf', Math.round(it.confidence * 100) + '%'),
      el('div', 'q-label', it.row_label + ' × ' + it.col_label),
      el('div', 'q-doc', '#' + it.document + ' ' + (TABLES[it.table] || it.table) + ' · ' + fmt(it.value)));
    li.addEventListener('click', () => select(i));
    ol.append(li);
  });
  return q;
}

function markCurrentInQueue() {
  for (const li of $('queue').children) {
    const i = Number(li.dataset.index);
    const on = sameCell(state.items[i], state.current);
    li.classList.toggle('current', on);
    if (on) li.scrollIntoView({ block: 'nearest' });
  }
}

async function select(i) {
  if (!state.items.length) {
    state.current = null;
    await showCell();
    return;
  }
  state.index = Math.max(0, Math.min(i, state.items.length - 1));
  const it = state.items[state.index];
  state.current = { document: it.document, table: it.table, row: it.row, col: it.col };
  await showCell();
}

async function showCell() {
  state.typed = '';
  showTyped();
  markCurrentInQueue();
  if (!state.current) {
    $('cell').hidden = true;
    $('empty').hidden = false;
    state.detail = null;
    if (state.lastDocument !== null) await showDocument(state.lastDocument);
    return;
  }
  $('cell').dataset.cell = '';
  const d = await api('GET', cellPath(state.current));
  state.detail = d;
  $('empty').hidden = true;
  $('cell').hidden = false;
  $('doc-name').textContent = '#' + d.document.id + ' ' + (d.document.agency || d.document.name) +
    (d.document.year ? ' ' + d.document.year + ' 年' : '');
  $('table-title').textContent = d.table_title || TABLES[d.table] || d.table;
  $('cell-page').textContent = d.page || '?';
  $('row-label').textContent = d.row_label + (d.section ? '（' + d.section + '）' : '') + '  [' + d.row + ']';
  $('col-label').textContent = d.col_label + '  [' + d.col + ']';
  $('value').textContent = fmt(d.value) + (d.corrected ? '（已更正，原识别 ' + fmt(d.extracted_value) + '）' : '');
  $('value').dataset.value = d.value === null ? '' : String(d.value);
  $('text').textContent = d.text || '（空）';
  $('confidence').textContent = Math.round(d.confidence * 100) + '%  ' + (d.source || '');
  $('state').textContent = STATES[d.state] || d.state;
  $('state').className = d.state;
  $('note').textContent = d.note || '—';
  const img = $('cell-image');
  if (d.bbox) {
    img.hidden = false;
    img.src = withToken(cellPath(state.current) + '/image');
  } else {
    img.hidden = true;
    img.removeAttribute('src');
  }
  $('image-note').textContent = !d.bbox ? '未在页面上找到此单元格，位置不明：请对照原文件输入' :
    d.bbox_estimated ? '未找到此单元格：红框是按同行、同列推算的位置' : '';
  renderAlternatives(d.alternatives);
  renderChecks($('cell-checks'), d.checks, false);
  state.lastDocument = d.document.id;
  await showDocument(d.document.id);
  if (state.view === 'page') await showPage();
  $('cell').dataset.cell = d.table + '.' + d.row + '.' + d.col;  // shown in full
}

// OCR's other readings, each picked with Shift and its number.
function renderAlternatives(alternatives) {
  const ol = $('alternatives');
  ol.replaceChildren();
  alternatives.forEach((a, i) => {
    const li = el('li');
    li.dataset.value = String(a.value);
    li.append(el('kbd', '', 'Shift+' + (i + 1)), el('span', 'alt-value', ' ' + a.value),
      el('span', 'alt-text', a.text !== String(a.value) ? '（识别为 “' + a.text + '”）' : ''));
    ol.append(li);
  });
  $('alternatives-box').hidden = alternatives.length === 0;
}

async function showDocument(id) {
  const r = await api('GET', '/api/documents/' + encodeURIComponent(id));
  const d = r.document;
  $('doc-state').textContent = '#' + d.id + ' ' + (d.agency || d.name) + '：' + (d.done
    ? '已完成' + (d.failing_checks ? '（' + d.failing_checks + ' 项校验未通过，均已复核：报告本身的数字不平）' : '')
    : '剩余 ' + d.left + ' 个单元格');
  $('doc-state').dataset.done = d.done ? '1' : '0';
  renderChecks($('doc-checks'), r.checks, true);
}

async function showPage() {
  const d = state.detail;
  if (!d || !d.page) return;
  const p = await api('GET', '/api/documents/' + d.document.id + '/pages/' + d.page);
  const img = $('page-image');
  const wrap = $('page-cells');
  const width = Math.round(p.width * 96 / 72 * state.zoom);  // CSS pixels of the page at this zoom
  img.style.width = width + 'px';
  img.src = withToken('/api/documents/' + d.document.id + '/pages/' + d.page + '/image');
  wrap.replaceChildren();
  const f = width / p.width;
  for (const c of p.cells) {
    const b = el('button', c.state + (c.bbox_estimated ? ' estimated' : ''));
    b.type = 'button';
    b.title = c.table + '.' + c.row + '.' + c.col + ' = ' + fmt(c.value) + ' · ' + (STATES[c.state] || c.state);
    b.dataset.cell = c.table + '.' + c.row + '.' + c.col;
    b.dataset.state = c.state;
    b.style.left = (c.bbox[0] * f) + 'px';
    b.style.top = (c.bbox[1] * f) + 'px';
    b.style.width = ((c.bbox[2] - c.bbox[0]) * f) + 'px';
    b.style.height = ((c.bbox[3] - c.bbox[1]) * f) + 'px';
    const key = { document: d.document.id, table: c.table, row: c.row, col: c.col };
    if (sameCell(key, state.current)) b.classList.add('current');
    b.addEventListener('click', () => openCell(key));
    wrap.append(b);
  }
}

async function openCell(key) {
  const i = state.items.findIndex((it) => sameCell(it, key));
  if (i >= 0) state.index = i;
  state.current = key;
  setView('cell');
  await showCell();
}

function setView(v) {
  state.view = v;
  $('cell-view').hidden = v !== 'cell';
  $('page-view').hidden = v !== 'page';
  if (v === 'page') showPage().catch((e) => say(e.message, true));
}

function parseTyped(s) {
  if (!/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

async function submit(value, accepted) {
  const k = state.current;
  if (!k) return;
  const r = await api('POST', cellPath(k) + '/corrections', { value, reviewer: state.reviewer });
  state.done.push(k);
  const changed = r.cell.checks.map((c) => checkLabel(c) + ' ' + (CHECK_STATES[c.status] || c.status)).join('；');
  await loadQueue();
  await select(state.index);  // the cell left the queue: the next one is at the same place
  say((accepted ? '已确认 ' : '已更正 ') + k.table + '.' + k.row + '.' + k.col + ' = ' + fmt(value) +
    (changed ? ' · ' + changed : '') + (r.document.done ? ' · 本报告已完成' : ''));
  state.saved += 1;
  document.body.dataset.saved = String(state.saved);
}

async function undo() {
  const k = state.done.pop();
  if (!k) { say('没有可撤销的更正', true); return; }
  const r = await api('DELETE', cellPath(k) + '/corrections/last');
  await loadQueue();
  await openCell(k);
  say('已撤销 ' + k.table + '.' + k.row + '.' + k.col + ' 的更正，恢复为 ' + fmt(r.cell.value));
}

// Shift with 1, 2 or 3 (by the key's place, whatever the layout prints on it).
function alternativeIndex(e) {
  const m = /^Digit([1-3])$/.exec(e.code || '');
  return e.shiftKey && m ? Number(m[1]) - 1 : -1;
}

async function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target && e.target.tagName === 'SELECT') return;
  const key = e.key;
  let handled = true;
  const alt = alternativeIndex(e);
  if (alt >= 0) {
    const a = state.detail && state.detail.alternatives[alt];
    if (a) await submit(a.value, false);
    else say('没有第 ' + (alt + 1) + ' 个备选读数', true);
  } else if (/^[0-9]$/.test(key) || key === '.' || (key === '-' && state.typed === '')) {
    if (state.typed === NO_NUMBER) state.typed = '';
    state.typed += key;
    showTyped();
  } else if (key === NO_NUMBER) {
    state.typed = NO_NUMBER;
    showTyped();
  } else if (key === 'Backspace') {
    state.typed = state.typed === NO_NUMBER ? '' : state.typed.slice(0, -1);
    showTyped();
  } else if (key === 'Escape') {
    state.typed = '';
    showTyped();
  } else if (key === 'Enter' || key === 'a') {
    if (state.typed !== '' && key === 'a') {
      say('已输入数字：按 Enter 更正，或 Esc 清除后按 a 确认', true);
    } else if (state.typed === NO_NUMBER) {
      await submit(null, false);
    } else if (state.typed !== '' && key === 'Enter') {
      const v = parseTyped(state.typed);
      if (v === undefined) { say('不是数字：' + state.typed, true); }
      else await submit(v, false);
    } else if (state.detail) {
      await submit(state.detail.value, true);
    }
  } else if (key === 'j' || key === 'ArrowDown') {
    await select(state.index + 1);
  } else if (key === 'k' || key === 'ArrowUp') {
    await select(state.index - 1);
  } else if (key === 'u') {
    await undo();
  } else if (key === 'p') {
    setView(state.view === 'page' ? 'cell' : 'page');
  } else if (key === 'c') {
    setView('cell');
  } else if (key === '+' || key === '=' || key === ']') {
    state.zoom = Math.min(4, state.zoom * 1.25);
    if (state.view === 'page') await showPage();
  } else if (key === '[' || key === '_') {
    state.zoom = Math.max(0.25, state.zoom / 1.25);
    if (state.view === 'page') await showPage();
  } else {
    handled = false;
  }
  return handled;
}

// One key at a time: a keystroke waits for the previous one's request.
let chain = Promise.resolve();
const KEYS = /^([0-9.\-+=_\[\]ajkupcx]|Enter|Backspace|Escape|ArrowUp|ArrowDown)$/;
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || (e.target && e.target.tagName === 'SELECT')) return;
  if (!KEYS.test(e.key) && alternativeIndex(e) < 0) return;
  e.preventDefault();
  chain = chain.then(() => onKey(e)).catch((err) => say(err.message, true));
});

async function start() {
  try {
    const cfg = await api('GET', '/api/config');
    state.reviewer = cfg.reviewer;
    $('reviewer').textContent = cfg.reviewer;
    $('filter-table').addEventListener('change', async () => {
      $('filter-table').blur();
      await loadQueue();
      await select(0);
    });
    $('show-cell').addEventListener('click', () => setView('cell'));
    $('show-page').addEventListener('click', () => setView('page'));
    await loadQueue();
    await select(0);
    document.body.dataset.ready = '1';
  } catch (err) {
    say(err.message, true);
  }
}

start();
