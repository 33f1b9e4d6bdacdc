// actions.js: the maintenance actions panel of the live page. Lists the
// approved actions (api/actions) with their availability, keeps the token
// in sessionStorage only, asks before a cleanup, runs one action at a time
// (POST api/action) and says what happened in the current language, with
// the server's own English words kept as a detail.

import { t, onLangChange, fmtBytes, fmtIn } from './i18n.js';
import { fetchJSON, describeError, setText } from './common.js';

/* The approved names (docs/API.md); anything else the server lists is left out. */
const NAMES = ['flush_dns', 'restart_spooler', 'cleanup_temp', 'cleanup_teams',
	'cleanup_outlook', 'collect_logs'];
const TOKEN_KEY = 'sysdash.actionToken';
/* the server kills a command after 30 s; nginx waits 30 s for a worker */
const RUN_TIMEOUT_MS = 45000;
const ICON = { ok: '✓', error: '✕', warn: '!', info: 'i', running: '' };

const $ = id => document.getElementById(id);

const state = {
	actions: null,     /* [{name, available, reason}] in the server's order */
	enabled: false,    /* the server has an ACTION_TOKEN */
	offReason: '',     /* the server's words when it has none */
	loadError: null,
	running: null,     /* name of the action under way */
	result: null,      /* what the result line shows, rebuilt per language */
	asking: null,      /* name the confirmation dialog is about */
};
let lastButton = null;

const needsConfirm = name => name.startsWith('cleanup_');
const label = name => t(`act_${name}`);

/* ---- token: this tab only ------------------------------------------- */

function storedToken() {
	try {
		return window.sessionStorage.getItem(TOKEN_KEY) || '';
	} catch {
		return ''; /* storage disabled: the field still works */
	}
}

function keepToken(v) {
	try {
		if (v)
			window.sessionStorage.setItem(TOKEN_KEY, v);
		else
			window.sessionStorage.removeItem(TOKEN_KEY);
	} catch {
		/* storage disabled: the token lasts as long as the page */
	}
}

function token() {
	return $('action-token').value.trim();
}

/* ---- the list --------------------------------------------------------- */

function parseList(body) {
	const list = Array.isArray(body.actions) ? body.actions : [];
	const seen = new Set();
	state.actions = [];
	for (const a of list) {
		if (!a || !NAMES.includes(a.name) || seen.has(a.name))
			continue;
		seen.add(a.name);
		state.actions.push({ name: a.name, available: a.available === true,
			reason: typeof a.reason === 'string' ? a.reason : '' });
	}
	/* a server without the "enabled" extra still refuses with 403 itself */
	state.enabled = body.enabled !== false;
	state.offReason = typeof body.disabled_reason === 'string' ? body.disabled_reason : '';
}

function buildList() {
	const ul = $('action-list');
	ul.replaceChildren();
	for (const a of state.actions || []) {
		const li = document.createElement('li');
		li.className = 'action';
		li.dataset.action = a.name;
		li.dataset.available = String(a.available);
		const btn = document.createElement('button');
		btn.type = 'button';
		btn.className = 'btn btn-action';
		btn.id = `act-${a.name}`;
		btn.dataset.action = a.name;
		btn.setAttribute('aria-describedby', `act-${a.name}-desc act-${a.name}-state`);
		btn.addEventListener('click', () => onAction(a.name, btn));
		const desc = document.createElement('p');
		desc.className = 'action-desc';
		desc.id = `act-${a.name}-desc`;
		const st = document.createElement('p');
		st.className = 'action-state';
		st.id = `act-${a.name}-state`;
		li.append(btn, desc, st);
		ul.append(li);
	}
}

function offText() {
	return t(/shorter/i.test(state.offReason) ? 'actions_disabled_short' : 'actions_disabled');
}

/* The server's English sentence, as a tooltip in the page's language. */
function serverTitle(el, text) {
	if (text)
		el.title = t('server_says', { text });
	else
		el.removeAttribute('title');
}

