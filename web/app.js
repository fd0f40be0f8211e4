// The review page of `ptbrief serve`: talks to the server's API (same origin, the token in a
// cookie), never to another host. All text from the corpus is inserted as text, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { tab: 'parks', list: null, brief: null, review: null, view: 'items', article: null };
let busy = 0;

function setBusy(delta) {
  busy += delta;
  document.body.dataset.busy = String(busy);
}

function say(text, error) {
  const s = $('status');
  s.textContent = text;
  s.className = error ? 'error' : '';
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** Calls the API; throws an Error whose message is the server's, in a sentence. */
async function api(path, options) {
  setBusy(1);
  try {
    const res = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
    const type = res.headers.get('Content-Type') || '';
    const body = type.startsWith('application/json') ? await res.json() : await res.text();
    if (!res.ok) {
      let msg = body && body.error ? body.error + (body.hint ? '（' + body.hint + '）' : '') : res.status + ' ' + res.statusText;
      if (!/[\u4e00-\u9fff]/.test(msg)) msg = '操作未完成（' + ((body && body.code) || res.status) + '）：' + msg;  // a message not yet translated
      throw new Error(res.status === 401 ? '访问令牌无效，请用 ptbrief serve 打印的网址重新打开' : msg);
    }
    return body;
  } finally {
    setBusy(-1);
  }
}

function post(path, doc) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
}

function briefQuery() {
  const b = state.brief;
  return (b.topic ? 'topic=' : 'park=') + encodeURIComponent(b.name) + '&layout=' + encodeURIComponent($('layout').value);
}

// --- The list of parks and topics ---

async function loadList() {
  state.list = await api('/api/parks');
  renderList();
}

function renderList() {
  const ul = $('list');
  ul.replaceChildren();
  if (!state.list) return;
  const q = $('search').value.trim();
  const rows = state.tab === 'parks' ? state.list.parks : state.list.topics;
  for (const r of rows) {
    const name = r.name || r.id;
    const hay = name + ' ' + (r.aliases || []).join(' ') + ' ' + (r.description || '');
    if (q && !hay.includes(q)) continue;
    const li = el('li', { title: r.description || (r.aliases || []).join('、') }, name);
    if (r.kind === 'region') li.append(el('span', { className: 'badge region' }, '地区'));
    if (r.brief === false) li.append(el('span', { className: 'badge junk' }, '无简报'));
    const counts = state.tab === 'parks'
      ? r.articles + ' 篇文章 · ' + r.figures + ' 个数字 · ' + r.practices + ' 项做法'
      : r.figures + ' 个数字 · ' + r.practices + ' 项做法';
    li.append(el('span', { className: 'counts' }, counts));
    li.dataset.name = name;
    if (state.brief && state.brief.name === name) li.classList.add('on');
    li.onclick = () => choose(state.tab === 'topics', name);
    ul.append(li);
  }
}

async function choose(topic, name) {
  state.brief = { topic, name };
  state.article = null;
  showView('items');
  renderList();
  await refresh();
}

// --- A brief's facts ---

async function refresh() {
  if (!state.brief) return;
  try {
    state.review = await api('/api/review?' + briefQuery());
    $('brief-name').textContent = state.review.name + (state.brief.topic ? '（专题）' : '');
    renderItems();
    if (state.view === 'article' && state.article) await openArticle(state.article.id);
  } catch (e) {
    say(e.message, true);
  }
  refreshPreview();
}

function correctionNote(c) {
  if (!c) return null;
  const what = c.section === 'drop' ? '已删除' : c.section === 'fix' ? '已修改' : '已新增';
  return el('div', { className: 'who' }, what + (c.by ? ' · ' + c.by : '') + (c.at ? ' · ' + c.at.replace('T', ' ').replace('Z', ' UTC') : ''));
}

function sentence(parts, mark) {
  const s = el('div', { className: 'sentence' });
  s.append(parts[0], el('mark', { className: mark }, parts[1]), parts[2]);
  return s;
}

const QUALIFIER = { exact: '', about: '约', over: '超过', under: '不足' };
const KIND = { count: '数量', percent: '比例', money: '金额', growth: '增长', area: '面积', other: '其他', target: '目标' };

function figureText(f, set) {
  const v = Object.assign({}, f, set || {});
  return (QUALIFIER[v.qualifier] || '') + v.value + v.unit + ' · ' + (v.subject || '');
}

