// The import screens with real files: a GBK-encoded customers and deals export with Chinese
// headers, a messy deals file, a file whose headers are not recognised, and a PNG image, all
// opened at once through the picker. The counts below are worked out by hand from the fixtures
// in data/import/ (and agree with `dealscope report`):
//
// customers_gbk.csv   GBK, 客户编号,客户名称,所属行业,区域,规模: 3 rows, all loaded.
// deals_gbk.csv       GBK, 商机编号,客户ID,商机阶段,金额,创建时间,成交日期: 4 rows, all
//                     loaded (amounts ￥120,000 and 8.5万; dates 2025/1/6, 2025年2月3日,
//                     2025.03.01).
// deals_messy.csv     8 rows (a blank line is not a row), 4 loaded:
//                       line 3  M-2 created_at 2025-13-45  rejected: not a date
//                       line 4  M-3 amount empty           flagged: loaded as 0
//                       line 5  M-1 again                  rejected: duplicate of line 2
//                       line 6  M-4 cut short              rejected: created_at empty
//                       line 7  M-5 one value too many     rejected
//                       line 8  M-6 closed_at "someday"    flagged: left empty
// pipeline_export.csv deal_id,stage,amount,Kickoff: no creation date column, so not
//                     recognised (0 loaded) until Kickoff is mapped to created_at: then 3 loaded.
// binary.bin          a PNG image: an error message, nothing loaded.
// empty.csv           0 bytes; truncated.xlsx: a workbook cut off. Each says so.
// workbook_two_sheets.xlsx  sheets "Deals" (3 deals under a title row) and "Customers" (1).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, outputDir, waitForBuilt, waitForMetric } from './harness.mjs';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'import');
const FILES = [
  'customers_gbk.csv',
  'deals_gbk.csv',
  'deals_messy.csv',
  'pipeline_export.csv',
  'empty.csv',
  'truncated.xlsx',
  'binary.bin',
];
/** The header signature of pipeline_export.csv (`ImportReport::header_signature`). */
const PIPELINE_SIGNATURE = '59a2aecdca10a6c9';

let app;

const fileRow = (name) => app.page.locator(`[data-testid=import-report] [data-file="${name}"]`);
const details = (name) =>
  app.page.locator(`[data-testid=import-report] [data-details-for="${name}"]`);

/** The counts of a file's row: `{ kind, rows, loaded, rejected, flagged }`. */
async function counts(name) {
  return fileRow(name).evaluate((row) => ({
    kind: row.dataset.kind,
    rows: Number(row.dataset.rows),
    loaded: Number(row.dataset.loaded),
    rejected: Number(row.dataset.rejected),
    flagged: Number(row.dataset.flagged),
  }));
}

/** Waits until the row of `name` says `loaded` rows were loaded. */
async function waitForLoaded(name, loaded) {
  await app.page.waitForSelector(
    `[data-testid=import-report] [data-file="${name}"][data-loaded="${loaded}"]`,
    { timeout: 15000 },
  );
}

/** Opens files through the picker: names in data/import/, or absolute paths. */
async function openFiles(names) {
  await app.page
    .locator('input[type=file][data-testid=file-input]')
    .setInputFiles(names.map((name) => path.resolve(data, name)));
  await fileRow(path.basename(names.at(-1))).waitFor({ timeout: 15000 });
}

before(async () => {
  app = await openApp({ viewport: { width: 1280, height: 1000 } });
  await waitForMetric(app.page, 'revenue');
  await openFiles(FILES);
});

after(async () => {
  await app?.close();
});

