// history.js: the history page. Reads api/history?limit=300 once (and on
// "Refresh"), draws CPU/RAM/disk with uPlot (hover values in the legend,
// drag to zoom) and lists the 20 newest rows, newest first, in local time.
// With no history it shows how to start the exports.

import { t, initI18n, onLangChange, fmtPercent, fmtDate } from './i18n.js';
import { fetchJSON, describeError, parseTimestamp, num, setText,
	chartOptions, fitChart, onSchemeChange } from './common.js';

const LIMIT = 300;
const TABLE_ROWS = 20;

const $ = id => document.getElementById(id);

const state = {
	rows: null,       /* [{date, cpu, ram, disk, hms}] oldest first */
	loadedAt: null,
	error: null,
	zoom: null,       /* [min, max] while zoomed */
};
let chart = null;

/* Keeps rows with a readable timestamp, oldest first, one per instant
 * (uPlot needs strictly increasing x). */
function cleanRows(data) {
	const rows = [];
	for (const r of Array.isArray(data) ? data : []) {
		const date = r && parseTimestamp(r.timestamp);
		if (!date)
			continue;
		rows.push({ date, cpu: num(r.cpu_percent), ram: num(r.ram_percent),
			disk: num(r.disk_percent),
			hms: typeof r.uptime_hms === 'string' ? r.uptime_hms : '–' });
	}
	rows.sort((a, b) => a.date - b.date);
	return rows.filter((r, i) => i === 0 || r.date - rows[i - 1].date > 0);
}

/* ---- chart ---------------------------------------------------------- */

function chartHeight() {
	return $('chart').clientWidth < 560 ? 240 : 340;
}

function fmtSpan(min, max) {
	const a = new Date(min * 1000), b = new Date(max * 1000);
	const sameDay = a.toDateString() === b.toDateString();
	return { from: fmtDate(a, 'short'), to: fmtDate(b, sameDay ? 'time' : 'short') };
}

function renderZoom(u) {
	const xs = u.data[0];
	const { min, max } = u.scales.x;
	const zoomed = xs.length > 1 && min != null &&
		(min > xs[0] + 0.5 || max < xs[xs.length - 1] - 0.5);
	state.zoom = zoomed ? [min, max] : null;
	$('reset-zoom').disabled = !zoomed;
	$('chart').dataset.zoomed = zoomed ? 'true' : 'false';
	setText($('zoom-range'), zoomed ? t('hist_zoomed', fmtSpan(min, max)) : '');
}

function buildChart() {
	if (chart) {
		chart.destroy();
		chart = null;
	}
	const rows = state.rows;
	if (typeof uPlot !== 'function' || !rows || rows.length === 0)
		return;
	const box = $('chart');
	const data = [rows.map(r => r.date.getTime() / 1000), rows.map(r => r.cpu),
		rows.map(r => r.ram), rows.map(r => r.disk)];
	const opts = chartOptions([
		{ key: 'cpu', label: 'series_cpu' },
		{ key: 'ram', label: 'series_ram' },
		{ key: 'disk', label: 'series_disk' },
	], Math.max(200, box.clientWidth), chartHeight(), {
		minSpan: 60,
		pad: 30,
		uplot: { hooks: { setScale: [(u, key) => { if (key === 'x') renderZoom(u); }] } },
	});
	const zoom = state.zoom;
	chart = new uPlot(opts, data, box);
	if (zoom)
		chart.setScale('x', { min: zoom[0], max: zoom[1] });
	else
		renderZoom(chart);
}

function resetZoom() {
	const xs = chart && chart.data[0];
	if (xs && xs.length)
		chart.setScale('x', { min: xs[0], max: xs[xs.length - 1] });
}

/* ---- table and texts ------------------------------------------------ */

function cell(text, cls) {
	const td = document.createElement('td');
	td.textContent = text;
	if (cls)
		td.className = cls;
	return td;
}

function renderTable() {
	const rows = state.rows || [];
	const newest = rows.slice(-TABLE_ROWS).reverse();
	const body = $('rows').tBodies[0];
	body.replaceChildren(...newest.map(r => {
		const tr = document.createElement('tr');
		const th = document.createElement('th');
		th.scope = 'row';
		const time = document.createElement('time');
		time.dateTime = r.date.toISOString();
		/* date and time as two spans so narrow screens can stack them */
		const day = document.createElement('span');
		day.className = 'd';
		day.textContent = fmtDate(r.date, 'day') + ' ';
		time.append(day, fmtDate(r.date, 'time'));
		th.append(time);
		tr.append(th, cell(fmtPercent(r.cpu), 'num'), cell(fmtPercent(r.ram), 'num'),
			cell(fmtPercent(r.disk), 'num'), cell(r.hms, 'num mono opt'));
		return tr;
	}));
	setText($('table-title'), t('table_title', { n: newest.length }));
}

function renderTexts() {
	const rows = state.rows;
	if (rows && rows.length) {
		const span = fmtSpan(rows[0].date.getTime() / 1000,
			rows[rows.length - 1].date.getTime() / 1000);
		setText($('range'), `${t('hist_range', span)} · ${t('hist_count', { n: rows.length })}`);
	}
	setText($('updated'), state.loadedAt ?
		t('hist_updated', { time: fmtDate(state.loadedAt, 'time') }) : '');
	if (state.error)
		setText($('error-text'), t('hist_error', { detail: describeError(state.error) }));
	if (chart)
		renderZoom(chart);
}

function renderVisibility() {
	const has = state.rows !== null;
	$('loading').hidden = has || state.error !== null;
	$('error').hidden = state.error === null;
	$('empty').hidden = !(has && state.rows.length === 0);
	$('content').hidden = !(has && state.rows.length > 0);
}

function renderAll() {
	renderVisibility();
	renderTable();
	renderTexts();
}

/* ---- loading -------------------------------------------------------- */

async function load() {
	$('refresh').disabled = true;
	try {
		const h = await fetchJSON(`api/history?limit=${LIMIT}`, 8000);
		if (!Array.isArray(h.data))
			throw new Error('format');
		state.rows = cleanRows(h.data);
		state.loadedAt = new Date();
		state.error = null;
		state.zoom = null;
	} catch (e) {
		state.error = e;
	}
	$('refresh').disabled = false;
	renderAll();
	buildChart();
	document.body.dataset.loaded = state.error ? 'error'
		: state.rows.length ? 'data' : 'empty';
}

function start() {
	initI18n();
	onLangChange(() => {
		renderAll();
		buildChart();
	});
	onSchemeChange(buildChart);
	fitChart(() => chart, $('chart'), chartHeight);
	$('refresh').addEventListener('click', load);
	$('retry').addEventListener('click', load);
	$('reset-zoom').addEventListener('click', resetZoom);
	load();
}

start();