function itemCard(item, type) {
  const c = item.correction;
  const card = el('div', { className: 'item ' + (c ? ({ drop: 'dropped', fix: 'fixed', add: 'added' })[c.section] : '') });
  card.dataset.file = item.file;
  card.dataset.quote = item.quote;
  card.dataset.type = type;
  const actions = el('span', { className: 'actions' });
  if (c) {
    actions.append(el('button', { className: 'undo', textContent: '撤销', onclick: () => undo(c.section, c) }));
  } else {
    actions.append(el('button', { className: 'keep', textContent: '保留', title: '保留（默认）', disabled: true }));
    actions.append(el('button', { className: 'drop', textContent: '删除', onclick: () => drop(item, type) }));
  }
  actions.append(el('button', { className: 'edit', textContent: '修改', onclick: () => edit(item, type) }));
  actions.append(el('button', { className: 'open', textContent: '原文', onclick: () => openArticle(item.article) }));
  const set = c && c.section === 'fix' ? c.set : null;
  const what = type === 'figure' ? figureText(item, set) : ((set && set.name) || item.name) + (item.category ? ' · ' + item.category : '');
  card.append(actions, el('div', { className: 'what' }, what));
  const park = (set && set.park) || item.park;
  const kind = type === 'figure' ? (KIND[(set && set.kind) || item.kind] || item.kind) + ' · ' : '';
  card.append(el('div', { className: 'meta' }, kind + park + ' · 《' + (item.title || item.article) + '》 · ' + item.file));
  card.append(sentence(item.sentence, type));
  const note = correctionNote(c);
  if (note) card.append(note);
  return card;
}

function renderItems() {
  const box = $('items');
  box.replaceChildren();
  const r = state.review;
  if (r.corrections_error) box.append(el('p', { className: 'warn' }, 'corrections.json 未能应用：' + r.corrections_error));
  for (const u of r.unmatched) box.append(el('p', { className: 'warn' }, '更正 ' + u.path + ' 没有匹配到内容：' + u.message));
  box.append(el('h3', { className: 'group' }, '数字（' + r.figures.length + '）'));
  for (const f of r.figures) box.append(itemCard(f, 'figure'));
  box.append(el('h3', { className: 'group' }, '做法（' + r.practices.length + '）'));
  for (const p of r.practices) box.append(itemCard(p, 'practice'));
}

// --- Corrections: each written to corrections.json at once ---

function who() {
  return $('user').value.trim();
}

function withWho(entry) {
  if (who()) entry.by = who();
  return entry;
}

async function change(path, doc, done) {
  try {
    await post(path, doc);
    say(done + ' · 已保存到 corrections.json');
  } catch (e) {
    say(e.message, true);
  }
  await refresh();
}

/** The fields of a drop or fix entry that target exactly `item`: a figure by its quote and its
 *  extracted value (another figure may share the quote), a practice by its name. */
function target(item, type) {
  const t = { type, file: item.file, quote: item.quote };
  if (type === 'figure' && item.match) Object.assign(t, { quote: item.match.quote, value: item.match.value });
  return t;
}

function drop(item, type) {
  return change('/api/corrections', { drop: [withWho(target(item, type))] }, '已删除');
}

/** Removes the corrections.json entry `c` (as the review gave it). */
function undo(section, c) {
  const entry = section === 'parks' ? { name: c.name } : { file: c.file, quote: c.quote };
  if (c.type) entry.type = c.type;
  if (section !== 'add' && section !== 'parks' && c.value !== undefined) entry.value = c.value;
  return change('/api/corrections/undo', { [section]: [entry] }, '已撤销');
}

/** Opens the editor with `fields` ([key, label, value, options?]); resolves to the values or null. */
function dialog(title, quote, fields) {
  const d = $('editor');
  $('edit-title').textContent = title;
  $('edit-quote').textContent = quote ? '出处：“' + quote + '”' : '';
  const box = $('edit-fields');
  box.replaceChildren();
  for (const [key, label, value, options] of fields) {
    let input;
    if (options) {
      input = el('select', { name: key });
      for (const [v, text] of options) input.append(el('option', { value: v, textContent: text, selected: v === value }));
    } else {
      input = el('input', { name: key, value: value == null ? '' : String(value) });
    }
    box.append(el('label', null, label, input));
  }
  return new Promise((resolve) => {
    d.onclose = () => {
      if (d.returnValue !== 'save') return resolve(null);
      const out = {};
      for (const input of box.querySelectorAll('input, select')) out[input.name] = input.value.trim();
      resolve(out);
    };
    d.returnValue = '';
    d.showModal();
  });
}

