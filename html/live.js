// live.js: the live page. Polls api/status every 2.5 s, fills the cards,
// the alert badge, the trend chart (one uPlot object fed with setData) and
// the latest-measurement table. When the API cannot be reached it says so
// and shows how old the last good data is; it never shows stale data as
// a current alert. The maintenance actions panel lives in actions.js.

import { t, initI18n, onLangChange, fmtPercent, fmtNumber, fmtDate, fmtAge,
	fmtList } from './i18n.js';
import { fetchJSON, parseTimestamp, num, setText, chartOptions, fitChart,
	onSchemeChange } from './common.js';
import { initActions } from './actions.js';

const POLL_MS = 2500;
const TIMEOUT_MS = 4000;
const POINTS = 60;
const STATUS_ICON = { ok: '✓', warn: '!', critical: '✕' };

const $ = id => document.getElementById(id);

const state = {
	data: null,       /* last good /api/status answer */
	when: null,       /* Date of its measurement */
	okAt: 0,          /* Date.now() when it arrived */
	lost: false,      /* the last poll failed */
	xs: [], cpu: [], ram: [],
};
let chart = null;
let pollTimer = 0;

/* ---- chart --------------------------------------------------------- */

function chartHeight() {
	return $('chart').clientWidth < 560 ? 200 : 320;
}

function buildChart() {
	if (chart) {
		chart.destroy();
		chart = null;
	}
	if (typeof uPlot !== 'function' || state.xs.length === 0)
		return;
	const box = $('chart');
	const opts = chartOptions([
		{ key: 'cpu', label: 'series_cpu' },
		{ key: 'ram', label: 'series_ram' },
	], Math.max(200, box.clientWidth), chartHeight(), {
		/* a steady window: points enter at the right and move left */
		minSpan: (POINTS - 1) * POLL_MS / 1000,
		uplot: { cursor: { drag: { x: false, y: false }, points: { size: 7 } } },
	});
	chart = new uPlot(opts, [state.xs, state.cpu, state.ram], box);
	$('chart-empty').hidden = true;
}

/* Adds one point; the same measurement seen twice replaces itself, a
 * slightly older one (each FastCGI worker samples on its own) is left out,
 * and a server clock that went back a minute or more starts afresh. */
function pushPoint(x, cpu, ram) {
	const n = state.xs.length;
	if (n > 0 && x < state.xs[n - 1] - 60) {
		state.xs.length = state.cpu.length = state.ram.length = 0;
	} else if (n > 0 && x < state.xs[n - 1]) {
		return;
	} else if (n > 0 && x === state.xs[n - 1]) {
		state.cpu[n - 1] = cpu;
		state.ram[n - 1] = ram;
		return;
	}
	state.xs.push(x);
	state.cpu.push(cpu);
	state.ram.push(ram);
	while (state.xs.length > POINTS) {
		state.xs.shift();
		state.cpu.shift();
		state.ram.shift();
	}
}

function updateChart() {
	if (!chart)
		buildChart();
	else
		chart.setData([state.xs, state.cpu, state.ram]);
	$('chart').dataset.points = String(state.xs.length);
}

/* Seeds the chart with the server's last few minutes (the window the
 * chart shows, one point per CSV row: since=-N with points enough for a
 * row a second), so it is not empty on arrival. Times are the server's
 * own, never the browser's clock. */
async function prefill() {
	if (state.xs.length === 0)
		return;
	const first = state.xs[0];
	const span = Math.ceil((POINTS - 1) * POLL_MS / 1000) + 5;
	let h;
	try {
		h = await fetchJSON(`api/history?since=-${span}&points=1000`, 2000);
	} catch {
		return; /* optional: the live polls fill the chart anyway */
	}
	const rows = [];
	for (const row of Array.isArray(h.data) ? h.data : []) {
		const d = parseTimestamp(row && row.timestamp);
		const x = d ? d.getTime() / 1000 : NaN;
		if (x >= first - (POINTS - 1) * POLL_MS / 1000 && x < first &&
		    (rows.length === 0 || x > rows[rows.length - 1][0]))
			rows.push([x, num(row.cpu_percent), num(row.ram_percent)]);
	}
	const keep = rows.slice(-(POINTS - state.xs.length));
	if (keep.length === 0 || state.xs[0] !== first)
		return;
	state.xs.unshift(...keep.map(r => r[0]));
	state.cpu.unshift(...keep.map(r => r[1]));
	state.ram.unshift(...keep.map(r => r[2]));
	updateChart();
}

