/*
 * onewindow web console: plain JavaScript on the service's REST API (session cookie + X-CSRF-Token).
 * Hash routes: #/login, #/home, #/new, #/cases, #/case/{id}, #/review, #/seal, #/supervision, #/audit,
 * #/admin/users, #/admin/seals, #/admin/catalog. Every text the user sees is Chinese; API errors (RFC 9457
 * problem JSON) are turned into Chinese sentences by problemText().
 */
'use strict';

const S = { me: null, csrf: null, items: null };

const ROLE_NAMES = {
  WINDOW_CLERK: '综合窗口', DEPARTMENT_APPROVER: '部门审批', CENTER_APPROVER: '中心审批',
  SEAL_ADMIN: '印章管理员', AUDITOR: '电子监察', SYSTEM_ADMIN: '系统管理员'
};
const STATE_NAMES = {
  SUBMITTED: '申报', ACCEPTED: '受理', REFUSED: '不予受理', ACCEPTED_WITH_GAPS: '容缺受理', HANDED_OVER: '转办',
  IN_REVIEW: '审核', RETURNED: '退回补正', DECIDED: '决定', COMPLETED: '办结', ISSUED: '出件', ARCHIVED: '归档'
};
const ACTION_NAMES = {
  accept: '受理', refuse: '不予受理', handover: '转办', review: '审核', return: '退回补正', decide: '决定',
  complete: '办结', issue: '出件', archive: '归档', create: '申报', material: '收取材料', present: '收取材料',
  notify: '一次性告知'
};
const DOC_TYPE_NAMES = {
  ACCEPTANCE_NOTICE: '受理通知书', REFUSAL_NOTICE: '不予受理通知书', HANDOVER_RECEIPT: '材料交接单',
  CORRECTION_NOTICE: '一次性告知书', DECISION: '行政许可决定书'
};
const SEAL_STATUS = { ACTIVE: '有效', SUSPENDED: '已暂停', REVOKED: '已吊销', EXPIRED: '已过期' };

// ------------------------------------------------------------------------------------------------ helpers

/** Builds an element: h('button', {class: 'x', onclick: f}, '文字', child...). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'value') el.value = v;
      else if (k === 'checked') el.checked = !!v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}
const $ = (sel, root) => (root || document).querySelector(sel);
/** Children without null/false, arrays flattened (the DOM's own append would print "null"). */
const kids = list => list.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)
  .map(c => (typeof c === 'string' || typeof c === 'number') ? document.createTextNode(String(c)) : c);
function add(el, ...children) { el.append(...kids(children)); return el; }
function put(el, ...children) { el.replaceChildren(...kids(children)); return el; }
function field(id, label, input) {
  input.id = id;
  return h('div', null, h('label', { for: id }, label), input);
}
function toast(text) {
  const t = $('#toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 3500);
}
function has(role) { return !!S.me && S.me.roles.some(r => r.role === role); }
function fmtTime(iso) {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  } catch (e) { return iso; }
}
/** YYYY-MM-DD in China Standard Time. */
function isoDay(iso) {
  const d = iso ? new Date(iso) : new Date();
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);
}
function stateBadge(state) {
  const cls = ['ISSUED', 'ARCHIVED', 'COMPLETED'].includes(state) ? 'good'
    : ['REFUSED', 'RETURNED'].includes(state) ? 'warn' : '';
  return h('span', { class: 'badge ' + cls }, STATE_NAMES[state] || state);
}

// ------------------------------------------------------------------------------------------------ API

class ApiError extends Error {
  constructor(status, problem, message) { super(message); this.status = status; this.problem = problem; }
}

/** Chinese text for an API problem: a sentence for people, the API's own detail in brackets. */
function problemText(status, p, context) {
  p = p || {};
  const detail = p.summary || p.detail || '';
  const type = (p.type || '').replace('urn:onewindow:problem:', '');
  if (type === 'case-document-failed') {
    // The transition made a document and could not finish it (seal suspended, not allowed, gate refused): nothing changed.
    const doc = DOC_TYPE_NAMES[p.document] || p.document || '文书';
    const seal = p.sealId ? '（印章：' + ((S.sealNames && S.sealNames[p.sealId]) || p.sealId) + '）' : '';
    return '未能出具' + doc + seal + '，本次' + (ACTION_NAMES[p.action] || '操作') + '未办理，办件保持原状。'
      + (status === 403 ? '印章已暂停或您无权使用该印章。' : '') + (detail ? '（' + detail + '）' : '');
  }
  switch (status) {
    case 0: return '无法连接服务，请检查网络后重试。';
    case 400: return '请求有误，请检查填写的内容。' + (detail ? '（' + detail + '）' : '');
    case 401: return context === 'login' ? '用户名或密码错误，请重新输入。' : '未登录或登录已过期，请重新登录。';
    case 403: return '没有权限执行此操作。' + (detail ? '（' + detail + '）' : '');
    case 404: return context === 'figures' ? '暂无数据' : '未找到所请求的内容。' + (detail ? '（' + detail + '）' : '');
    case 409:
      if (type === 'invalid-transition') {
        const allowed = (p.allowedActions || []).map(a => ACTION_NAMES[String(a).toLowerCase()] || a).join('、');
        return '办件当前状态为「' + (STATE_NAMES[p.currentState] || p.currentState || '未知') + '」，不能执行此操作。'
          + (allowed ? '当前可执行：' + allowed + '。' : '');
      }
      return '操作冲突：数据已被他人修改或当前状态不允许，请刷新后重试。' + (detail ? '（' + detail + '）' : '');
    case 413: return '文件过大，超过了上传上限。';
    case 415: return '文件类型不受支持，请上传 PDF、JPEG、PNG 或 TIFF 扫描件。' + (detail ? '（' + detail + '）' : '');
    case 422:
      if (type === 'issuance-refused') return '出件核验未通过：' + (p.summary || detail);
      return '无法办理：' + detail;
    case 429: return '操作过于频繁，请' + (p.retryAfter ? ' ' + p.retryAfter + ' 秒后' : '稍后') + '再试。'
      + (context === 'login' ? '（多次登录失败后账户会被暂时锁定 15 分钟）' : '');
    case 503: return '服务暂不可用（存储或印章服务尚未就绪），请稍后再试。';
    default: return '服务器内部错误，请联系管理员。' + (p.requestId ? '请求编号：' + p.requestId : '');
  }
}

async function api(method, path, body, context) {
  const headers = { 'Accept': 'application/json' };
  let payload;
  if (body !== undefined && body !== null) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && S.csrf) headers['X-CSRF-Token'] = S.csrf;
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, null, problemText(0));
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    if (json && response.headers.get('Retry-After')) json.retryAfter = response.headers.get('Retry-After');
    if (response.status === 401 && context !== 'login' && context !== 'quiet') {
      S.me = null;
      location.hash = '#/login';
    }
    throw new ApiError(response.status, json, problemText(response.status, json, context));
  }
  return json;
}