test('GBK files with Chinese headers are recognised and read', async () => {
  assert.deepEqual(await counts('customers_gbk.csv'), {
    kind: 'customers',
    rows: 3,
    loaded: 3,
    rejected: 0,
    flagged: 0,
  });
  assert.deepEqual(await counts('deals_gbk.csv'), {
    kind: 'deals',
    rows: 4,
    loaded: 4,
    rejected: 0,
    flagged: 0,
  });
  for (const name of ['customers_gbk.csv', 'deals_gbk.csv']) {
    assert.equal(await fileRow(name).getAttribute('data-encoding'), 'GB18030');
    assert.equal(
      (await fileRow(name).locator('.read-as').textContent()).trim(),
      'GB18030, comma-separated',
    );
  }

  // The mapping lists every Chinese header with its field.
  const mapping = details('deals_gbk.csv').locator('[data-testid=mapping]');
  await mapping.locator('summary').click();
  const fields = await mapping.locator('select[data-testid=mapping-field]').evaluateAll((selects) =>
    selects.map((s) => [s.dataset.header, s.value]),
  );
  assert.deepEqual(fields, [
    ['商机编号', 'deal_id'],
    ['客户ID', 'customer_id'],
    ['商机阶段', 'stage'],
    ['金额', 'amount'],
    ['创建时间', 'created_at'],
    ['成交日期', 'closed_at'],
  ]);
  assert.equal(await mapping.locator('select[data-testid=mapping-kind]').inputValue(), 'deals');
});

test('the messy file: counts, and every problem row with its line and reason', async () => {
  assert.deepEqual(await counts('deals_messy.csv'), {
    kind: 'deals',
    rows: 8,
    loaded: 4,
    rejected: 4,
    flagged: 2,
  });
  const issues = details('deals_messy.csv').locator('[data-testid=issues]');
  await issues.locator('summary').click();
  const listed = await issues.locator('tr.issue').evaluateAll((rows) =>
    rows.map((row) => [
      Number(row.dataset.line),
      row.dataset.column,
      row.querySelector('.issue-value').textContent,
      row.querySelector('.issue-reason').textContent,
      row.dataset.severity,
    ]),
  );
  assert.deepEqual(listed, [
    [3, 'created_at', '2025-13-45', 'created_at is not a date', 'rejected'],
    [4, 'amount', '', 'amount is empty: loaded as 0', 'flagged'],
    [5, 'deal_id', 'M-1', 'duplicate deal_id M-1, first on line 2', 'rejected'],
    [6, 'created_at', '', 'created_at is empty (required)', 'rejected'],
    [
      7,
      '',
      'oops',
      'row has 8 values but the header has 7 columns (a delimiter inside an unquoted value?)',
      'rejected',
    ],
    [8, 'closed_at', 'someday', 'closed_at is not a date: left empty', 'flagged'],
  ]);
  await waitForBuilt(app.page);
  assert.equal(await issues.locator('[data-testid=issues-more]').count(), 0);
  await app.page
    .locator('[data-testid=import-report]')
    .screenshot({ path: path.join(outputDir, 'import-report.png') });
});

test('files that cannot be read say why, and the others still load', async () => {
  assert.deepEqual(await counts('binary.bin'), {
    kind: 'unknown',
    rows: 0,
    loaded: 0,
    rejected: 0,
    flagged: 0,
  });
  const message = await details('binary.bin').locator('[data-testid=file-error]').textContent();
  assert.equal(
    message,
    'This is a PNG image, not a CSV, Excel (.xlsx) or JSON file. Export the data from the CRM ' +
      'as CSV or Excel (.xlsx) and drop that file instead.',
  );
  await waitForBuilt(app.page);
  assert.equal(
    await details('binary.bin').locator('[data-testid=mapping]').count(),
    0,
    'no mapping for a file without headers',
  );
  const error = (name) => details(name).locator('[data-testid=file-error]').textContent();
  assert.equal(await error('empty.csv'), 'The file is empty (0 bytes). Export it again from the CRM.');
  assert.match(
    await error('truncated.xlsx'),
    /^This Excel file is damaged or incomplete \(.*\); the download may have been cut off\./,
  );
  for (const name of ['empty.csv', 'truncated.xlsx']) {
    assert.equal((await counts(name)).loaded, 0);
  }
  assert.equal(await app.page.locator('[data-testid=import-report] [data-file]').count(), 7);
  assert.equal((await counts('deals_gbk.csv')).loaded, 4);
});

