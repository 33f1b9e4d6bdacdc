// history.test.mjs: the history page in Chromium against the real stack,
// fed a fixture CSV (300 rows from the old Flask tool with naive local
// timestamps, then 30 sysdash rows with a UTC offset). The sampler is off
// (SYSDASH_SAMPLER=0) so the file holds exactly the fixture.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stackWith, stopStacks } from '../lib/stack.mjs';
import { launch, baseURL, openPage, assertClean, nextAnswer, screenshot,
	FIXTURES } from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'metrics.csv');
let browser;

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await stopStacks();
});

/* Pixels of the canvas that are not background: proof that lines were
 * drawn, not just an empty frame. */
function inkedPixels(page) {
	return page.evaluate(() => {
		const c = document.querySelector('#chart canvas');
		const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
		let n = 0;
		for (let i = 3; i < data.length; i += 4)
			if (data[i] > 0)
				n++;
		return n;
	});
}

function cellTexts(page) {
	return page.$$eval('#rows tbody tr', trs => trs.map(tr =>
		[...tr.children].map(td => td.textContent)));
}

/* A CSV of the last 8 days, a row every 30 s, with the machine off for
 * 3 hours two days ago and a one-row CPU spike of 100 % yesterday. */
async function recentCsv(file) {
	const now = Math.floor(Date.now() / 1000);
	const lines = [HEADER];
	const spike = now - 8 * 86400 + 30 * Math.ceil((7 * 86400 + 600) / 30);
	for (let t = now - 8 * 86400; t < now - 5; t += 30) {
		if (t >= now - 2 * 86400 && t < now - 2 * 86400 + 3 * 3600)
			continue;
		const i = (t / 30) | 0;
		const cpu = t === spike ? '100.0' : `${10 + (i % 30)}.5`;
		const ts = new Date(t * 1000).toISOString().replace('Z', '+00:00');
		lines.push(`${ts},${cpu},${40 + (i % 7)}.0,6.00,15.00,${60 + (i % 3)}.0,100.00,250.00,${t % 100000}.0,01:02:03,False,False`);
	}
	await fs.writeFile(file, lines.join('\n') + '\n');
}

const HEADER = 'timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,disk_percent,' +
	'disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,cpu_alert,ram_alert';

/* The window the page asked for and what the chart holds. */
async function chartState(page) {
	return page.$eval('#chart', c => ({ points: Number(c.dataset.points),
		step: Number(c.dataset.step), gaps: Number(c.dataset.gaps),
		since: Number(c.dataset.since), until: Number(c.dataset.until),
		zoomed: c.dataset.zoomed }));
}

/* Clicks a range button (or runs act) and returns the window answer the
 * page received, once drawn. */
async function windowAnswer(page, act) {
	const answer = page.waitForResponse(r => /\/api\/history\?since=/.test(r.url()));
	await act();
	const res = await answer;
	assert.equal(res.status(), 200);
	const body = await res.json();
	await page.waitForFunction(s => document.querySelector('#chart').dataset.since === String(s) &&
		document.body.dataset.loaded === 'data', body.since);
	return { url: res.url(), body };
}