/** An error box (role=alert) showing the Chinese message and the request id in small print. */
function errorBox(err) {
  const box = h('div', { class: 'bad', role: 'alert' }, err.message || String(err));
  if (err.problem && err.problem.requestId) box.appendChild(h('small', { class: 'req' }, '请求编号 ' + err.problem.requestId));
  return box;
}
/** Runs an action of a button: disables it meanwhile, shows errors in `out`. */
async function run(button, out, action) {
  if (out) put(out);
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (e) {
    if (out) put(out, errorBox(e)); else toast(e.message);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Upload with progress (fetch has no upload progress): XHR with the CSRF header. */
function upload(path, files, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('X-CSRF-Token', S.csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let json = null;
      try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(new ApiError(xhr.status, json, problemText(xhr.status, json)));
    };
    xhr.onerror = () => reject(new ApiError(0, null, problemText(0)));
    xhr.send(form);
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------ frame

function navLinks() {
  const links = [['#/home', '我的待办']];
  if (has('WINDOW_CLERK')) links.push(['窗口受理'], ['#/new', '新建办件'], ['#/cases', '办件查询']);
  if (has('DEPARTMENT_APPROVER')) links.push(['部门审批'], ['#/review', '审核队列']);
  if (has('CENTER_APPROVER')) links.push(['中心'], ['#/seal', '待盖审批专用章']);
  if (has('CENTER_APPROVER') || has('AUDITOR') || has('SYSTEM_ADMIN')) {
    if (!links.some(l => l[0] === '中心')) links.push(['中心']);
    links.push(['#/supervision', '电子监察']);
    if (!has('WINDOW_CLERK')) links.push(['#/cases', '办件查询']);
  }
  if (has('AUDITOR') || has('SYSTEM_ADMIN') || has('CENTER_APPROVER')) links.push(['#/audit', '审计日志']);
  if (has('SYSTEM_ADMIN') || has('SEAL_ADMIN')) links.push(['管理']);
  if (has('SYSTEM_ADMIN')) links.push(['#/admin/users', '用户与角色']);
  if (has('SEAL_ADMIN') || has('SYSTEM_ADMIN')) links.push(['#/admin/seals', '印章管理']);
  if (has('SYSTEM_ADMIN')) links.push(['#/admin/catalog', '事项目录']);
  return links;
}

function renderFrame() {
  const nav = $('#nav');
  const who = $('#who');
  put(nav);
  put(who);
  if (!S.me) return;
  const ul = h('ul');
  const current = location.hash.split('?')[0];
  for (const [href, text] of navLinks()) {
    if (!text) { ul.appendChild(h('li', { class: 'group', 'aria-hidden': 'true' }, href)); continue; }
    ul.appendChild(h('li', null, h('a', { href, 'aria-current': current.startsWith(href) ? 'page' : null }, text)));
  }
  nav.appendChild(ul);
  add(who, 
    h('span', { id: 'who-name' }, S.me.displayName + '（' + S.me.roles.map(r => r.name).join('、')
      + (S.me.department ? ' · ' + S.me.department : '') + '）'),
    h('button', { id: 'logout', type: 'button', onclick: logout }, '退出'));
}

async function logout() {
  try { await api('POST', '/api/auth/logout', null, 'quiet'); } catch (e) { /* gone anyway */ }
  S.me = null; S.csrf = null; S.sealNames = null; S.items = null;
  location.hash = '#/login';
}

function page(title, ...content) {
  const main = $('#main');
  put(main, h('h1', { id: 'page-title', tabindex: '-1' }, title), ...content);
  document.title = title + ' - 一窗受理工作台';
  return main;
}

const ROUTES = [
  [/^#\/login$/, viewLogin], [/^#\/home$/, viewHome], [/^#\/new$/, viewNewCase], [/^#\/cases$/, viewCases],
  [/^#\/case\/([A-Za-z0-9._-]+)$/, viewCase], [/^#\/review$/, viewReview], [/^#\/seal$/, viewSealQueue],
  [/^#\/supervision$/, viewSupervision], [/^#\/audit$/, viewAudit], [/^#\/admin\/users$/, viewUsers],
  [/^#\/admin\/seals$/, viewSeals], [/^#\/admin\/catalog$/, viewCatalog]
];

async function router() {
  const hash = location.hash || '#/home';
  if (!S.me && hash !== '#/login') {
    try {
      const me = await api('GET', '/api/auth/me', null, 'quiet');
      S.me = me; S.csrf = me.csrfToken;
    } catch (e) {
      location.hash = '#/login';
      return;
    }
  }
  renderFrame();
  for (const [re, view] of ROUTES) {
    const m = hash.split('?')[0].match(re);
    if (m) {
      try {
        await view(...m.slice(1));
      } catch (e) {
        page('出错了', errorBox(e));
      }
      const title = $('#page-title');
      if (title && !document.activeElement.closest('main')) title.focus();
      return;
    }
  }
  location.hash = '#/home';
}

// ------------------------------------------------------------------------------------------------ login

function viewLogin() {
  S.me = null;
  renderFrame();
  const out = h('div', { id: 'login-error', 'aria-live': 'assertive' });
  const user = h('input', { type: 'text', autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', id: 'login-submit' }, '登录');
  const form = h('form', { class: 'card', id: 'login-form', novalidate: true },
    h('h2', null, '工作人员登录'), field('login-user', '用户名', user), field('login-password', '密码', pass), submit, out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!user.value.trim() || !pass.value) {
      put(out, h('div', { class: 'bad', role: 'alert' }, '请输入用户名和密码。'));
      return;
    }
    await run(submit, out, async () => {
      const me = await api('POST', '/api/auth/login', { userId: user.value.trim(), password: pass.value }, 'login');
      S.me = me; S.csrf = me.csrfToken;
      location.hash = '#/home';
    });
  });
  const main = page('登录', h('div', { class: 'login' }, form));
  main.querySelector('h1').className = 'login';
  user.focus();
}

// ------------------------------------------------------------------------------------------------ home

async function casesIn(states) {
  const all = [];
  for (const state of states) {
    const r = await api('GET', '/api/cases?size=100&state=' + state);
    all.push(...r.cases);
  }
  return all;
}

function caseTable(cases, id) {
  if (!cases.length) return h('p', { class: 'muted' }, '暂无办件。');
  return h('table', { id },
    h('thead', null, h('tr', null, ['办件编号', '事项', '申请人', '部门', '状态', '期限'].map(t => h('th', null, t)))),
    h('tbody', null, cases.map(c => h('tr', null,
      h('td', null, h('a', { href: '#/case/' + c.id }, c.id)), h('td', null, c.itemName),
      h('td', null, c.applicant ? c.applicant.name : ''), h('td', null, c.department), h('td', null, stateBadge(c.state)),
      h('td', null, deadlineText(c))))));
}
/** The API answers `overdue` as the list of deadlines passed (PROMISED_DEADLINE, SUPPLEMENT_DEADLINE). */
function overdueList(c) { return Array.isArray(c.overdue) ? c.overdue : (c.overdue ? ['PROMISED_DEADLINE'] : []); }
function deadlineText(c) {
  if (!c.deadline) return c.supplementDeadline ? '补齐期限 ' + c.supplementDeadline : '—';
  const parts = [c.deadline];
  const late = overdueList(c);
  if (late.length) parts.push('（' + late.map(o => o === 'SUPPLEMENT_DEADLINE' ? '容缺补齐已超期' : '已超承诺时限').join('，') + '）');
  else if (c.clockPaused) parts.push('（计时暂停）');
  else if (c.workingDaysLeft !== null && c.workingDaysLeft !== undefined) parts.push('（剩 ' + c.workingDaysLeft + ' 个工作日）');
  return parts.join('');
}

async function viewHome() {
  const stats = h('div', { class: 'grid', id: 'home-stats' });
  const lists = h('div');
  page('我的待办 · ' + S.me.displayName, stats, lists);
  const tile = (label, n, href, cls) => h('a', { class: 'stat ' + (cls ? 'stat-' + cls : ''), href: href || '#/home' },
    h('span', { class: 'n' }, String(n)), label);
  const section = (title, cases, id) => lists.appendChild(h('section', { class: 'card' }, h('h2', null, title), caseTable(cases, id)));
  const readsCases = ['WINDOW_CLERK', 'DEPARTMENT_APPROVER', 'CENTER_APPROVER', 'AUDITOR', 'SYSTEM_ADMIN'].some(has);
  if (has('WINDOW_CLERK')) {
    const toAccept = await casesIn(['SUBMITTED']);
    const toHandOver = await casesIn(['ACCEPTED', 'ACCEPTED_WITH_GAPS', 'RETURNED']);
    const toIssue = await casesIn(['COMPLETED']);
    add(stats, tile('待受理', toAccept.length, '#/cases'), tile('待转办 / 待补正', toHandOver.length, '#/cases'),
      tile('待出件', toIssue.length, '#/cases', 'ok'));
    section('待受理', toAccept, 'todo-accept');
    section('待转办 / 待补正', toHandOver, 'todo-handover');
    section('待出件', toIssue, 'todo-issue');
  }
  if (has('DEPARTMENT_APPROVER')) {
    const toReview = await casesIn(['HANDED_OVER', 'IN_REVIEW']);
    const toSign = await casesIn(['DECIDED']);
    add(stats, tile('待审核', toReview.length, '#/review'), tile('已决定待中心办结', toSign.length, '#/review'));
    section('待审核', toReview, 'todo-review');
  }
  if (has('CENTER_APPROVER')) {
    const toSeal = await casesIn(['DECIDED']);
    add(stats, tile('待盖审批专用章', toSeal.length, '#/seal'));
    section('待盖审批专用章', toSeal, 'todo-seal');
  }
  if (readsCases) {
    const dueSoon = (await api('GET', '/api/cases/due-soon?days=2')).cases;
    const overdue = (await api('GET', '/api/cases/overdue')).cases;
    add(stats, tile('即将到期（2 个工作日内）', dueSoon.length, '#/home', 'warn'), tile('已超期', overdue.length, '#/home', 'warn'));
    section('即将到期', dueSoon, 'todo-due');
    section('已超期', overdue, 'todo-overdue');
  }
  if (has('SEAL_ADMIN')) {
    const seals = (await api('GET', '/api/seals')).seals;
    const by = s => seals.filter(x => x.status === s).length;
    add(stats, tile('有效印章', by('ACTIVE'), '#/admin/seals', 'ok'), tile('已暂停', by('SUSPENDED'), '#/admin/seals', 'warn'),
      tile('已吊销', by('REVOKED'), '#/admin/seals', 'warn'));
  }
  if (has('SYSTEM_ADMIN')) {
    const users = (await api('GET', '/api/admin/users')).users;
    add(stats, tile('用户', users.length, '#/admin/users'), tile('已停用用户', users.filter(u => u.disabled).length, '#/admin/users', 'warn'));
  }
  if (!stats.children.length) stats.appendChild(h('p', { class: 'muted' }, '当前没有待办事项。'));
}

// ------------------------------------------------------------------------------------------------ clerk: new case

async function catalogItems() {
  if (!S.items) S.items = (await api('GET', '/api/catalog/items')).items;
  return S.items;
}

async function viewNewCase() {
  const items = await catalogItems();
  let chosen = null;
  const out = h('div', { 'aria-live': 'assertive' });
  const search = h('input', { type: 'search', placeholder: '输入事项名称或编码，如 施工许可 或 XK-0014', autocomplete: 'off',
    'aria-controls': 'item-results' });
  const results = h('ul', { class: 'results', id: 'item-results', 'aria-label': '匹配的事项' });
  const picked = h('p', { id: 'item-picked', class: 'muted', 'aria-live': 'polite' }, '尚未选择事项。');
  const name = h('input', { type: 'text', required: true, maxlength: '60' });
  const idNumber = h('input', { type: 'text', maxlength: '40' });
  const phone = h('input', { type: 'text', maxlength: '40' });
  const submit = h('button', { type: 'submit', id: 'case-create' }, '创建办件');
  const show = () => {
    const q = search.value.trim().toLowerCase();
    const hits = items.filter(i => !q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q)).slice(0, 30);
    put(results, ...hits.map(i => h('li', null, h('button', { type: 'button', class: 'item-choice',
      'data-code': i.code, onclick: () => pick(i) }, i.code + '　' + i.name + '（' + i.department + '，'
      + (i.promisedWorkingDays === 0 ? '即办件' : '承诺 ' + i.promisedWorkingDays + ' 个工作日') + '）'))));
    if (!hits.length) results.appendChild(h('li', { class: 'muted' }, '没有匹配的事项。'));
  };
  const pick = i => {
    chosen = i;
    picked.className = 'ok';
    picked.textContent = '已选择：' + i.code + ' ' + i.name + '（' + i.window + ' / ' + i.department + '，主件 '
      + i.materials.filter(m => m.kind === 'MAIN').length + ' 项，副件 ' + i.materials.filter(m => m.kind !== 'MAIN').length + ' 项）';
    name.focus();
  };
  search.addEventListener('input', show);
  search.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown') { e.preventDefault(); const b = results.querySelector('button'); if (b) b.focus(); }
  });
  results.addEventListener('keydown', e => {
    const buttons = [...results.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i >= 0 && i < buttons.length - 1) { e.preventDefault(); buttons[i + 1].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? buttons[i - 1] : search).focus(); }
  });
  show();
  const form = h('form', { id: 'new-case-form', novalidate: true },
    h('section', { class: 'card' }, h('h2', null, '1. 选择事项'), field('item-search', '查找事项（名称或编码）', search), results, picked),
    h('section', { class: 'card' }, h('h2', null, '2. 申请人'),
      h('div', { class: 'inline' }, field('applicant-name', '申请人（单位或个人）', name),
        field('applicant-id', '证件号码 / 统一社会信用代码', idNumber), field('applicant-phone', '联系电话', phone)),
      submit, out));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!chosen) { put(out, h('div', { class: 'bad', role: 'alert' }, '请先选择事项。')); search.focus(); return; }
    if (!name.value.trim()) { put(out, h('div', { class: 'bad', role: 'alert' }, '请填写申请人。')); name.focus(); return; }
    await run(submit, out, async () => {
      const c = await api('POST', '/api/cases', { itemCode: chosen.code, applicant: { name: name.value.trim(),
        idNumber: idNumber.value.trim() || null, phone: phone.value.trim() || null }, materials: [] });
      toast('已创建办件 ' + c.id);
      location.hash = '#/case/' + c.id;
    });
  });
  page('新建办件', form);
  search.focus();
}

