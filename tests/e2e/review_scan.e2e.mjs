// End to end on a scan: a generated report whose truth is known
// (fixtures/digital/*.truth.json), turned into an image-only PDF by
// scripts/corpus/degrade.py (ctest's review_scan_fixture), is extracted and
// served by `nianbao review SCAN.pdf`. In Debian's chromium, headless, with
// the keyboard only, the whole queue is walked: each cell shown is compared
// with the truth and accepted (Enter or a) when right, else set to the truth
// with one of OCR's alternatives (Shift+N), by typing it and Enter, or with
// x Enter when the truth is that nothing is printed. At the end the queue is
// empty, the report is done, the checks that fail are exactly the truth's
// expected_failures (printed errors stay failing) and every cell of the
// database equals the truth. Screenshots of the cell view and the page view
// go to SHOTS_DIR when set (docs/review-cell.png, docs/review-page.png).
//
//   node review_scan.e2e.mjs NIANBAO_BIN SCAN.pdf TRUTH.json
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { currentCell, imageLoaded, openPage, query, startServer } from './lib.mjs';

const [bin, scan, truthFile] = process.argv.slice(2);
assert.ok(bin && scan && truthFile, 'usage: node review_scan.e2e.mjs NIANBAO_BIN SCAN.pdf TRUTH.json');
const truth = JSON.parse(readFileSync(truthFile, 'utf8'));
const shots = process.env.SHOTS_DIR || '';

const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-e2e-scan-'));
const db = path.join(dir, 'scan.sqlite');
let server;
let browser;

function checkKey(k) { return [k.rule, k.row || '', k.col || ''].join('/'); }

// The value shown in the cell view: a number, or null for no number.
async function shownValue(page) {
  const v = await page.locator('#value').getAttribute('data-value');
  return v === '' ? null : Number(v);
}

async function saved(page) {
  return Number(await page.evaluate(() => document.body.dataset.saved || '0'));
}

// Waits until the action saved a correction and the next cell (or the
// empty queue) is shown in full.
async function afterSave(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.saved || '0') > n, before);
  await page.waitForFunction(() => !document.getElementById('empty').hidden ||
    document.getElementById('cell').dataset.cell !== '');
}