test('the download holds every problem row as UTF-8 CSV with a byte order mark', async () => {
  const button = app.page.locator('[data-testid=download-rejected]');
  assert.equal(await button.getAttribute('data-issues'), '6');
  const [download] = await Promise.all([app.page.waitForEvent('download'), button.click()]);
  assert.equal(download.suggestedFilename(), 'rejected_rows.csv');
  const text = await readFile(await download.path(), 'utf8');
  assert.equal(
    text,
    '\uFEFFfile,line,column,value,reason,severity\n' +
      'deals_messy.csv,3,created_at,2025-13-45,created_at is not a date,rejected\n' +
      'deals_messy.csv,4,amount,,amount is empty: loaded as 0,flagged\n' +
      'deals_messy.csv,5,deal_id,M-1,"duplicate deal_id M-1, first on line 2",rejected\n' +
      'deals_messy.csv,6,created_at,,created_at is empty (required),rejected\n' +
      'deals_messy.csv,7,,oops,row has 8 values but the header has 7 columns ' +
      '(a delimiter inside an unquoted value?),rejected\n' +
      'deals_messy.csv,8,closed_at,someday,closed_at is not a date: left empty,flagged\n',
  );
});

test('an unrecognised file is mapped by hand, and the correction is remembered', async () => {
  assert.deepEqual(await counts('pipeline_export.csv'), {
    kind: 'unknown',
    rows: 3,
    loaded: 0,
    rejected: 0,
    flagged: 0,
  });
  const error = await details('pipeline_export.csv')
    .locator('[data-testid=file-error]')
    .textContent();
  assert.match(error, /It looks closest to a deals file, which also needs created_at\./);

  // The mapping of a file that could not be recognised is open already.
  const mapping = details('pipeline_export.csv').locator('[data-testid=mapping]');
  assert.equal(await mapping.evaluate((d) => d.open), true);
  const apply = mapping.locator('[data-testid=mapping-apply]');
  assert.equal(await apply.isDisabled(), true, 'nothing to apply before a change');
  await mapping.locator('select[data-header="Kickoff"]').selectOption('created_at');
  await apply.click();

  await waitForLoaded('pipeline_export.csv', 3);
  assert.deepEqual(await counts('pipeline_export.csv'), {
    kind: 'deals',
    rows: 3,
    loaded: 3,
    rejected: 0,
    flagged: 2,
  });
  await waitForBuilt(app.page);
  assert.equal(await details('pipeline_export.csv').locator('[data-testid=file-error]').count(), 0);
  // The other files were read again, with the same outcome.
  assert.equal((await counts('deals_messy.csv')).loaded, 4);
  assert.equal((await counts('customers_gbk.csv')).loaded, 3);
  // The correction is kept open and marked, and stored under the file's header signature.
  const corrected = details('pipeline_export.csv').locator('[data-testid=mapping]');
  assert.equal(await corrected.evaluate((d) => d.open), true);
  await corrected.locator('[data-testid=mapping-remembered]').waitFor();
  assert.equal(
    await corrected.locator('select[data-header="Kickoff"]').inputValue(),
    'created_at',
  );
  const stored = await app.page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key)),
    `dealscope.mapping.${PIPELINE_SIGNATURE}`,
  );
  assert.equal(stored.header_signature, PIPELINE_SIGNATURE);
  assert.deepEqual(stored.columns, [{ header: 'Kickoff', field: 'created_at' }]);
});