// ------------------------------------------------------------------------------------------------ case lists

async function viewCases() {
  const state = h('select', null, h('option', { value: '' }, '全部状态'),
    Object.entries(STATE_NAMES).map(([k, v]) => h('option', { value: k }, v)));
  const applicant = h('input', { type: 'text' });
  const out = h('div');
  const table = h('div');
  const go = h('button', { type: 'submit' }, '查询');
  const form = h('form', { class: 'card inline', id: 'case-search' }, field('cs-state', '状态', state),
    field('cs-applicant', '申请人', applicant), h('div', null, go));
  const load = () => run(go, out, async () => {
    const q = new URLSearchParams({ size: '100' });
    if (state.value) q.set('state', state.value);
    if (applicant.value.trim()) q.set('applicant', applicant.value.trim());
    const r = await api('GET', '/api/cases?' + q);
    put(table, h('p', { class: 'muted' }, '共 ' + r.total + ' 件'), caseTable(r.cases, 'case-list'));
  });
  form.addEventListener('submit', ev => { ev.preventDefault(); load(); });
  page('办件查询', form, out, h('section', { class: 'card' }, table));
  await load();
}

async function viewReview() {
  const review = await casesIn(['HANDED_OVER', 'IN_REVIEW']);
  const returned = await casesIn(['RETURNED']);
  const decided = await casesIn(['DECIDED']);
  page('审核队列' + (S.me.department ? ' · ' + S.me.department : ''),
    h('section', { class: 'card' }, h('h2', null, '待审核'), caseTable(review, 'review-queue')),
    h('section', { class: 'card' }, h('h2', null, '已决定（待中心加盖审批专用章并办结）'), caseTable(decided, 'review-decided')),
    h('section', { class: 'card' }, h('h2', null, '已退回补正'), caseTable(returned, 'review-returned')));
}

async function viewSealQueue() {
  const decided = await casesIn(['DECIDED']);
  page('待盖审批专用章', h('section', { class: 'card' }, h('p', { class: 'muted' },
    '部门已作出决定并签章的办件：核对决定书后加盖审批专用章并办结。'), caseTable(decided, 'seal-queue')));
}

// ------------------------------------------------------------------------------------------------ one case

async function viewCase(id) {
  const c = await api('GET', '/api/cases/' + encodeURIComponent(id));
  const [checklist, item] = await Promise.all([
    api('GET', '/api/cases/' + id + '/checklist'),
    api('GET', '/api/catalog/items/' + encodeURIComponent(c.itemCode)).catch(() => null)]);
  if (!S.sealNames) {
    S.sealNames = {};
    try { (await api('GET', '/api/seals', null, 'quiet')).seals.forEach(s => { S.sealNames[s.id] = s.displayName; }); } catch (e) { /* ids then */ }
  }
  const ctx = { c, checklist, item, docs: caseDocs(c), reload: () => viewCase(id) };
  // The department compares scans and text first; the window works on the checklist first.
  const compare = has('DEPARTMENT_APPROVER') || has('WINDOW_CLERK') ? compareCard(ctx) : null;
  const approverFirst = has('DEPARTMENT_APPROVER') && !has('WINDOW_CLERK');
  page('办件 ' + c.id, summaryCard(ctx), approverFirst ? compare : null, materialsCard(ctx), actionsCard(ctx),
    approverFirst ? null : compare, documentsCard(ctx), historyCard(ctx));
}

function summaryCard(ctx) {
  const { c } = ctx;
  return h('section', { class: 'card', id: 'case-summary' }, h('div', { class: 'two' },
    h('dl', { class: 'kv' }, h('dt', null, '事项'), h('dd', null, c.itemCode + ' ' + c.itemName),
      h('dt', null, '申请人'), h('dd', null, (c.applicant && c.applicant.name) || ''),
      h('dt', null, '受理窗口'), h('dd', null, c.window || ''), h('dt', null, '承办部门'), h('dd', null, c.department || '')),
    h('dl', { class: 'kv' }, h('dt', null, '状态'), h('dd', { id: 'case-state' }, stateBadge(c.state)),
      h('dt', null, '承诺时限'), h('dd', null, c.promisedWorkingDays === 0 ? '即办件' : c.promisedWorkingDays + ' 个工作日'),
      h('dt', null, '办结期限'), h('dd', null, deadlineText(c)),
      c.gaps.length ? [h('dt', null, '容缺'), h('dd', null, '待补齐 ' + c.gaps.join('、') + '（期限 ' + (c.supplementDeadline || '') + '）')] : null,
      c.pendingSupplements.length ? [h('dt', null, '待补正'), h('dd', null, c.pendingSupplements.map(code => materialName(ctx, code)).join('、'))] : null)));
}

function materialName(ctx, code) {
  const m = ctx.item && ctx.item.materials.find(x => x.code === code);
  return m ? m.name : code;
}

function materialsCard(ctx) {
  const { c, checklist } = ctx;
  const present = new Set(checklist.present.map(m => m.materialCode));
  const canUpload = has('WINDOW_CLERK') && ['SUBMITTED', 'RETURNED', 'ACCEPTED', 'ACCEPTED_WITH_GAPS'].includes(c.state);
  const rows = (ctx.item ? ctx.item.materials : []).map(m => {
    const cell = h('td');
    const status = h('td', { class: 'mstatus' }, present.has(m.code) ? h('span', { class: 'badge good' }, '已收')
      : h('span', { class: 'badge ' + (m.kind === 'MAIN' ? 'warn' : 'off') }, '未收'));
    const thumbs = h('div', { class: 'thumbs', id: 'thumbs-' + m.code });
    if (present.has(m.code)) loadThumbs(ctx, m.code, thumbs);
    cell.appendChild(thumbs);
    if (canUpload) cell.prepend(dropZone(ctx, m));
    return h('tr', { id: 'mat-' + m.code },
      h('td', null, m.code), h('td', null, m.name, h('br'), h('small', { class: 'muted' },
        (m.form === 'COPY' ? '复印件' : '原件') + ' ' + (m.copies || 1) + ' 份')),
      h('td', null, h('span', { class: 'badge ' + (m.kind === 'MAIN' ? 'main' : 'sup') }, m.kind === 'MAIN' ? '主件' : '副件')),
      status, cell);
  });
  const summary = checklist.missingRequired.length
    ? h('p', { class: 'bad', id: 'checklist-summary' }, '缺少主件：' + checklist.missingRequired.map(m => m.name).join('、') + '，不能受理。')
    : checklist.missingSupplementary.length
      ? h('p', { class: 'note', id: 'checklist-summary' }, '主件齐全；缺少副件：' + checklist.missingSupplementary.map(m => m.name).join('、') + '，可容缺受理。')
      : h('p', { class: 'ok', id: 'checklist-summary' }, '材料齐全。');
  return h('section', { class: 'card', id: 'materials' }, h('h2', null, '材料清单（主件 / 副件）'), summary,
    h('table', null, h('thead', null, h('tr', null, ['编号', '材料', '类别', '状态', canUpload ? '上传扫描件（可拖放）/ 页面预览' : '页面预览'].map(t => h('th', null, t)))),
      h('tbody', null, rows)));
}