const started0 = Date.now();
try {
  const started = startServer(bin, [scan, '--db', db, '--reviewer', 'e2e'], 240000);
  server = started.server;
  const url = await started.url;
  const extracted = Date.now();
  assert.deepEqual(query(db, 'SELECT kind FROM documents'), [['scanned']]);
  const opened = await openPage(url);
  browser = opened.browser;
  const { page, errors } = opened;

  const total = await page.locator('#queue li').count();
  assert.ok(total > 0, 'a scan has cells to review');
  // A cell the extraction did not find is in the queue, never skipped.
  const queued = new Set(await page.locator('#queue li').evaluateAll((lis) => lis.map((l) => l.dataset.cell)));
  for (const [t, r, c] of query(db, 'SELECT table_id, row, col FROM cells WHERE page IS NULL'))
    assert.ok(queued.has([t, r, c].join('.')), `missing cell ${t}.${r}.${c} not in the queue`);

  const did = { accepted: 0, alternative: 0, typed: 0, blank: 0 };
  let cellShot = '';
  let pageShown = false;
  for (let step = 0; await page.locator('#queue li').count() > 0; step++) {
    assert.ok(step <= total + 20, 'the queue does not shrink');
    const id = await currentCell(page);
    assert.ok(id in truth.cells, `${id} is not a cell of the report`);
    const want = truth.cells[id];
    const shown = await shownValue(page);
    const alternatives = await page.locator('#alternatives li').evaluateAll((lis) => lis.map((l) => Number(l.dataset.value)));
    const before = await saved(page);

    // Half way, the page view of the scan: every cell outlined, the corrected ones blue.
    if (!pageShown && step >= Math.floor(total / 2) && (await page.locator('#cell-page').textContent()) !== '?') {
      pageShown = true;
      await page.keyboard.press('p');
      await page.waitForSelector(`#page-cells button[data-cell="${id}"].current`);
      await imageLoaded(page, 'page-image');
      assert.ok(await page.locator('#page-cells button').count() > 20);
      await page.locator('#page-cells button.current').scrollIntoViewIfNeeded();
      if (shots) await page.screenshot({ path: path.join(shots, 'review-page.png') });
      await page.keyboard.press('c');
      await page.waitForSelector('#cell-view:not([hidden])');
    }
    // The cell view's screenshot: a misread cell with its crop, best one
    // that OCR offered alternatives for.
    const shoot = async () => {
      if (!shots || cellShot === 'best' || !(await page.locator('#cell-image').isVisible())) return;
      if (cellShot && alternatives.length === 0) return;
      await imageLoaded(page, 'cell-image');
      await page.screenshot({ path: path.join(shots, 'review-cell.png') });
      cellShot = alternatives.length ? 'best' : 'some';
    };

    if (shown === want) {
      await page.keyboard.press(step % 2 ? 'a' : 'Enter');
      did.accepted++;
    } else if (want !== null && alternatives.includes(want)) {
      await shoot();
      await page.keyboard.press('Shift+Digit' + (alternatives.indexOf(want) + 1));
      did.alternative++;
    } else if (want === null) {
      await page.keyboard.press('x');
      await page.keyboard.press('Enter');
      did.blank++;
    } else {
      await page.keyboard.type(String(want));
      assert.equal(await page.locator('#typed').textContent(), String(want));
      await shoot();
      await page.keyboard.press('Enter');
      did.typed++;
    }
    await afterSave(page, before);
  }

  assert.ok(pageShown, 'the page view was shown');
  // The queue is empty and the report done.
  assert.ok(await page.locator('#empty').isVisible());
  assert.match(await page.locator('#counts').textContent(), /剩余单元格 0 · 未完成报告 0/);
  assert.equal(await page.locator('#documents li[data-done="1"]').count(), 1);
  assert.equal(await page.locator('#documents li[data-done="0"]').count(), 0);
  assert.equal(await page.locator('#doc-state').getAttribute('data-done'), '1');

  // The printed errors still fail, reviewed; nothing else fails.
  const expected = truth.expected_failures.map(checkKey).sort();
  const failing = await page.locator('#doc-checks li[data-status="fail"]').evaluateAll((lis) =>
    lis.map((l) => ({ rule: l.dataset.rule, row: l.dataset.row, col: l.dataset.col, reviewed: l.dataset.reviewed })));
  assert.deepEqual(failing.map(checkKey).sort(), expected);
  for (const k of failing) assert.equal(k.reviewed, '1', checkKey(k) + ' shown as reviewed');
  assert.deepEqual(query(db, "SELECT rule, COALESCE(row, ''), COALESCE(col, '') FROM live_checks WHERE status = 'fail'")
    .map(([rule, row, col]) => checkKey({ rule, row, col })).sort(), expected);

  // Every cell of the database is the truth.
  const stored = Object.fromEntries(query(db, "SELECT table_id || '.' || row || '.' || col, final_value FROM cell_values"));
  assert.deepEqual(Object.keys(stored).sort(), Object.keys(truth.cells).sort());
  const wrong = Object.keys(truth.cells).filter((k) => stored[k] !== truth.cells[k]);
  assert.deepEqual(wrong.map((k) => `${k}: ${stored[k]} != ${truth.cells[k]}`), []);
  assert.deepEqual(errors, []);
  console.log(`review scan e2e: ok — ${total} cells in the queue (accepted ${did.accepted}, alternative ${did.alternative}, ` +
    `typed ${did.typed}, blank ${did.blank}); extraction ${((extracted - started0) / 1000).toFixed(1)} s, ` +
    `review ${((Date.now() - extracted) / 1000).toFixed(1)} s`);
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