/* ---- rendering ------------------------------------------------------ */

function threshold(m, which) {
	return num(m[`${which}_alert_threshold`]) ??
		num(m.thresholds && m.thresholds[which]);
}

function alertItems(m) {
	const items = [];
	const alerts = m.alerts || {};
	for (const [key, label, value] of [['cpu', 'series_cpu', m.cpu_percent],
		['ram', 'series_ram', m.ram_percent]]) {
		if (alerts[key] !== true)
			continue;
		const thr = threshold(m, key);
		items.push(t(thr === null ? 'alert_item_nothr' : 'alert_item', {
			name: t(label), value: fmtPercent(num(value)),
			threshold: fmtPercent(thr, 0) }));
	}
	return items;
}

function renderBadge() {
	const badge = $('badge');
	const m = state.data;
	let kind, icon, text;
	if (state.lost) {
		kind = 'unknown'; icon = '?'; text = t('badge_unknown');
	} else if (!m) {
		kind = 'waiting'; icon = '…'; text = t('badge_waiting');
	} else {
		const items = alertItems(m);
		const on = items.length > 0 || m.alert_active === true;
		kind = on ? 'alert' : 'ok';
		icon = on ? '⚠' : '✓';
		text = on ? t('badge_alert', { list: items.length ? fmtList(items) : '–' })
			: t('badge_ok');
	}
	badge.className = `badge badge-${kind}`;
	badge.dataset.state = kind;
	setText(badge.querySelector('.badge-icon'), icon);
	setText(badge.querySelector('.badge-text'), text);
}

function renderConn() {
	const conn = $('conn');
	let kind, stateText, detail;
	if (state.lost) {
		kind = 'lost';
		stateText = t('conn_lost');
		detail = [state.data ? t('conn_last', { age: fmtAge(Date.now() - state.okAt) })
			: t('conn_never'), t('conn_retry', { s: fmtNumber(POLL_MS / 1000, 1) })]
			.join(' · ');
	} else if (state.data) {
		kind = 'ok';
		stateText = t('conn_ok');
		detail = t('conn_updated', { age: fmtAge(Date.now() - state.okAt) });
	} else {
		kind = 'waiting';
		stateText = t('conn_connecting');
		detail = '';
	}
	conn.className = `conn conn-${kind}`;
	conn.dataset.state = kind;
	setText(conn.querySelector('.conn-state'), stateText);
	setText(conn.querySelector('.conn-detail'), detail);
	document.body.classList.toggle('is-stale', state.lost && !!state.data);
	$('latest-stale').hidden = !(state.lost && state.data);
}

function setBar(id, pct) {
	const v = num(pct);
	$(id).style.width = `${v === null ? 0 : Math.min(100, Math.max(0, v))}%`;
}

function renderFlag(card, flag, on, thr) {
	const show = on && !state.lost;
	$(card).classList.toggle('is-alert', show);
	$(flag).hidden = !show;
	if (show)
		setText($(flag), '⚠ ' + (thr === null ? t('flag_over')
			: t('flag_over_thr', { threshold: fmtPercent(thr, 0) })));
}

function gibPair(used, total) {
	return t('gib_pair', { used: fmtNumber(num(used), 2), total: fmtNumber(num(total), 2) });
}