function dropZone(ctx, m) {
  const input = h('input', { type: 'file', multiple: true, accept: '.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/*',
    id: 'file-' + m.code, 'aria-label': '选择「' + m.name + '」的扫描件' });
  const bar = h('progress', { max: '1', value: '0', id: 'progress-' + m.code, hidden: true, 'aria-label': '上传进度' });
  const out = h('div', { 'aria-live': 'polite', id: 'upload-msg-' + m.code });
  const zone = h('div', { class: 'drop', id: 'drop-' + m.code }, h('small', { class: 'muted' }, '拖放文件到此处，或 '), input, bar, out);
  const send = async files => {
    if (!files || !files.length) return;
    bar.hidden = false; bar.value = 0;
    put(out, h('small', null, '正在上传 ' + files.length + ' 个文件……'));
    try {
      const r = await upload('/api/cases/' + ctx.c.id + '/materials/' + m.code, files, p => { bar.value = p; });
      bar.value = 1;
      put(out, h('small', { class: 'ok upload-done' }, '已上传，共 ' + r.pages + ' 页'));
      toast('「' + m.name + '」已上传');
      await sleep(300);
      ctx.reload();
    } catch (e) {
      bar.hidden = true;
      put(out, errorBox(e));
    }
  };
  input.addEventListener('change', () => send([...input.files]));
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('over'); send([...e.dataTransfer.files]); });
  return zone;
}

/** Page thumbnails of a material; previews are rendered in the background, so poll until they exist. */
async function loadThumbs(ctx, code, box) {
  await sleep(0); // the box is put into the page after this call returns
  for (let attempt = 0; attempt < 120 && box.isConnected; attempt++) {
    let status;
    try { status = await api('GET', '/api/cases/' + ctx.c.id + '/materials/' + code, null, 'quiet'); } catch (e) { return; }
    const pages = status.submission.pages;
    if (status.previewPages >= pages || status.previewPages > box.children.length) {
      put(box, ...Array.from({ length: status.previewPages }, (_, i) => h('button', { type: 'button',
        title: '第 ' + (i + 1) + ' 页', onclick: () => showPage(ctx, code, i + 1) },
        h('img', { src: '/api/cases/' + ctx.c.id + '/materials/' + code + '/pages/' + (i + 1) + '/thumb.png',
          alt: materialName(ctx, code) + ' 第 ' + (i + 1) + ' 页', class: 'thumb' }))));
    }
    if (status.previewPages >= pages) return;
    if (!box.children.length) put(box, h('small', { class: 'muted' }, '预览生成中……'));
    await sleep(attempt < 20 ? 1500 : 4000);
  }
}

function compareCard(ctx) {
  const present = ctx.checklist.present;
  const select = h('select', { id: 'compare-material' }, present.map(m => h('option', { value: m.materialCode }, m.materialCode + ' ' + m.name)));
  const viewer = h('div', { class: 'viewer', id: 'page-viewer' });
  const text = h('div', { class: 'ocr', id: 'ocr-text', tabindex: '0', 'aria-label': 'OCR 识别文字' });
  const card = h('section', { class: 'card', id: 'compare' }, h('h2', null, '材料与识别文字对照'),
    present.length ? field('compare-select', '材料', select) : h('p', { class: 'muted' }, '尚无已上传的材料。'),
    h('div', { class: 'two' }, h('div', null, h('h3', null, '扫描页面'), viewer), h('div', null, h('h3', null, 'OCR 识别文字'), text)));
  ctx.viewer = viewer; ctx.ocr = text; ctx.compareSelect = select;
  select.addEventListener('change', () => showPage(ctx, select.value, 1));
  if (present.length) setTimeout(() => showPage(ctx, present[0].materialCode, 1), 0);
  return card;
}

async function showPage(ctx, code, pageNo) {
  if (!ctx.viewer) return;
  ctx.compareSelect.value = code;
  put(ctx.viewer, h('img', { src: '/api/cases/' + ctx.c.id + '/materials/' + code + '/pages/' + pageNo + '/large.png',
    alt: materialName(ctx, code) + ' 第 ' + pageNo + ' 页' }));
  ctx.ocr.textContent = '正在读取识别文字……';
  const token = (ctx.ocrToken = {});
  for (let attempt = 0; attempt < 60; attempt++) {
    let r;
    try { r = await api('GET', '/api/console/cases/' + ctx.c.id + '/materials/' + code + '/text', null, 'quiet'); } catch (e) {
      if (ctx.ocrToken === token) ctx.ocr.textContent = e.message;
      return;
    }
    if (ctx.ocrToken !== token || !ctx.ocr.isConnected) return;
    if (r.ocrDone) {
      ctx.ocr.textContent = r.pages[pageNo - 1] || '（本页没有识别出文字）';
      ctx.ocr.classList.add('done');
      return;
    }
    const job = r.ocrJob;
    ctx.ocr.textContent = job && job.state === 'FAILED' ? '文字识别失败：' + (job.error || '')
      : '文字识别中（' + (job ? job.pagesDone + '/' + job.pagesTotal + ' 页' : '排队') + '）……';
    if (job && job.state === 'FAILED') return;
    await sleep(2000);
  }
}

// ------------------------------------------------------------------------------------------------ case documents

/**
 * The documents the case service made at the transitions, from the case record's `documents` (one entry per
 * transition and document), one line per document: what it is, its latest version, the seals applied so far.
 */
function caseDocs(c) {
  const byId = new Map();
  const counts = {};
  for (const e of (c.documents || [])) {
    let d = byId.get(e.documentId);
    if (!d) {
      counts[e.type] = (counts[e.type] || 0) + 1;
      d = { id: e.documentId, type: e.type, templateId: e.templateId, n: counts[e.type], version: 0, seals: [], entries: [],
        verificationId: null };
      byId.set(e.documentId, d);
    }
    d.entries.push(e);
    d.version = Math.max(d.version, e.version || 0);
    if (e.sealId && !d.seals.includes(e.sealId)) d.seals.push(e.sealId);
    if (e.verificationId) d.verificationId = e.verificationId;
  }
  for (const d of byId.values()) d.title = docTitle(d);
  return [...byId.values()];
}
function docTitle(d) {
  switch (d.type) {
    case 'ACCEPTANCE_NOTICE': return '受理通知书';
    case 'REFUSAL_NOTICE': return '不予受理通知书';
    case 'HANDOVER_RECEIPT': return '材料交接单（第' + d.n + '次转办）';
    case 'CORRECTION_NOTICE': return '一次性告知书（第' + d.n + '次退回）';
    case 'DECISION': return d.templateId === 'permit-denial-decision' ? '不予行政许可决定书' : '准予行政许可决定书';
    default: return d.type;
  }
}
function docsOf(ctx, type) { return ctx.docs.filter(d => d.type === type); }
function lastDoc(ctx, type) { const list = docsOf(ctx, type); return list.length ? list[list.length - 1] : null; }
function docHref(d) { return '/api/documents/' + d.id + '/versions/latest'; }
function sealName(id) { return (S.sealNames && S.sealNames[id]) || id; }

function docLine(d) {
  return h('p', { class: 'docline', 'data-type': d.type },
    h('a', { href: docHref(d), target: '_blank', rel: 'noopener' }, d.title), '　版本 ' + d.version + '　',
    d.seals.length ? h('span', { class: 'badge good' }, '已盖：' + d.seals.map(sealName).join('、')) : h('span', { class: 'badge warn' }, '未盖章'),
    d.verificationId ? ['　核验码 ', h('code', null, d.verificationId)] : null);
}

function documentsCard(ctx) {
  return h('section', { class: 'card', id: 'documents' }, h('h2', null, '文书'),
    ctx.docs.length ? ctx.docs.map(docLine) : h('p', { class: 'muted' }, '暂无文书。'));
}

/**
 * The seal a transition is about to apply, shown before the button: the image and its name. The case service seals
 * at the transition; the console only shows which seal that will be.
 */
function sealPreview(sealId, id, what) {
  return h('div', { class: 'sealpreview' },
    h('img', { class: 'sealimg', src: '/api/seals/' + encodeURIComponent(sealId) + '/image.png', alt: sealName(sealId) + ' 印章图像', id }),
    h('p', { class: 'muted' }, what + '，将加盖：', h('strong', { class: 'sealname' }, sealName(sealId))));
}

/**
 * The department seal the case service applies for this case (dept-<code> of the case's department): among the seals
 * the approver may use, the department seal of the case's department (else the first department seal).
 */
async function departmentSeal(ctx) {
  if (ctx.deptSeal !== undefined) return ctx.deptSeal;
  const seals = (await api('GET', '/api/seals/usable')).seals.filter(s => s.kind === 'DEPARTMENT');
  ctx.deptSeal = seals.find(s => s.owner && s.owner.department === ctx.c.department) || seals[0] || null;
  return ctx.deptSeal;
}
function departmentSealPreview(ctx, id, what) {
  const box = h('div', { class: 'sealpreview' }, h('p', { class: 'muted' }, '正在读取部门电子印章……'));
  departmentSeal(ctx).then(seal => {
    if (!seal) { put(box, h('div', { class: 'bad', role: 'alert' }, '您没有可用的部门电子印章，请联系印章管理员。')); return; }
    S.sealNames[seal.id] = seal.displayName;
    put(box, h('img', { class: 'sealimg', src: seal.links.image, alt: seal.displayName + ' 印章图像', id }),
      h('p', { class: 'muted' }, what + '，将加盖：', h('strong', { class: 'sealname', id: id + '-name' }, seal.displayName + '（' + seal.owner.name + '）')));
  }).catch(e => put(box, errorBox(e)));
  return box;
}

// ------------------------------------------------------------------------------------------------ actions