const QUALIFIERS = [['exact', '准确'], ['about', '约'], ['over', '超过'], ['under', '不足']];
const KINDS = Object.entries(KIND);

async function edit(item, type) {
  const c = item.correction && item.correction.section === 'fix' ? item.correction.set : {};
  const v = Object.assign({}, item, c);
  const fields = type === 'figure'
    ? [['park', '园区', v.park], ['subject', '主题', v.subject], ['value', '数值', v.value], ['unit', '单位', v.unit],
       ['qualifier', '限定', v.qualifier, QUALIFIERS], ['kind', '类型', v.kind, KINDS]]
    : [['park', '园区', v.park], ['name', '做法名称', v.name]];
  const got = await dialog(type === 'figure' ? '修改数字' : '修改做法', item.quote, fields);
  if (!got) return;
  const set = {};
  for (const [key] of fields) {
    let value = got[key];
    if (key === 'value') value = Number(value);
    if (key === 'value' && !Number.isFinite(value)) return say('数值必须是数字', true);
    if (value !== '' && value !== item[key]) set[key] = value;
  }
  if (!Object.keys(set).length) return say('没有改动');
  return change('/api/corrections', { fix: [withWho(Object.assign(target(item, type), { set }))] }, '已修改');
}

// --- The whole article, items marked; additions by selecting text ---

function showView(view) {
  state.view = view;
  $('view-items').classList.toggle('on', view === 'items');
  $('view-article').classList.toggle('on', view === 'article');
  $('items').hidden = view !== 'items';
  $('article').hidden = view !== 'article';
}

async function openArticle(id) {
  if (!id) return say('请先在事实列表中点“原文”', true);
  try {
    const a = await api('/api/article?id=' + encodeURIComponent(id));
    state.article = a;
    $('article-title').textContent = '《' + (a.title || a.id) + '》 ' + a.file;
    const body = $('article-body');
    body.replaceChildren();
    for (const b of a.blocks) {
      const p = el('p', { className: b.type });
      for (const r of b.runs) p.append(r.mark ? el('mark', { className: r.mark, title: r.quote }, r.text) : r.text);
      body.append(p);
    }
    showView('article');
  } catch (e) {
    say(e.message, true);
  }
}

function selectedText() {
  const sel = window.getSelection();
  if (!sel.rangeCount || !$('article-body').contains(sel.getRangeAt(0).commonAncestorContainer)) return '';
  return sel.toString().trim();
}

async function addFromSelection(type) {
  const quote = selectedText();
  if (!quote || !state.article) return say('请先在原文中选中一段文字', true);
  const park = state.brief && !state.brief.topic ? state.review.name : '';
  const number = (quote.match(/\d+(?:\.\d+)?/) || [''])[0];
  const unit = number ? (quote.split(number)[1] || '').slice(0, 2) : '';
  const fields = type === 'figure'
    ? [['park', '园区', park], ['subject', '主题', ''], ['value', '数值', number], ['unit', '单位', unit]]
    : [['park', '园区', park], ['name', '做法名称', quote.replace(/^[“"‘]|[”"’]$/g, '')]];
  const got = await dialog(type === 'figure' ? '新增数字' : '新增做法', quote, fields);
  if (!got) return;
  const entry = Object.assign({ type, file: state.article.file, quote }, got);
  if (type === 'figure') {
    entry.value = Number(got.value);
    if (!Number.isFinite(entry.value)) return say('数值必须是数字', true);
  }
  return change('/api/corrections', { add: [withWho(entry)] }, '已新增');
}

// --- Preview and print ---

let previewSeq = 0;

async function refreshPreview() {
  if (!state.brief) return;
  const seq = ++previewSeq;
  const q = briefQuery();
  $('download').href = '/brief.pdf?' + q + '&download=1';
  $('preview-info').textContent = '生成中…';
  try {
    const p = await api('/api/preview?' + q);
    if (seq !== previewSeq) return;
    const pages = $('pages');
    pages.replaceChildren();
    for (let i = 1; i <= p.pages; i++)
      pages.append(el('img', { src: '/preview.png?' + q + '&page=' + i + '&v=' + p.version, alt: '第 ' + i + ' 页' }));
    pages.dataset.version = p.version;
    $('preview-info').textContent = '共 ' + p.pages + ' 页';
  } catch (e) {
    if (seq === previewSeq) $('preview-info').textContent = '预览失败：' + e.message;
  }
}

