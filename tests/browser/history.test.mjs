// history.test.mjs: the history page in Chromium against the real stack,
// fed a fixture CSV (300 rows from the old Flask tool with naive local
// timestamps, then 30 sysdash rows with a UTC offset). The sampler is off
// (SYSDASH_SAMPLER=0) so the file holds exactly the fixture.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startStack } from '../lib/stack.mjs';
import { launch, baseURL, openPage, assertClean, nextAnswer, screenshot,
	FIXTURES } from './helpers.mjs';

const FIXTURE = path.join(FIXTURES, 'metrics.csv');
let browser;
const stacks = [];

async function stackWith(env, csv) {
	const s = await startStack({ env: { SYSDASH_SAMPLER: '0', ...env } });
	stacks.push(s);
	if (csv)
		await fs.copyFile(csv, path.join(s.dataDir, 'metrics.csv'));
	return s;
}

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await Promise.all(stacks.map(s => s.stop()));
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

test('history: chart and the 20 newest rows from a CSV', { timeout: 60000 }, async () => {
	const stack = await stackWith({}, FIXTURE);
	const { ctx, page, log } = await openPage(browser, stack,
		{ timezoneId: 'Europe/Paris' });
	const answer = page.waitForResponse(r => r.url().includes('/api/history'));
	await page.goto(baseURL(stack) + 'history');
	const res = await answer;
	assert.match(res.url(), /\/api\/history\?limit=300$/);
	const h = await res.json();
	assert.equal(h.count, 300, 'the last 300 of the 330 fixture rows');
	await page.waitForSelector('body[data-loaded="data"]');

	/* the table: 20 rows, newest first, the API's last 20 reversed */
	const rows = await cellTexts(page);
	assert.equal(rows.length, 20);
	assert.equal(await page.textContent('#table-title'), 'Les 20 mesures les plus récentes');
	const fmt = v => new Intl.NumberFormat('fr', { style: 'percent',
		minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 100);
	const newest = h.data.slice(-20).reverse();
	rows.forEach((r, i) => {
		assert.equal(r[1], fmt(newest[i].cpu_percent), `row ${i} CPU`);
		assert.equal(r[2], fmt(newest[i].ram_percent), `row ${i} RAM`);
		assert.equal(r[3], fmt(newest[i].disk_percent), `row ${i} disk`);
		assert.equal(r[4], newest[i].uptime_hms, `row ${i} uptime`);
	});
	/* newest: 2025-12-27T19:14:36.829+01:00 is 19:14:36 in Paris */
	assert.equal(rows[0][0], '27/12/2025 19:14:36');
	assert.equal(rows[19][0], '27/12/2025 19:05:06');
	const times = await page.$$eval('#rows time', ts => ts.map(t => Date.parse(t.dateTime)));
	for (let i = 1; i < times.length; i++)
		assert.ok(times[i] < times[i - 1], 'newest first');

	/* the chart: one canvas with lines, the range and count above it */
	assert.equal(await page.locator('#chart canvas').count(), 1);
	assert.ok(await inkedPixels(page) > 5000, 'lines drawn');
	assert.equal(await page.textContent('#range'),
		'Du 27/12/2025 16:45:06 au 19:14:36 · 300 mesures');

	/* hover: the legend shows the values under the cursor */
	const over = await page.locator('#chart .u-over').boundingBox();
	await page.mouse.move(over.x + over.width / 2, over.y + over.height / 2);
	const legend = await page.$$eval('#chart .u-legend .u-value', v => v.map(e => e.textContent));
	assert.equal(legend.length, 4);
	assert.match(legend[0], /^27\/12\/2025 \d\d:\d\d:\d\d$/);
	for (const v of legend.slice(1))
		assert.match(v, /^\d{1,3},\d\s%$/, 'a value per series');

	/* zoom: drag across a third of the plot, then reset */
	assert.equal(await page.isDisabled('#reset-zoom'), true);
	await page.mouse.move(over.x + over.width * 0.3, over.y + 40);
	await page.mouse.down();
	await page.mouse.move(over.x + over.width * 0.6, over.y + 60, { steps: 6 });
	await page.mouse.up();
	await page.waitForSelector('#chart[data-zoomed="true"]');
	assert.match(await page.textContent('#zoom-range'), /^Zoom : du 27\/12\/2025 \d\d:\d\d:\d\d au \d\d:\d\d:\d\d$/);
	assert.equal(await page.isDisabled('#reset-zoom'), false);
	await screenshot(page, 'history-zoomed-1280');
	await page.click('#reset-zoom');
	await page.waitForSelector('#chart[data-zoomed="false"]');
	assert.equal(await page.textContent('#zoom-range'), '');

	await screenshot(page, 'history-1280');
	await page.setViewportSize({ width: 375, height: 800 });
	await page.waitForTimeout(200);
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 375, `no sideways scroll at 375 px (${width})`);
	await screenshot(page, 'history-375');
	assertClean(log, 'history page');
	await ctx.close();

	/* naive timestamps are the reader's local time, offset ones an instant:
	 * the same file seen from Tokyo */
	const tokyo = await openPage(browser, stack, { timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
	await tokyo.page.goto(baseURL(stack) + 'history');
	await tokyo.page.waitForSelector('body[data-loaded="data"]');
	const trows = await cellTexts(tokyo.page);
	assert.equal(trows[0][0], '28/12/2025 03:14:36', '+01:00 row shown in Tokyo time');
	/* the oldest row shown is naive 16:45:06: the same clock time in Tokyo */
	assert.equal(await tokyo.page.textContent('#range'),
		'From 27/12/2025, 16:45:06 to 28/12/2025, 03:14:36 · 300 measurements');
	assertClean(tokyo.log, 'history page in Tokyo');
	await tokyo.ctx.close();
});

test('history: empty state names the command that starts the exports', { timeout: 60000 }, async () => {
	const stack = await stackWith({});
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
	const stack = await stackWith({}, FIXTURE);
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