function actionsCard(ctx) {
  const { c } = ctx;
  const card = h('section', { class: 'card', id: 'actions' }, h('h2', null, '办理'), h('div', { id: 'issued-result' }));
  const allowed = new Set((c.allowedActions || []).map(a => String(a).toLowerCase()));
  const parts = [];
  if (has('WINDOW_CLERK')) {
    if (allowed.has('accept')) parts.push(acceptForm(ctx));
    if (allowed.has('refuse')) parts.push(refuseForm(ctx));
    if (lastDoc(ctx, 'ACCEPTANCE_NOTICE')) parts.push(noticeBox(ctx));
    if (lastDoc(ctx, 'REFUSAL_NOTICE')) parts.push(refusalBox(ctx));
    if (c.state === 'RETURNED' && c.returns.length) parts.push(correctionForm(ctx, allowed));
    if (allowed.has('handover')) parts.push(handoverForm(ctx));
    if (allowed.has('issue')) parts.push(issueForm(ctx));
    if (['ISSUED', 'ARCHIVED'].includes(c.state)) parts.push(issuedView(ctx));
    if (allowed.has('archive')) parts.push(simpleAction(ctx, 'archive', '归档'));
  }
  if (has('DEPARTMENT_APPROVER')) {
    if (allowed.has('review')) parts.push(simpleAction(ctx, 'review', '签收交接单并开始审核', null,
      departmentSealPreview(ctx, 'receipt-seal-preview', '签收材料交接单')));
    if (allowed.has('return')) parts.push(returnForm(ctx));
    if (allowed.has('decide')) parts.push(decideForm(ctx));
    if (c.state === 'DECIDED') parts.push(decisionBox(ctx));
  }
  if (has('CENTER_APPROVER') && allowed.has('complete')) parts.push(centerSealForm(ctx));
  if (!parts.length) parts.push(h('p', { class: 'muted' }, '当前状态「' + (STATE_NAMES[c.state] || c.state) + '」下您没有需要办理的操作。'));
  add(card, ...parts);
  return card;
}

function post(ctx, action, body) {
  return api('POST', '/api/cases/' + ctx.c.id + '/' + action, body || {});
}

/** A transition with an optional note; `before` (e.g. the seal preview) is shown above the button. */
function simpleAction(ctx, action, label, warning, before) {
  const out = h('div');
  const note = h('input', { type: 'text', maxlength: '200' });
  const button = h('button', { type: 'button', id: 'action-' + action }, label);
  button.addEventListener('click', () => run(button, out, async () => {
    await post(ctx, action, { note: note.value.trim() || null });
    toast(label + '：已完成');
    ctx.reload();
  }));
  return h('div', { class: 'actions', id: 'step-' + action }, warning ? h('p', { class: 'note' }, warning) : null, before || null,
    h('div', { class: 'inline' }, field('note-' + action, '备注（可选）', note), h('div', null, button)), out);
}

function acceptForm(ctx) {
  const { checklist } = ctx;
  const out = h('div');
  const withGaps = checklist.missingRequired.length === 0 && checklist.missingSupplementary.length > 0;
  const days = h('input', { type: 'number', min: '1', max: '60', value: '5' });
  const note = h('input', { type: 'text', maxlength: '200' });
  const button = h('button', { type: 'button', id: 'action-accept', disabled: checklist.missingRequired.length > 0 },
    withGaps ? '容缺受理' : '受理');
  button.addEventListener('click', () => run(button, out, async () => {
    await post(ctx, 'accept', { supplementWorkingDays: withGaps ? Number(days.value) : null, note: note.value.trim() || null });
    toast((withGaps ? '已容缺受理' : '已受理') + '，受理通知书已出具');
    ctx.reload();
  }));
  return h('div', { class: 'actions' }, h('h3', null, withGaps ? '容缺受理' : '受理'),
    checklist.missingRequired.length ? h('p', { class: 'bad' }, '主件不齐，不能受理：请上传 '
      + checklist.missingRequired.map(m => m.name).join('、') + '，或不予受理。') : null,
    sealPreview('center-acceptance', 'accept-seal-preview', '受理时出具受理通知书' + (withGaps ? '（列明待补齐的副件及期限）' : '')),
    h('div', { class: 'inline' }, withGaps ? field('accept-days', '副件补齐期限（工作日）', days) : null,
      field('accept-note', '备注（可选）', note), h('div', null, button)), out);
}

function refuseForm(ctx) {
  const out = h('div');
  const reason = h('input', { type: 'text', maxlength: '500' });
  const legal = h('input', { type: 'text', maxlength: '200', placeholder: '默认：《中华人民共和国行政许可法》第三十二条第一款' });
  const redirect = h('input', { type: 'text', maxlength: '100' });
  const button = h('button', { type: 'button', class: 'secondary', id: 'action-refuse' }, '不予受理');
  button.addEventListener('click', () => {
    if (!reason.value.trim()) { put(out, h('div', { class: 'bad', role: 'alert' }, '请填写不予受理的理由。')); reason.focus(); return; }
    run(button, out, async () => {
      await post(ctx, 'refuse', { reason: reason.value.trim(), legalBasis: legal.value.trim() || null,
        redirectOrgan: redirect.value.trim() || null });
      toast('已不予受理，不予受理通知书已出具');
      ctx.reload();
    });
  });
  return h('div', { class: 'actions' }, h('h3', null, '不予受理'),
    h('div', { class: 'inline' }, field('refuse-reason', '理由', reason), field('refuse-legal', '法律依据（可选）', legal),
      field('refuse-redirect', '告知向何机关申请（可选）', redirect), h('div', null, button)), out);
}

/** A document the transition made, with its print link. */
function printBox(id, title, d, text, linkId) {
  return h('div', { class: 'actions', id }, h('h3', null, title), h('p', { class: 'ok' }, text),
    h('a', { class: 'btnlink', id: linkId, href: docHref(d), target: '_blank', rel: 'noopener' }, '打开 / 打印' + title + '（PDF）'));
}

/** 受理通知书: made and sealed by the case service at 受理. */
function noticeBox(ctx) {
  return printBox('notice', '受理通知书', lastDoc(ctx, 'ACCEPTANCE_NOTICE'), '已出具并加盖受理专用章。', 'notice-open');
}

function refusalBox(ctx) {
  return printBox('refusal', '不予受理通知书', lastDoc(ctx, 'REFUSAL_NOTICE'), '已出具并加盖受理专用章，请交申请人。', 'refusal-open');
}

/** 一次性告知 after a return: the case service makes the 一次性告知书 of the latest return (once per return). */
function correctionForm(ctx, allowed) {
  const { c } = ctx;
  const n = c.returns.length;
  const last = c.returns[n - 1];
  const notices = docsOf(ctx, 'CORRECTION_NOTICE');
  if (notices.length >= n) {
    return printBox('correction', '一次性告知书', notices[notices.length - 1], '第 ' + n + ' 次退回的一次性告知书已出具并加盖受理专用章，请交申请人。', 'correction-open');
  }
  const box = h('div', { class: 'actions', id: 'correction' }, h('h3', null, '一次性告知书'));
  const out = h('div');
  const days = h('input', { type: 'number', min: '1', max: '60', value: '5' });
  const contact = h('input', { type: 'text', maxlength: '40', placeholder: '窗口联系电话' });
  const button = h('button', { type: 'button', id: 'action-notify', disabled: !allowed.has('notify') }, '出具一次性告知书');
  button.addEventListener('click', () => run(button, out, async () => {
    await post(ctx, 'notify', { supplementWorkingDays: Number(days.value) || null, contact: contact.value.trim() || null });
    toast('一次性告知书已出具');
    ctx.reload();
  }));
  add(box, h('p', { class: 'muted' }, '部门退回理由：' + last.reasons.join('；')
      + (last.supplements.length ? '。需补正：' + last.supplements.map(s => s.materialCode ? materialName(ctx, s.materialCode) : s.description).join('、') : '')),
    h('p', { class: 'note' }, '转办前须先向申请人出具本次退回的一次性告知书。'),
    sealPreview('center-acceptance', 'correction-seal-preview', '一次性告知书'),
    h('div', { class: 'inline' }, field('notify-days', '补正期限（工作日）', days), field('notify-contact', '联系电话（可选）', contact),
      h('div', null, button)), out);
  return box;
}

/** 转办: the case service makes the 材料交接单 of this handover, sealed by the window. */
function handoverForm(ctx) {
  const { c } = ctx;
  const warnings = [];
  if (c.state === 'RETURNED') {
    if (docsOf(ctx, 'CORRECTION_NOTICE').length < c.returns.length) warnings.push('尚未出具一次性告知书。');
    if (c.pendingSupplements.length) warnings.push('补正材料未齐：' + c.pendingSupplements.map(code => materialName(ctx, code)).join('、') + '。上传后再转办。');
  }
  return simpleAction(ctx, 'handover', '出具交接单并转办至 ' + c.department, warnings.length ? warnings.join('') : null,
    sealPreview('center-acceptance', 'handover-seal-preview', '转办时出具材料交接单'));
}