function renderCards() {
	const m = state.data;
	if (!m)
		return;
	const h = m.health || {};
	const status = ['ok', 'warn', 'critical'].includes(h.status) ? h.status : 'none';
	const score = num(h.score);
	$('card-health').dataset.status = status;
	setText($('score'), score === null ? '–' : fmtNumber(score, 0));
	$('score').parentElement.setAttribute('aria-label',
		t('score_aria', { score: score === null ? '–' : fmtNumber(score, 0) }));
	setText($('card-health').querySelector('.status-icon'), STATUS_ICON[status] || '');
	setText($('status-text'), status === 'none' ? '–' : t(`status_${status}`));
	const c = h.components || {};
	setText($('components'), t('components', { cpu: fmtNumber(num(c.cpu), 0),
		ram: fmtNumber(num(c.ram), 0), disk: fmtNumber(num(c.disk), 0) }));

	const alerts = m.alerts || {};
	setText($('cpu'), fmtPercent(num(m.cpu_percent)));
	setBar('cpu-bar', m.cpu_percent);
	const cores = num(m.cpu_count);
	const load = Array.isArray(m.load_average) ? num(m.load_average[0]) : null;
	setText($('cpu-sub'), [cores === null ? '' : t('cpu_cores', { n: cores }),
		load === null ? '' : t('load', { load: fmtNumber(load, 2) })]
		.filter(Boolean).join(' · '));
	renderFlag('card-cpu', 'cpu-flag', alerts.cpu === true, threshold(m, 'cpu'));

	setText($('ram'), fmtPercent(num(m.ram_percent)));
	setBar('ram-bar', m.ram_percent);
	setText($('ram-sub'), t('used_of', { used: fmtNumber(num(m.ram_used_gib), 2),
		total: fmtNumber(num(m.ram_total_gib), 2) }));
	renderFlag('card-ram', 'ram-flag', alerts.ram === true, threshold(m, 'ram'));

	setText($('disk'), fmtPercent(num(m.disk_percent)));
	setBar('disk-bar', m.disk_percent);
	setText($('disk-sub'), t('used_of', { used: fmtNumber(num(m.disk_used_gib), 2),
		total: fmtNumber(num(m.disk_total_gib), 2) }));

	setText($('uptime'), typeof m.uptime_hms === 'string' ? m.uptime_hms : '–');
	const up = num(m.uptime_seconds);
	const ref = state.when || new Date(state.okAt);
	setText($('uptime-sub'), up === null ? '' :
		t('up_since', { date: fmtDate(new Date(ref.getTime() - up * 1000), 'minute') }));

	const host = typeof m.hostname === 'string' && m.hostname ? m.hostname : '';
	$('host').hidden = !host;
	setText($('host'), host ? t('host', { host }) : '');
}

function yesNo(v) {
	if (typeof v !== 'boolean')
		return '–';
	return v ? `⚠ ${t('yes')}` : t('no');
}

function renderLatest() {
	const m = state.data;
	if (!m)
		return;
	const alerts = m.alerts || {};
	setText($('l-time'), state.when ? fmtDate(state.when, 'full') : String(m.timestamp ?? '–'));
	setText($('l-cpu'), fmtPercent(num(m.cpu_percent)));
	setText($('l-ram'), fmtPercent(num(m.ram_percent)));
	setText($('l-ram-gib'), gibPair(m.ram_used_gib, m.ram_total_gib));
	setText($('l-disk'), fmtPercent(num(m.disk_percent)));
	setText($('l-disk-gib'), gibPair(m.disk_used_gib, m.disk_total_gib));
	setText($('l-uptime'), typeof m.uptime_hms === 'string' ? m.uptime_hms : '–');
	setText($('l-cpu-alert'), yesNo(alerts.cpu));
	setText($('l-ram-alert'), yesNo(alerts.ram));
}

function renderAll() {
	renderBadge();
	renderConn();
	renderCards();
	renderLatest();
	setText($('chart-sub'), t('chart_live_sub', { n: POINTS }));
	setText($('footer-refresh'), t('footer_refresh', { s: fmtNumber(POLL_MS / 1000, 1) }));
}

/* ---- polling -------------------------------------------------------- */

function looksLikeStatus(m) {
	return num(m.cpu_percent) !== null && num(m.ram_percent) !== null;
}

let inFlight = false;

async function poll() {
	if (inFlight)
		return;
	inFlight = true;
	clearTimeout(pollTimer);
	try {
		const m = await fetchJSON('api/status', TIMEOUT_MS);
		if (!looksLikeStatus(m))
			throw new Error('format');
		state.data = m;
		state.okAt = Date.now();
		state.when = parseTimestamp(m.timestamp);
		state.lost = false;
		const x = (state.when ? state.when.getTime() : state.okAt) / 1000;
		pushPoint(x, num(m.cpu_percent), num(m.ram_percent));
	} catch {
		const n = state.xs.length;
		if (!state.lost && n > 0) {
			/* a gap in the lines marks the outage */
			pushPoint(state.xs[n - 1] + 0.001, null, null);
		}
		state.lost = true;
	} finally {
		inFlight = false;
		/* scheduled before drawing: a drawing bug must not stop the polls */
		pollTimer = setTimeout(poll, POLL_MS);
	}
	renderAll();
	updateChart();
}

function start() {
	initI18n();
	renderAll();
	onLangChange(() => {
		renderAll();
		buildChart();
	});
	onSchemeChange(buildChart);
	fitChart(() => chart, $('chart'), chartHeight);
	/* the "updated … ago" text keeps moving between polls */
	setInterval(renderConn, 1000);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible')
			poll();
	});
	poll().then(prefill);
	initActions();
}

start();