function renderList() {
	const panel = $('actions');
	const ready = state.actions !== null && !state.loadError;
	panel.dataset.state = state.loadError ? 'error' : !ready ? 'loading'
		: state.enabled ? 'ready' : 'off';
	$('action-list').setAttribute('aria-busy', String(!ready || state.running !== null));

	$('actions-error').hidden = !state.loadError;
	if (state.loadError)
		setText($('actions-error-text'), t('actions_load_error',
			{ detail: describeError(state.loadError) }));
	const off = $('actions-off');
	off.hidden = !ready || state.enabled;
	if (!off.hidden) {
		setText(off, offText());
		serverTitle(off, state.offReason);
	}
	$('action-token').disabled = ready && !state.enabled;

	for (const a of state.actions || []) {
		const btn = $(`act-${a.name}`);
		const st = $(`act-${a.name}-state`);
		if (!btn)
			continue;
		setText(btn, label(a.name));
		setText($(`act-${a.name}-desc`), t(`desc_${a.name}`));
		btn.disabled = !state.enabled || !a.available || state.running !== null;
		let kind, text;
		if (state.running === a.name) {
			kind = 'running'; text = t('running', { name: label(a.name) });
		} else if (!a.available) {
			kind = 'unavailable';
			text = t('state_unavailable', { reason: t(`why_${a.name}`) });
		} else if (!state.enabled) {
			kind = 'off'; text = t('state_off');
		} else {
			kind = 'ready'; text = t(needsConfirm(a.name) ? 'state_confirm' : 'state_ready');
		}
		st.dataset.kind = kind;
		btn.closest('li').dataset.state = kind;
		setText(st, text);
		serverTitle(st, a.available ? '' : a.reason);
	}
}

async function loadList() {
	state.loadError = null;
	state.actions = null;
	const li = document.createElement('li');
	li.className = 'action-loading';
	li.dataset.i18n = 'actions_loading';
	li.textContent = t('actions_loading');
	$('action-list').replaceChildren(li);
	renderList();
	try {
		parseList(await fetchJSON('api/actions', 6000));
	} catch (e) {
		state.loadError = e;
	}
	buildList();
	renderList();
}

/* ---- confirmation ------------------------------------------------------- */

function renderDialog() {
	if (!state.asking)
		return;
	setText($('dialog-title'), t('confirm_title', { name: label(state.asking) }));
	setText($('dialog-body'), t(`confirm_${state.asking}`));
}

/* Resolves to true when the user confirms name in the modal dialog. */
function confirmRun(name) {
	const dlg = $('action-dialog');
	state.asking = name;
	renderDialog();
	dlg.returnValue = '';
	return new Promise(resolve => {
		dlg.addEventListener('close', () => {
			state.asking = null;
			resolve(dlg.returnValue === 'ok');
		}, { once: true });
		dlg.showModal();
	});
}

/* ---- running ------------------------------------------------------------ */

async function readAnswer(res) {
	const text = await res.text();
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON (a proxy's page): the text is the detail */
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		body = null;
	const said = body && (typeof body.message === 'string' ? body.message
		: typeof body.error === 'string' ? body.error : '');
	const retry = Number(res.headers.get('Retry-After'));
	return { status: res.status, body, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : 0,
		server: said || text.trim().slice(0, 300) };
}

async function post(name, tok) {
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), RUN_TIMEOUT_MS);
	const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
	if (tok)
		headers.Authorization = `Bearer ${tok}`;
	try {
		const res = await fetch('api/action', { method: 'POST', headers, cache: 'no-store',
			credentials: 'same-origin', body: JSON.stringify({ action: name }),
			signal: ctl.signal });
		return await readAnswer(res);
	} catch (e) {
		return { failed: e.name === 'AbortError' ? 'timeout' : 'network' };
	} finally {
		clearTimeout(timer);
	}
}

async function run(name) {
	const tok = token();
	if (!/^[\x21-\x7e]*$/.test(tok)) {
		state.result = { name, kind: 'token_chars' };
		renderResult();
		return;
	}
	state.running = name;
	state.result = { name, kind: 'running' };
	renderList();
	renderResult();
	const answer = await post(name, tok);
	state.running = null;
	state.result = { name, kind: 'answer', tokenGiven: tok !== '', ...answer };
	if (answer.status === 403 && /actions are disabled/i.test(answer.server)) {
		state.enabled = false;
		state.offReason = answer.server;
	}
	$('action-token').setAttribute('aria-invalid', String(answer.status === 401));
	renderList();
	renderResult();
	/* the button was disabled while it ran, which took the focus away */
	if (lastButton && !lastButton.disabled &&
	    (!document.activeElement || document.activeElement === document.body))
		lastButton.focus();
}