function decideForm(ctx) {
  const { c } = ctx;
  const out = h('div');
  const approve = h('input', { type: 'radio', name: 'outcome', value: 'APPROVED', checked: true, id: 'outcome-approved' });
  const deny = h('input', { type: 'radio', name: 'outcome', value: 'DENIED', id: 'outcome-denied' });
  const reason = h('input', { type: 'text', maxlength: '500' });
  const content = h('input', { type: 'text', maxlength: '500', placeholder: '默认：准予“' + c.itemName + '”。' });
  const license = h('input', { type: 'text', maxlength: '60' });
  const validFrom = h('input', { type: 'date' });
  const validUntil = h('input', { type: 'date' });
  const conditions = h('input', { type: 'text', maxlength: '500' });
  const permitFields = h('div', { class: 'inline', id: 'permit-fields' }, field('decide-content', '许可内容（可选）', content),
    field('decide-license', '许可证件编号（可选）', license), field('decide-from', '有效期自', validFrom),
    field('decide-until', '有效期至', validUntil), field('decide-conditions', '附加条件或说明（可选）', conditions));
  const toggle = () => { permitFields.hidden = deny.checked; };
  approve.addEventListener('change', toggle);
  deny.addEventListener('change', toggle);
  const button = h('button', { type: 'button', id: 'action-decide' }, '作出决定并签章');
  button.addEventListener('click', () => {
    if (!reason.value.trim()) { put(out, h('div', { class: 'bad', role: 'alert' }, '请填写决定理由。')); reason.focus(); return; }
    const approved = !deny.checked;
    const v = i => (approved && i.value.trim()) || null;
    run(button, out, async () => {
      await post(ctx, 'decide', { outcome: approved ? 'APPROVED' : 'DENIED', reason: reason.value.trim(), content: v(content),
        licenseNumber: v(license), validFrom: v(validFrom), validUntil: v(validUntil), conditions: v(conditions) });
      toast('已作出决定，决定书已签章');
      ctx.reload();
    });
  });
  return h('div', { class: 'actions', id: 'decide-form' }, h('h3', null, '决定（出具决定书并加盖部门电子签章）'),
    h('div', { class: 'two' },
      h('div', null, h('fieldset', null, h('legend', null, '结果'), h('label', { class: 'check', for: 'outcome-approved' }, approve, '准予许可'),
        h('label', { class: 'check', for: 'outcome-denied' }, deny, '不予许可')),
        field('decide-reason', '理由（不予许可时印在决定书上）', reason)),
      h('div', { id: 'decision-seal' }, departmentSealPreview(ctx, 'seal-preview', '决定书'))),
    permitFields, h('div', null, button), out);
}

/** After 决定: the decision the case service signed with the department seal. */
function decisionBox(ctx) {
  const d = lastDoc(ctx, 'DECISION');
  return h('div', { class: 'actions', id: 'decision-doc' }, h('h3', null, '决定书与部门电子签章'),
    d ? [docLine(d), h('p', { class: 'ok' }, '决定书已签章，等待中心加盖审批专用章并办结。')] : h('p', { class: 'note' }, '没有决定书。'));
}

/** 办结: the case service adds the 审批专用章 to the decision. */
function centerSealForm(ctx) {
  const d = lastDoc(ctx, 'DECISION');
  const box = h('div', { class: 'actions', id: 'center-seal' }, h('h3', null, '加盖审批专用章并办结'));
  if (d) add(box, docLine(d));
  add(box, simpleAction(ctx, 'complete', '加盖审批专用章并办结', d ? null : '部门尚未出具决定书。',
    sealPreview('center-approval', 'approval-preview', '办结时在决定书上')));
  return box;
}

/** 出件: the case service passes the decision through the issuance gate (every seal verified). */
function issueForm(ctx) {
  const d = lastDoc(ctx, 'DECISION');
  const box = h('div', { class: 'actions', id: 'issue' }, h('h3', null, '出件（核验全部印章后发放）'));
  const out = h('div', { id: 'issue-out' });
  const button = h('button', { type: 'button', id: 'issue-run' }, '出件核验并发放');
  button.addEventListener('click', () => run(button, out, async () => {
    const c = await post(ctx, 'issue', {});
    const issued = (c.documents || []).filter(e => e.action === 'issue' && e.verificationId).pop();
    toast('已出件' + (issued ? '，核验码 ' + issued.verificationId : ''));
    await ctx.reload();
  }));
  add(box, d ? docLine(d) : h('p', { class: 'note' }, '没有可出件的决定书。'), button, out);
  return box;
}

function issuedView(ctx) {
  const d = lastDoc(ctx, 'DECISION');
  if (!d || !d.verificationId) return h('p', { class: 'muted' }, '已出件。');
  return h('div', { class: 'actions', id: 'issue' }, h('div', { class: 'ok', id: 'issued' }, '核验通过，已出件。核验码：',
    h('code', { id: 'verification-id' }, d.verificationId), ' ',
    h('a', { href: '/verify/' + d.verificationId, target: '_blank', rel: 'noopener' }, '公开核验页'), h('br'),
    '印章：' + d.seals.map(sealName).join('、')), docLine(d));
}

function returnForm(ctx) {
  const { c } = ctx;
  const out = h('div');
  const reasons = h('textarea', { placeholder: '每行一条退回理由' });
  const boxes = (ctx.item ? ctx.item.materials : []).map(m => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: m.code, class: 'supplement' }), m.code + ' ' + m.name));
  const extra = h('input', { type: 'text', placeholder: '其他需补正的内容（可选）' });
  const justification = h('input', { type: 'text' });
  const second = c.returns.length > 0;
  const button = h('button', { type: 'button', class: 'secondary', id: 'action-return' }, '一次性告知并退回补正');
  button.addEventListener('click', () => {
    const list = reasons.value.split('\n').map(s => s.trim()).filter(Boolean);
    const supplements = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => ({ materialCode: i.value, description: null }));
    if (extra.value.trim()) supplements.push({ materialCode: null, description: extra.value.trim() });
    if (!list.length) { put(out, h('div', { class: 'bad', role: 'alert' }, '请至少填写一条退回理由。')); reasons.focus(); return; }
    if (second && !justification.value.trim()) { put(out, h('div', { class: 'bad', role: 'alert' }, '本件已退回过一次，再次退回须填写理由（将计入部门考核）。')); justification.focus(); return; }
    run(button, out, async () => {
      await post(ctx, 'return', { reasons: list, supplements, justification: justification.value.trim() || null });
      toast('已退回补正');
      ctx.reload();
    });
  });
  return h('div', { class: 'actions', id: 'return-form' }, h('h3', null, '退回补正（一次性告知）'),
    second ? h('p', { class: 'note' }, '本件已退回 ' + c.returns.length + ' 次。再次退回须说明理由，并计入部门考核。') : null,
    field('return-reasons', '退回理由（一次性告知全部问题，每行一条）', reasons),
    h('fieldset', null, h('legend', null, '需补正的材料'), boxes, extra),
    second ? field('return-justification', '再次退回的理由', justification) : null, button, out);
}

function historyCard({ c }) {
  return h('section', { class: 'card', id: 'history' }, h('h2', null, '办理记录'),
    c.returns.length ? h('div', { id: 'returns' }, h('h3', null, '退回补正'), c.returns.map((r, i) => h('div', { class: 'note' },
      '第 ' + (i + 1) + ' 次（' + fmtTime(r.at) + '，' + r.by + (r.counted ? '，计入考核' : '') + '）：' + r.reasons.join('；')
      + (r.supplements.length ? '。需补正：' + r.supplements.map(s => s.materialCode || s.description).join('、') : '')))) : null,
    h('table', null, h('thead', null, h('tr', null, ['时间', '操作人', '操作', '状态变化', '备注'].map(t => h('th', null, t)))),
      h('tbody', null, c.history.map(t => h('tr', null, h('td', null, fmtTime(t.at)), h('td', null, t.actor),
        h('td', null, ACTION_NAMES[t.action] || t.action), h('td', null, (STATE_NAMES[t.from] || t.from || '—') + ' → ' + (STATE_NAMES[t.to] || t.to)),
        h('td', null, t.note || ''))))));
}

// ------------------------------------------------------------------------------------------------ supervision

/** Normalizes whatever shape the figures endpoint answers into [{label, values:{metric:number}}]. */
function figureRows(json) {
  if (!json) return [];
  let rows = Array.isArray(json) ? json : (json.groups || json.figures || json.rows || json.items || null);
  if (!rows && typeof json === 'object') {
    rows = Object.entries(json).filter(([, v]) => v && typeof v === 'object' && !Array.isArray(v))
      .map(([k, v]) => Object.assign({ group: k }, v));
  }
  if (!Array.isArray(rows)) return [];
  return rows.map(r => {
    const label = String(r.group ?? r.name ?? r.key ?? r.label ?? r.window ?? r.department ?? r.person ?? r.userId ?? '—');
    const values = {};
    const collect = o => { for (const [k, v] of Object.entries(o || {})) if (typeof v === 'number' && isFinite(v)) values[k] = v; };
    collect(r); collect(r.counts); collect(r.figures);
    return { label, values };
  }).filter(r => Object.keys(r.values).length);
}

const METRIC_NAMES = { cases: '办件数', accepted: '受理', refused: '不予受理', returnedOnce: '退回一次',
  returnedMoreThanOnce: '退回两次及以上', averageWorkingDays: '平均办理工作日', p90WorkingDays: '90% 办件的办理工作日',
  total: '办件总数', overdue: '超期', returns: '退回', returned: '退回', countedReturns: '计入考核的退回',
  issued: '已出件', completed: '办结', open: '在办', inProgress: '在办', avgProcessingDays: '平均办理天数',
  averageProcessingDays: '平均办理天数', avgWorkingDays: '平均办理工作日', averageProcessingHours: '平均办理小时', dueSoon: '即将到期' };

/** A horizontal bar chart drawn as inline SVG. */
function barChart(title, rows, metric, color) {
  const data = rows.filter(r => r.values[metric] !== undefined).map(r => [r.label, r.values[metric]]);
  const box = h('figure', { class: 'card chart', 'data-metric': metric }, h('figcaption', null, h('strong', null, title)));
  if (!data.length) { box.appendChild(h('p', { class: 'muted' }, '暂无数据')); return box; }
  const max = Math.max(...data.map(d => d[1]), 1);
  const rowH = 26, left = 130, width = 460, chartW = width - left - 44;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (data.length * rowH + 8));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const el = (name, attrs, text) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  };
  data.forEach(([label, value], i) => {
    const y = i * rowH + 4;
    el('text', { x: left - 6, y: y + 17, 'text-anchor': 'end' }, label.length > 9 ? label.slice(0, 8) + '…' : label);
    el('rect', { x: left, y: y + 4, width: Math.max(1, value / max * chartW), height: rowH - 8, fill: color, rx: 2 });
    el('text', { x: left + value / max * chartW + 5, y: y + 17 }, Number.isInteger(value) ? value : value.toFixed(1));
  });
  box.appendChild(svg);
  return box;
}