test('history: time windows, drag to zoom, the URL, in French and English', { timeout: 90000 }, async () => {
	const stack = await stackWith({}, { sampler: false });
	await recentCsv(path.join(stack.dataDir, 'metrics.csv'));
	const { ctx, page, log } = await openPage(browser, stack, { timezoneId: 'Europe/Paris' });

	/* no hash: the last 24 h, said in the URL */
	let w = await windowAnswer(page, () => page.goto(baseURL(stack) + 'history'));
	assert.match(w.url, /\/api\/history\?since=-86400&points=300$/);
	assert.match(page.url(), /#range=24h$/);
	assert.equal(await page.getAttribute('[data-range="24h"]', 'aria-pressed'), 'true');
	let c = await chartState(page);
	assert.equal(c.step, 300);
	assert.equal(c.points, w.body.count);
	assert.ok(c.points >= 287 && c.points <= 289, `${c.points} points`);
	assert.equal(c.gaps, 0);
	/* the spike of one row is the max of its bucket */
	assert.equal(w.body.data.filter(p => p.cpu_percent_max === 100).length, 1);
	assert.match(await page.textContent('#range'),
		/^Du \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d au \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d · [\d\u202f\u00a0 ]+ mesures · un point par 5\smin$/);
	assert.ok(await inkedPixels(page) > 5000, 'lines and bands drawn');

	/* the table: the 20 newest rows, newest first */
	const rows = await cellTexts(page);
	assert.equal(rows.length, 20);
	assert.equal(await page.textContent('#table-title'), 'Les 20 mesures les plus récentes');
	const times = await page.$$eval('#rows time', ts => ts.map(t => Date.parse(t.dateTime)));
	for (let i = 1; i < times.length; i++)
		assert.equal(times[i - 1] - times[i], 30000, 'newest first, every row');

	/* 7 days: the 3-hour outage is a gap in the lines */
	w = await windowAnswer(page, () => page.click('[data-range="7d"]'));
	assert.match(w.url, /since=-604800&points=300$/);
	assert.match(page.url(), /#range=7d$/);
	c = await chartState(page);
	assert.equal(c.step, 2040);
	assert.equal(c.points, w.body.count);
	assert.equal(c.gaps, 1, 'one gap');
	assert.equal(await page.getAttribute('[data-range="7d"]', 'aria-pressed'), 'true');
	assert.equal(await page.getAttribute('[data-range="24h"]', 'aria-pressed'), 'false');

	/* hover: the average with the bucket's range */
	const over = await page.locator('#chart .u-over').boundingBox();
	await page.mouse.move(over.x + over.width * 0.8, over.y + over.height / 2);
	const legend = await page.$$eval('#chart .u-legend .u-series', trs =>
		trs.filter(tr => tr.offsetParent !== null).map(tr => tr.querySelector('.u-value').textContent));
	assert.equal(legend.length, 4, 'time and three averages; min and max only shade');
	for (const v of legend.slice(1))
		assert.match(v, /^\d{1,3},\d\s% \(de \d{1,3},\d\s% à \d{1,3},\d\s%\)$/);

	/* drag across a tenth of the plot: that span, fetched at its own resolution */
	assert.equal(await page.isDisabled('#reset-zoom'), true);
	w = await windowAnswer(page, async () => {
		await page.mouse.move(over.x + over.width * 0.5, over.y + 40);
		await page.mouse.down();
		await page.mouse.move(over.x + over.width * 0.6, over.y + 60, { steps: 6 });
		await page.mouse.up();
	});
	const m = /since=(\d+)&until=(\d+)&points=300$/.exec(w.url);
	assert.ok(m, w.url);
	const span = Number(m[2]) - Number(m[1]);
	assert.ok(span > 0.08 * 604800 && span < 0.12 * 604800, `zoomed span ${span}`);
	assert.match(page.url(), new RegExp(`#range=${m[1]}-${m[2]}$`));
	c = await chartState(page);
	assert.equal(c.zoomed, 'true');
	assert.ok(c.step < 2040 && c.step === 60 * Math.ceil(span / 300 / 60), `step ${c.step}`);
	assert.match(await page.textContent('#zoom-range'), /^Zoom : du \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d au /);
	await screenshot(page, 'history-zoomed-1280');

	/* the zoomed URL is shareable: another tab, in English, shows that span */
	const other = await openPage(browser, stack, { locale: 'en-GB' });
	const w2 = await windowAnswer(other.page, () => other.page.goto(page.url()));
	assert.equal(w2.url, w.url);
	assert.equal(await other.page.textContent('[data-range="7d"]'), '7 d');
	assert.match(await other.page.textContent('#range'), / · one point per \d+ mins?$/);
	assert.match(await other.page.textContent('#zoom-range'), /^Zoomed: /);
	/* all: from the oldest row */
	const all = await windowAnswer(other.page, () => other.page.click('[data-range="all"]'));
	assert.match(all.url, /since=all&points=300$/);
	assert.match(other.page.url(), /#range=all$/);
	assert.ok(all.body.since <= Math.floor(Date.now() / 1000) - 8 * 86400);
	assert.equal((await chartState(other.page)).points, all.body.count);
	assert.equal(await other.page.getAttribute('[data-range="all"]', 'aria-pressed'), 'true');
	assertClean(other.log, 'history page in English');
	await other.ctx.close();

	/* reset: back to the 7 days it was zoomed from */
	w = await windowAnswer(page, () => page.click('#reset-zoom'));
	assert.match(page.url(), /#range=7d$/);
	assert.equal((await chartState(page)).zoomed, 'false');
	assert.equal(await page.textContent('#zoom-range'), '');
	/* 1 h: a point per row bucket of 12 s */
	w = await windowAnswer(page, () => page.click('[data-range="1h"]'));
	assert.equal((await chartState(page)).step, 12);
	assert.ok(w.body.data.every(p => p.count === 1));
	await screenshot(page, 'history-1280');
	await page.setViewportSize({ width: 375, height: 800 });
	await page.waitForTimeout(200);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 375, `no sideways scroll at 375 px (${width})`);
	await screenshot(page, 'history-375');
	assertClean(log, 'history page');
	await ctx.close();
});

test('history: an old CSV shows its rows and an empty window, never a wrong chart', { timeout: 60000 }, async () => {
	/* the fixture's naive rows are the old tool's, written in Paris */
	const stack = await stackWith({ TZ: 'Europe/Paris' }, { sampler: false, csv: FIXTURE });
	const { ctx, page, log } = await openPage(browser, stack, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
	await page.goto(baseURL(stack) + 'history#range=6h');
	await page.waitForSelector('body[data-loaded="data"]');
	assert.equal(await page.isVisible('#window-empty'), true);
	assert.equal(await page.textContent('#window-empty'), 'No measurements in this time range.');
	assert.equal((await chartState(page)).points, 0);
	/* naive timestamps are the reader's local time, offset ones an instant */
	const trows = await cellTexts(page);
	assert.equal(trows.length, 20);
	assert.equal(trows[0][0], '28/12/2025 03:14:36', '+01:00 row shown in Tokyo time');
	await windowAnswer(page, () => page.click('[data-range="all"]'));
	assert.equal(await page.isVisible('#window-empty'), false);
	assert.equal((await chartState(page)).gaps, 0);
	const all = await chartState(page);
	assert.ok(all.points > 200, `${all.points} points`);
	/* the window runs from the oldest row to the newest: 16:30:06 to
	 * 19:14:36 in Paris, 00:30 to 03:14 the next day in Tokyo */
	assert.match(await page.textContent('#range'), /^From 28\/12\/2025, 00:(29|30):\d\d to 03:1[45]:\d\d · 330 measurements · one point per 33 secs?$/);
	assertClean(log, 'history page, old CSV');
	await ctx.close();
});

test('history: empty state names the command that starts the exports', { timeout: 60000 }, async () => {
	const stack = await stackWith({}, { sampler: false });
	const { ctx, page, log } = await openPage(browser, stack, { colorScheme: 'dark' });
	await page.goto(baseURL(stack) + 'history');
	await page.waitForSelector('body[data-loaded="empty"]');
	assert.equal(await page.isVisible('#empty'), true);
	assert.equal(await page.isVisible('#content'), false);
	assert.equal(await page.textContent('#empty-title'), 'Pas encore d’historique');
	assert.equal(await page.textContent('#cmd-run'), 'make run');
	assert.equal(await page.textContent('#cmd-sampler'),
		'sysdash-sampler --export-csv data/metrics.csv');
	await screenshot(page, 'history-empty-dark-1280');

	/* once the sampler has written, Refresh shows the data */
	await fs.writeFile(path.join(stack.dataDir, 'metrics.csv'),
		(await fs.readFile(FIXTURE, 'utf8')).split('\n').slice(0, 6).join('\n') + '\n');
	await page.click('#refresh');
	await page.waitForSelector('body[data-loaded="data"]');
	assert.equal((await cellTexts(page)).length, 5);
	assert.equal(await page.textContent('#table-title'), 'Les 5 mesures les plus récentes');
	assertClean(log, 'empty history page');
	await ctx.close();
});

test('history: a backend that is gone is said, not shown as empty', { timeout: 60000 }, async () => {
	const stack = await stackWith({}, { sampler: false, csv: FIXTURE });
	const { ctx, page } = await openPage(browser, stack, { locale: 'es-ES' });
	await page.goto(baseURL(stack) + 'history');
	await page.waitForSelector('body[data-loaded="data"]');
	await stack.stop();
	await page.click('#refresh');
	await page.waitForSelector('body[data-loaded="error"]');
	assert.match(await page.textContent('#error-text'),
		/^Conexión perdida: no se pudo cargar el historial \(servidor inaccesible\)\.$/);
	assert.equal(await page.isVisible('#empty'), false, 'not "no history"');
	assert.equal((await cellTexts(page)).length, 20, 'the rows already shown stay');
	await ctx.close();
});