function printBrief() {
  if (!state.brief) return;
  const w = window.open('/brief.pdf?' + briefQuery(), '_blank');
  if (w) w.addEventListener('load', () => w.print());
}

// --- Build the pack (生成简报包): ptbrief pack's run on the server, followed here ---

function showPack(st) {
  const box = $('pack-status');
  box.hidden = false;
  box.className = st.state === 'failed' ? 'error' : '';
  box.replaceChildren(el('div', null, (st.state === 'running' ? '正在生成简报包：' : '') + st.message));
  for (const b of st.briefs || [])
    box.append(el('div', { className: 'pack-brief' }, b.file + ' · ' + b.status + (b.error ? ' · ' + b.error : '')));
}

async function buildPack() {
  const button = $('build-pack');
  button.disabled = true;
  try {
    let st = await post('/api/pack', {});
    showPack(st);
    while (st.state === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      st = await api('/api/pack');
      showPack(st);
    }
    say(st.state === 'done' ? '简报包已生成' : '简报包生成失败', st.state !== 'done');
  } catch (e) {
    say(e.message, true);
  } finally {
    button.disabled = false;
  }
}

// --- Articles dropped onto the page ---

async function upload(files) {
  const done = [];
  for (const f of files) {
    try {
      const bytes = await f.arrayBuffer();
      const r = await api('/api/articles?name=' + encodeURIComponent(f.name), {
        method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
      done.push(f.name + '：' + r.encoding + '，' + r.articles + ' 篇文章' + (r.warnings.length ? '（' + r.warnings.join('；') + '）' : ''));
    } catch (e) {
      say('未能加入 ' + f.name + '：' + e.message, true);
      return;
    }
  }
  if (done.length) say('已加入 ' + done.join('；'));
  await loadList();
  await refresh();
}

function setupDrop() {
  const zone = $('dropzone');
  let depth = 0;
  window.addEventListener('dragenter', (e) => { if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) { depth++; zone.hidden = false; } });
  window.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; zone.hidden = true; } });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.hidden = true;
    if (e.dataTransfer && e.dataTransfer.files.length) upload([...e.dataTransfer.files]);
  });
}

// --- Start ---

async function start() {
  setBusy(0);
  $('user').value = localStorage.getItem('ptbrief-user') || '';
  $('user').onchange = () => localStorage.setItem('ptbrief-user', who());
  $('search').oninput = renderList;
  $('tab-parks').onclick = () => { state.tab = 'parks'; $('tab-parks').classList.add('on'); $('tab-topics').classList.remove('on'); renderList(); };
  $('tab-topics').onclick = () => { state.tab = 'topics'; $('tab-topics').classList.add('on'); $('tab-parks').classList.remove('on'); renderList(); };
  $('view-items').onclick = () => showView('items');
  $('view-article').onclick = () => openArticle(state.article ? state.article.id : state.review && (state.review.figures[0] || state.review.practices[0] || {}).article);
  $('add-figure').onclick = () => addFromSelection('figure');
  $('add-practice').onclick = () => addFromSelection('practice');
  $('print').onclick = printBrief;
  $('build-pack').onclick = buildPack;
  $('layout').onchange = refreshPreview;
  setupDrop();
  try {
    const layouts = await api('/api/layouts');
    for (const l of layouts) $('layout').append(el('option', { value: l, textContent: l === 'briefing' ? '简报（briefing）' : l === 'gongwen' ? '公文（gongwen）' : l }));
    const defaults = await api('/api/defaults').catch((e) => (say(e.message, true), { layout: 'briefing' }));
    if (!layouts.includes(defaults.layout)) $('layout').append(el('option', { value: defaults.layout, textContent: defaults.layout }));
    $('layout').value = defaults.layout;  // ptbrief.json's layout, else briefing
    await loadList();
    say('共 ' + state.list.parks.length + ' 个园区或地区');
  } catch (e) {
    say(e.message, true);
  }
  document.body.dataset.ready = '1';
}

start();