/** Figures computed in the browser from the case list (what the existing API gives) per window or department. */
function figuresFromCases(cases, key) {
  const groups = new Map();
  for (const c of cases) {
    const label = c[key] || '—';
    const g = groups.get(label) || { label, values: { total: 0, overdue: 0, returns: 0, countedReturns: 0 }, days: [] };
    g.values.total++;
    if (overdueList(c).length) g.values.overdue++;
    g.values.returns += c.returns.length;
    g.values.countedReturns += c.countedReturns || 0;
    const done = c.history.find(t => t.to === 'COMPLETED');
    if (done && c.createdAt) g.days.push((new Date(done.at) - new Date(c.createdAt)) / 86400000);
    groups.set(label, g);
  }
  return [...groups.values()].map(g => {
    if (g.days.length) g.values.avgProcessingDays = g.days.reduce((a, b) => a + b, 0) / g.days.length;
    return { label: g.label, values: g.values };
  });
}

async function viewSupervision() {
  const by = h('select', null, h('option', { value: 'window' }, '按窗口'), h('option', { value: 'department' }, '按部门'),
    h('option', { value: 'person' }, '按人员'));
  const figures = h('div', { id: 'figures' });
  const computed = h('div', { id: 'computed' });
  const load = async () => {
    put(figures, h('p', { class: 'muted' }, '正在加载……'));
    let rows = [];
    let note = null;
    try {
      rows = figureRows(await api('GET', '/api/supervision/figures?by=' + by.value, null, 'figures'));
    } catch (e) {
      note = e.status === 404 || e.status === 405 ? '监察统计接口（/api/supervision/figures）尚未提供：暂无数据' : e.message;
    }
    const metrics = [...new Set(rows.flatMap(r => Object.keys(r.values)))];
    put(figures, h('h2', null, '监察统计（' + by.selectedOptions[0].textContent + '）'),
      note ? h('p', { class: 'note', id: 'figures-empty' }, note) : null,
      !note && !metrics.length ? h('p', { class: 'muted', id: 'figures-empty' }, '暂无数据') : null,
      h('div', { class: 'two' }, metrics.map((m, i) => barChart(METRIC_NAMES[m] || m, rows, m, ['#b71c1c', '#e65100', '#0d47a1', '#2e7d32'][i % 4]))));
    const key = by.value === 'department' ? 'department' : 'window';
    try {
      const all = [];
      for (let p = 1; p <= 20; p++) {
        const r = await api('GET', '/api/cases?size=100&page=' + p);
        all.push(...r.cases);
        if (all.length >= r.total || !r.cases.length) break;
      }
      const crow = figuresFromCases(all, key);
      put(computed, h('h2', null, '办件列表统计（' + (key === 'window' ? '按窗口' : '按部门') + '，共 ' + all.length + ' 件）'),
        h('p', { class: 'muted' }, '由当前办件列表在浏览器中计算。'),
        h('div', { class: 'two' }, barChart('超期办件', crow, 'overdue', '#b71c1c'), barChart('退回次数', crow, 'returns', '#e65100'),
          barChart('平均办理天数（受理至办结）', crow, 'avgProcessingDays', '#0d47a1'), barChart('办件总数', crow, 'total', '#2e7d32')));
    } catch (e) {
      put(computed, errorBox(e));
    }
  };
  by.addEventListener('change', load);
  page('电子监察', h('div', { class: 'card inline' }, field('figures-by', '统计口径', by)), h('section', null, figures), h('section', null, computed));
  await load();
}

// ------------------------------------------------------------------------------------------------ audit

const AUDIT_ACTIONS = {
  'auth.login': '登录', 'auth.logout': '退出', 'auth.password.change': '修改密码', 'user.add': '新增用户',
  'user.disable': '停用用户', 'user.enable': '启用用户', 'user.roles': '修改角色', 'user.password.reset': '重置密码',
  'token.create': '创建令牌', 'token.revoke': '吊销令牌', 'access.denied': '拒绝访问', 'audit.export': '导出审计',
  'audit.verify': '校验审计链', 'seal.use': '用印授权', 'document.seal': '盖章', 'document.upload': '上传文书',
  'document.issue': '出件核验', 'catalog.create': '新增事项', 'catalog.update': '修改事项', 'catalog.delete': '删除事项',
  'catalog.import': '导入事项', 'document.generate': '生成文书', 'document.discard': '撤销文书', 'document.revert': '撤回文书版本'
};
/** 'case.accept' → 办件·受理; unknown actions keep their code. */
function auditAction(action) {
  if (AUDIT_ACTIONS[action]) return AUDIT_ACTIONS[action] + '（' + action + '）';
  const m = /^case\.(\w+)$/.exec(action || '');
  if (m && ACTION_NAMES[m[1]]) return '办件' + ACTION_NAMES[m[1]] + '（' + action + '）';
  return action;
}

async function viewAudit() {
  const caseId = h('input', { type: 'text' });
  const actor = h('input', { type: 'text' });
  const from = h('input', { type: 'date' });
  const to = h('input', { type: 'date' });
  const go = h('button', { type: 'submit', id: 'audit-search' }, '查询');
  const out = h('div');
  const table = h('div', { id: 'audit-results' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, '下一页');
  const csv = h('a', { class: 'btnlink', href: '/api/audit/events.csv' }, '导出 CSV');
  let cursor = null;
  const query = () => {
    const q = new URLSearchParams({ limit: '200' });
    if (caseId.value.trim()) q.set('caseId', caseId.value.trim());
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (from.value) q.set('from', from.value);
    if (to.value) q.set('to', to.value);
    return q;
  };
  const load = (append) => run(go, out, async () => {
    const q = query();
    csv.href = '/api/audit/events.csv?' + q;
    if (append && cursor) q.set('cursor', cursor);
    const r = await api('GET', '/api/audit/events?' + q);
    cursor = r.nextCursor || null;
    more.hidden = !cursor;
    const rows = (r.events || []).map(e => h('tr', null, h('td', null, String(e.seq)), h('td', null, fmtTime(e.time)),
      h('td', null, e.actor), h('td', null, auditAction(e.action)), h('td', null, h('span', { class: 'badge ' + (e.outcome === 'granted' ? 'good' : 'warn') },
        e.outcome === 'granted' ? '允许' : e.outcome === 'denied' ? '拒绝' : '失败')),
      h('td', null, e.target ? e.target.type + ':' + e.target.id : ''),
      h('td', null, Object.entries(e.details || {}).map(([k, v]) => k + '=' + v).join('; '))));
    let tbody = table.querySelector('tbody');
    if (!append || !tbody) {
      tbody = h('tbody');
      put(table, h('table', null, h('colgroup', null, h('col', { class: 'narrow' })),
        h('thead', null, h('tr', null, ['序号', '时间', '操作人', '动作', '结果', '对象', '详情'].map(t => h('th', null, t)))), tbody));
      table.querySelector('table').id = 'audit-table';
    }
    add(tbody, ...rows);
    if (!tbody.children.length) put(table, h('p', { class: 'muted' }, '没有符合条件的记录。'));
  });
  const form = h('form', { class: 'card inline', id: 'audit-form' }, field('audit-case', '办件编号', caseId), field('audit-actor', '操作人', actor),
    field('audit-from', '起始日期', from), field('audit-to', '截止日期', to), h('div', null, go, csv));
  form.addEventListener('submit', ev => { ev.preventDefault(); load(false); });
  more.addEventListener('click', () => load(true));
  page('审计日志', form, out, h('section', { class: 'card' }, table, more));
  await load(false);
}

// ------------------------------------------------------------------------------------------------ administration

async function viewUsers() {
  const out = h('div');
  const list = h('div', { id: 'user-list' });
  const load = async () => {
    const users = (await api('GET', '/api/admin/users')).users;
    put(list, h('table', null, h('thead', null, h('tr', null, ['用户名', '姓名', '角色', '部门', '状态', '操作'].map(t => h('th', null, t)))),
      h('tbody', null, users.map(u => {
        const toggle = h('button', { type: 'button', class: 'secondary' }, u.disabled ? '启用' : '停用');
        toggle.addEventListener('click', () => run(toggle, out, async () => {
          await api('POST', '/api/admin/users/' + u.userId + '/' + (u.disabled ? 'enable' : 'disable'), {});
          toast('已' + (u.disabled ? '启用' : '停用') + ' ' + u.userId); await load();
        }));
        const reset = h('button', { type: 'button', class: 'plain' }, '重置密码');
        reset.addEventListener('click', () => run(reset, out, async () => {
          const r = await api('POST', '/api/admin/users/' + u.userId + '/password', {});
          put(out, h('div', { class: 'note' }, u.userId + ' 的新密码（仅显示一次）：', h('code', null, r && r.password ? r.password : '（已重置）')));
        }));
        const roles = h('button', { type: 'button', class: 'plain' }, '修改角色');
        roles.addEventListener('click', () => { form.fill(u); });
        return h('tr', null, h('td', null, u.userId), h('td', null, u.displayName), h('td', null, u.roles.map(r => r.name).join('、')),
          h('td', null, u.department || ''), h('td', null, h('span', { class: 'badge ' + (u.disabled ? 'off' : 'good') }, u.disabled ? '已停用' : '正常')),
          h('td', null, toggle, roles, reset));
      }))));
  };
  const userId = h('input', { type: 'text' });
  const displayName = h('input', { type: 'text' });
  const department = h('input', { type: 'text' });
  const password = h('input', { type: 'password', autocomplete: 'new-password' });
  const roleBoxes = Object.entries(ROLE_NAMES).map(([k, v]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: k }), v));
  const save = h('button', { type: 'submit' }, '保存');
  const form = h('form', { class: 'card', id: 'user-form' }, h('h2', null, '新增用户 / 修改角色'),
    h('div', { class: 'inline' }, field('u-id', '用户名', userId), field('u-name', '姓名', displayName), field('u-dept', '部门（部门审批必填）', department),
      field('u-pass', '初始密码（留空自动生成）', password)), h('fieldset', null, h('legend', null, '角色'), roleBoxes), save);
  let editing = null;
  form.fill = u => {
    editing = u.userId; userId.value = u.userId; userId.disabled = true; displayName.value = u.displayName; displayName.disabled = true;
    department.value = u.department || ''; password.disabled = true;
    roleBoxes.forEach(l => { const i = l.querySelector('input'); i.checked = u.roles.some(r => r.role === i.value); });
    roleBoxes[0].querySelector('input').focus();
  };
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const roles = roleBoxes.map(l => l.querySelector('input')).filter(i => i.checked).map(i => i.value);
    run(save, out, async () => {
      if (editing) {
        await api('PUT', '/api/admin/users/' + editing + '/roles', { roles, department: department.value.trim() || null });
        toast('已修改 ' + editing + ' 的角色');
      } else {
        const r = await api('POST', '/api/admin/users', { userId: userId.value.trim(), displayName: displayName.value.trim(), roles,
          department: department.value.trim() || null, password: password.value || null });
        if (r && r.password) put(out, h('div', { class: 'note' }, '初始密码（仅显示一次）：', h('code', null, r.password)));
        toast('已新增用户 ' + userId.value.trim());
      }
      editing = null; form.reset(); [userId, displayName, password].forEach(i => { i.disabled = false; });
      await load();
    });
  });
  page('用户与角色', out, h('section', { class: 'card' }, list), form);
  await load();
}