test('after a reload, a file with the same headers gets the remembered mapping', async () => {
  await app.page.reload({ waitUntil: 'load' });
  await waitForMetric(app.page, 'revenue');
  await openFiles(['pipeline_export.csv']);
  // The files kept before the reload, this one among them, already show 3 rows loaded: wait
  // until the file opened now is read (the picker is busy until then).
  await app.page.waitForSelector('label.file-input:not(.busy)', { state: 'attached' });
  await waitForLoaded('pipeline_export.csv', 3);
  assert.equal((await counts('pipeline_export.csv')).kind, 'deals');
  const mapping = details('pipeline_export.csv').locator('[data-testid=mapping]');
  await waitForBuilt(app.page);
  assert.equal(await mapping.locator('[data-testid=mapping-remembered]').count(), 1);

  // Back to automatic: the correction is forgotten and the file is not recognised again.
  await mapping.locator('summary').click();
  await mapping.locator('[data-testid=mapping-forget]').click();
  await waitForLoaded('pipeline_export.csv', 0);
  assert.equal((await counts('pipeline_export.csv')).kind, 'unknown');
  const stored = await app.page.evaluate(
    (key) => localStorage.getItem(key),
    `dealscope.mapping.${PIPELINE_SIGNATURE}`,
  );
  assert.equal(stored, null);
});

test('a workbook with several sheets: the sheet picker reads another sheet', async () => {
  await openFiles(['workbook_two_sheets.xlsx']);
  const name = 'workbook_two_sheets.xlsx';
  assert.deepEqual(await counts(name), {
    kind: 'deals',
    rows: 3,
    loaded: 3,
    rejected: 0,
    flagged: 1,
  });
  const readAs = async () => (await fileRow(name).locator('.read-as').textContent()).trim();
  assert.equal(await readAs(), 'Excel, sheet “Deals”');

  const mapping = details(name).locator('[data-testid=mapping]');
  await mapping.locator('summary').click();
  const picker = mapping.locator('select[data-testid=mapping-sheet]');
  assert.deepEqual(
    await picker.locator('option').evaluateAll((options) => options.map((o) => o.value)),
    ['Deals', 'Customers'],
  );
  assert.equal(await picker.inputValue(), 'Deals');
  await picker.selectOption('Customers');
  await mapping.locator('[data-testid=mapping-apply]').click();

  await app.page.waitForSelector(`[data-file="${name}"][data-kind="customers"]`, {
    timeout: 15000,
  });
  assert.deepEqual(await counts(name), {
    kind: 'customers',
    rows: 1,
    loaded: 1,
    rejected: 0,
    flagged: 0,
  });
  assert.equal(await readAs(), 'Excel, sheet “Customers”');
  assert.equal(
    await details(name).locator('select[data-testid=mapping-sheet]').inputValue(),
    'Customers',
  );
});

test('a long list of problem rows shows the first 200 and says how many more', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dealscope-import-'));
  try {
    const file = path.join(dir, 'many_bad_dates.csv');
    let text = 'deal_id,stage,amount,created_at\n';
    for (let i = 0; i < 260; i += 1) text += `B-${i},Lead,100,not a date ${i}\n`;
    await writeFile(file, text);
    await openFiles([file]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(await counts('many_bad_dates.csv'), {
    kind: 'deals',
    rows: 260,
    loaded: 0,
    rejected: 260,
    flagged: 0,
  });
  const issues = details('many_bad_dates.csv').locator('[data-testid=issues]');
  await issues.locator('summary').click();
  assert.equal(await issues.locator('tr.issue').count(), 200);
  assert.equal(await issues.locator('tr.issue').last().getAttribute('data-line'), '201');
  assert.equal(
    await issues.locator('[data-testid=issues-more]').textContent(),
    '… and 60 more: download the rejected rows to see them all.',
  );
  const inDownload = Number(
    await app.page.locator('[data-testid=download-rejected]').getAttribute('data-issues'),
  );
  assert.ok(inDownload >= 260, `the download has them all (${inDownload} issues)`);
});

test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.externalRequests, []);
});