async function onAction(name, btn) {
	if (state.running)
		return;
	lastButton = btn;
	if (needsConfirm(name) && !(await confirmRun(name))) {
		state.result = { name, kind: 'cancelled' };
		renderResult();
		return;
	}
	await run(name);
}

/* ---- the result line ------------------------------------------------------ */

function success(name, b) {
	const n = Number.isSafeInteger(b.files) ? b.files : 0;
	switch (name) {
	case 'cleanup_temp':
	case 'cleanup_teams':
		return t(`res_${name}`, { n, size: fmtBytes(b.bytes) });
	case 'collect_logs':
		return t('res_collect_logs', { path: typeof b.path === 'string' ? b.path : '–',
			size: fmtBytes(b.size) });
	case 'flush_dns':
	case 'restart_spooler':
		return t(`res_${name}`);
	default:
		return t('res_done', { name: label(name) });
	}
}

/* What the server's answer means, in the page's language: {kind, text}. */
function explain(r) {
	const name = label(r.name);
	const b = r.body || {};
	if (r.failed)
		return { kind: 'error', text: t('err_no_answer', { detail: t(`err_${r.failed}`) }) };
	if (r.status === 200 && typeof b.ok === 'boolean') {
		if (b.ok)
			return { kind: 'ok', text: success(r.name, b) };
		const listed = (state.actions || []).find(a => a.name === r.name);
		if (listed && !listed.available && b.message === listed.reason)
			return { kind: 'warn', text: t('res_unavailable', { name,
				reason: t(`why_${r.name}`) }) };
		return { kind: 'error', text: t('res_failed', { name }) };
	}
	switch (r.status) {
	case 401:
		return { kind: 'error', text: t(r.tokenGiven ? 'err_token_wrong' : 'err_token_missing') };
	case 403:
		if (/actions are disabled/i.test(r.server))
			return { kind: 'error', text: offText() };
		if (/origin|cross-site/i.test(r.server))
			return { kind: 'error', text: t('err_origin') };
		return { kind: 'error', text: t('err_refused', { status: r.status }) };
	case 409:
		return { kind: 'warn', text: t('err_busy', { name }) };
	case 429:
		return { kind: 'warn', text: r.retryAfter ?
			t('err_rate_after', { when: fmtIn(r.retryAfter * 1000) }) : t('err_rate') };
	default:
		return { kind: 'error', text: t(r.status >= 500 || r.status === 200 ?
			'err_server' : 'err_refused', { status: r.status }) };
	}
}

function describe(r) {
	switch (r.kind) {
	case 'running':
		return { kind: 'running', text: t('running', { name: label(r.name) }) };
	case 'cancelled':
		return { kind: 'info', text: t('cancelled', { name: label(r.name) }) };
	case 'token_chars':
		return { kind: 'error', text: t('err_token_chars') };
	default:
		return explain(r);
	}
}

function renderResult() {
	const box = $('action-result');
	const r = state.result;
	if (!r) {
		box.dataset.state = 'idle';
		return;
	}
	const d = describe(r);
	box.dataset.state = d.kind;
	box.dataset.action = r.name;
	box.dataset.status = r.status ? String(r.status) : '';
	setText(box.querySelector('.result-icon'), ICON[d.kind]);
	setText(box.querySelector('.result-text'), d.text);
	const detail = r.kind === 'answer' && !r.failed && r.server ? `HTTP ${r.status} · ${r.server}` : '';
	$('action-detail').hidden = !detail;
	setText($('action-detail-text'), detail);
}

/* ---- start ------------------------------------------------------------- */

/* Wires the panel of the live page; call after initI18n. */
export function initActions() {
	if (!$('actions'))
		return;
	const input = $('action-token');
	input.value = storedToken();
	input.addEventListener('input', () => {
		keepToken(token());
		input.removeAttribute('aria-invalid');
	});
	$('token-forget').addEventListener('click', () => {
		input.value = '';
		keepToken('');
		input.removeAttribute('aria-invalid');
		input.focus();
	});
	$('actions-retry').addEventListener('click', loadList);
	const dlg = $('action-dialog');
	$('dialog-ok').addEventListener('click', () => dlg.close('ok'));
	$('dialog-cancel').addEventListener('click', () => dlg.close('cancel'));
	onLangChange(() => {
		renderList();
		renderResult();
		renderDialog();
	});
	loadList();
}