async function viewSeals() {
  const out = h('div');
  const list = h('div', { id: 'seal-list' });
  const detail = h('section', { class: 'card', id: 'seal-detail' }, h('p', { class: 'muted' }, '选择一枚印章查看证书与状态。'));
  const canManage = has('SEAL_ADMIN');
  const show = async id => {
    const s = await api('GET', '/api/seals/' + encodeURIComponent(id));
    const cert = s.certificate || {};
    const buttons = [];
    if (canManage) {
      const act = (label, path, body, confirmText, cls) => {
        const b = h('button', { type: 'button', class: cls || 'secondary', id: 'seal-' + path }, label);
        b.addEventListener('click', () => {
          if (confirmText && !confirm(confirmText)) return;
          run(b, out, async () => { await api('POST', '/api/seals/' + s.id + '/' + path, body()); toast(label + '：' + s.displayName); await load(); await show(s.id); });
        });
        return b;
      };
      const reason = h('select', { id: 'revoke-reason' }, ['keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'unspecified']
        .map(r => h('option', { value: r }, { keyCompromise: '密钥泄露', affiliationChanged: '单位变更', superseded: '已被替换', cessationOfOperation: '停止使用', unspecified: '未说明' }[r])));
      if (s.status === 'ACTIVE') buttons.push(act('暂停', 'suspend', () => ({ reason: '管理员暂停' })));
      if (s.status === 'SUSPENDED') buttons.push(act('恢复', 'resume', () => null));
      if (s.status !== 'REVOKED') buttons.push(h('div', { class: 'inline' }, field('revoke-reason-f', '吊销原因', reason),
        h('div', null, act('吊销', 'revoke', () => ({ reason: reason.value }), '吊销后不可恢复，确定吊销「' + s.displayName + '」吗？', ''))));
    }
    put(detail, h('h2', null, s.displayName), h('div', { class: 'sealgrid' },
      h('div', null, h('img', { class: 'sealimg', src: s.links.image, alt: s.displayName + ' 印章图像' })),
      h('dl', { class: 'kv' }, h('dt', null, '编号'), h('dd', null, s.id), h('dt', null, '类别'), h('dd', null, s.kindName),
        h('dt', null, '所属'), h('dd', null, s.owner.name + (s.owner.department ? '（' + s.owner.department + '）' : '')),
        h('dt', null, '状态'), h('dd', { id: 'seal-status' }, SEAL_STATUS[s.status] || s.status, s.statusReason ? '（' + s.statusReason + '）' : ''),
        h('dt', null, '有效期'), h('dd', null, fmtTime(s.validFrom) + ' 至 ' + fmtTime(s.validUntil)),
        h('dt', null, '证书序列号'), h('dd', null, h('code', null, cert.serial || '')),
        h('dt', null, '证书主体'), h('dd', null, cert.subject || ''), h('dt', null, '签发者'), h('dd', null, cert.issuer || ''),
        h('dt', null, '使用角色'), h('dd', null, (s.usage.roles || []).map(r => ROLE_NAMES[r] || r).join('、') || '指定人员'),
        h('dt', null, '证书链'), h('dd', null, h('a', { href: s.links.chain }, '下载 PEM')),
        h('dt', null, '历史证书'), h('dd', null, String((s.history || []).length) + ' 张'))), buttons);
  };
  const load = async () => {
    const seals = (await api('GET', '/api/seals')).seals;
    put(list, h('table', null, h('thead', null, h('tr', null, ['图像', '印章', '类别', '所属', '状态', '有效期至'].map(t => h('th', null, t)))),
      h('tbody', null, seals.map(s => h('tr', null, h('td', null, h('img', { class: 'sealimg small', src: s.links.image, alt: '', loading: 'lazy' })),
        h('td', null, h('a', { href: '#/admin/seals', onclick: ev => { ev.preventDefault(); run(null, out, () => show(s.id)); } }, s.displayName), h('br'), h('small', { class: 'muted' }, s.id)),
        h('td', null, s.kindName), h('td', null, s.owner.name),
        h('td', null, h('span', { class: 'badge ' + (s.status === 'ACTIVE' ? 'good' : 'warn') }, SEAL_STATUS[s.status] || s.status)),
        h('td', null, fmtTime(s.validUntil)))))));
  };
  page('印章管理', out, detail, h('section', { class: 'card' }, list));
  await load();
}

async function viewCatalog() {
  S.items = null;
  const items = await catalogItems();
  const out = h('div');
  const search = h('input', { type: 'search', placeholder: '名称或编码' });
  const table = h('div', { id: 'catalog-list' });
  const editor = h('textarea', { class: 'json', rows: '14', spellcheck: 'false' });
  const save = h('button', { type: 'button' }, '保存事项');
  const show = () => {
    const q = search.value.trim().toLowerCase();
    const hits = items.filter(i => !q || i.name.toLowerCase().includes(q) || i.code.toLowerCase().includes(q));
    put(table, h('table', null, h('thead', null, h('tr', null, ['编码', '名称', '窗口', '部门', '时限', '材料'].map(t => h('th', null, t)))),
      h('tbody', null, hits.map(i => h('tr', null, h('td', null, h('a', { href: '#/admin/catalog', onclick: ev => { ev.preventDefault(); edit(i); } }, i.code)),
        h('td', null, i.name), h('td', null, i.window), h('td', null, i.department),
        h('td', null, i.promisedWorkingDays === 0 ? '即办' : i.promisedWorkingDays + ' 工作日'),
        h('td', null, '主件 ' + i.materials.filter(m => m.kind === 'MAIN').length + ' / 副件 ' + i.materials.filter(m => m.kind !== 'MAIN').length))))));
  };
  let current = null;
  const edit = i => { current = i.code; editor.value = JSON.stringify(i, null, 2); editor.focus(); };
  save.addEventListener('click', () => run(save, out, async () => {
    let item;
    try { item = JSON.parse(editor.value); } catch (e) { throw new ApiError(0, null, 'JSON 格式有误：' + e.message); }
    const existing = current && item.code === current;
    const r = await fetch('/api/catalog/items/' + encodeURIComponent(item.code), { credentials: 'same-origin' });
    const etag = r.ok ? r.headers.get('ETag') : null;
    if (existing && etag) {
      const resp = await fetch('/api/catalog/items/' + encodeURIComponent(item.code), { method: 'PUT', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': S.csrf, 'If-Match': etag }, body: JSON.stringify(item) });
      if (!resp.ok) { const p = await resp.json().catch(() => null); throw new ApiError(resp.status, p, problemText(resp.status, p)); }
    } else {
      await api('POST', '/api/catalog/items', item);
    }
    toast('已保存事项 ' + item.code);
    S.items = null;
  }));
  search.addEventListener('input', show);
  show();
  page('事项目录', h('div', { class: 'card inline' }, field('catalog-search', '查找', search),
    h('div', null, h('a', { class: 'btnlink', href: '/api/catalog/export.json' }, '导出 JSON'), h('a', { class: 'btnlink', href: '/api/catalog/export.csv' }, '导出 CSV'))),
  h('section', { class: 'card' }, table),
  h('section', { class: 'card' }, h('h2', null, '编辑事项（JSON；点编码载入，改编码即为新增）'), editor, save, out));
}

// ------------------------------------------------------------------------------------------------ start

window.addEventListener('hashchange', router);
window.addEventListener('DOMContentLoaded', router);
