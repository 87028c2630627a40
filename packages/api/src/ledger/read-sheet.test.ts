import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSheet } from './read-sheet.ts';
import { buildXlsx, realisticGb18030Csv, realisticXlsx } from './testing.ts';

describe('readSheet: XLSX', () => {
  it('fills every cell of a merged range with the range’s top-left value', async () => {
    const sheet = await readSheet(await realisticXlsx(), 'ledger.xlsx');
    expect(sheet.format).toBe('xlsx');
    expect(sheet.name).toBe('台账');
    expect(sheet.rows[0]).toEqual(Array(8).fill('XX大学中央巡视整改任务落实情况一览表'));
    // 责任单位 spans E2:F2; the other header cells are merged down over row 3.
    expect(sheet.rows[1]!.slice(3, 7)).toEqual(['整改措施', '责任单位', '责任单位', '完成时限']);
    expect(sheet.rows[2]).toEqual([
      '序号',
      '巡视反馈问题',
      '整改任务',
      '整改措施',
      '牵头单位',
      '协办单位',
      '完成时限',
      '任务类型',
    ]);
    // The problem merged over B4:B6 belongs to each of its rows; C8:C9 likewise.
    expect(sheet.rows.slice(3, 6).map((r) => r[1])).toEqual(Array(3).fill(sheet.rows[3]![1]));
    expect(sheet.rows[8]![2]).toBe('完善教师评价制度');
  });

  it('reads date cells as ISO dates, numbers as written, and trims full-width spaces', async () => {
    const sheet = await readSheet(await realisticXlsx(), 'ledger.xlsx');
    expect(sheet.rows[5]![6]).toBe('2023-03-31');
    expect(sheet.rows[3]![0]).toBe('1');
    expect(sheet.rows[8]![4]).toBe('人事处');
    expect(sheet.rows[8]![5]).toBe('党委宣传部；\n国有资产管理处');
    expect(sheet.rows[6]).toEqual(Array(8).fill(''));
  });

  it('reads rich text, formula results and hyperlinks as their text, and rounds date float noise to the second', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = { richText: [{ text: '教务' }, { text: '处', font: { bold: true } }] };
    ws.getCell('B1').value = { formula: '1+1', result: 2 };
    ws.getCell('C1').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('D1').value = new Date(Date.UTC(2023, 5, 30, 23, 59, 59, 999));
    const sheet = await readSheet(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(sheet.rows).toEqual([['教务处', '2', '链接', '2023-07-01']]);
  });

  it('reads the first worksheet that has data, skipping hidden and empty ones', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明');
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = 'secret';
    wb.addWorksheet('台账').getCell('A1').value = '问题';
    const sheet = await readSheet(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(sheet.name).toBe('台账');
    expect(sheet.rows).toEqual([['问题']]);
  });

  it('decides the format by content, not by the file name', async () => {
    const sheet = await readSheet(await buildXlsx([['问题']]), 'ledger.csv');
    expect(sheet.format).toBe('xlsx');
  });
});

describe('readSheet: CSV', () => {
  it('reads a GB18030 CSV with quoted commas, quotes and line breaks, padded to one width', async () => {
    const sheet = await readSheet(realisticGb18030Csv(), '台账.csv');
    expect(sheet).toMatchObject({ name: 'CSV', format: 'csv', encoding: 'gb18030' });
    expect(sheet.rows).toHaveLength(7);
    expect(sheet.rows.every((r) => r.length === 7)).toBe(true);
    expect(sheet.rows[3]![3]).toBe('修订《干部选拔任用工作实施办法》，落实"凡提四必"');
    expect(sheet.rows[4]![3]).toBe('开展干部档案专项审核,\n建立审核台账');
    expect(sheet.rows[5]).toEqual(Array(7).fill(''));
  });

  it('reads UTF-8 with a BOM the same as without', async () => {
    const text = '问题,任务\r\n甲,乙\r\n';
    const plain = await readSheet(new TextEncoder().encode(text), 'a.csv');
    const bom = await readSheet(
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]),
      'a.csv',
    );
    expect(bom.rows).toEqual(plain.rows);
    expect(plain.rows).toEqual([
      ['问题', '任务'],
      ['甲', '乙'],
    ]);
  });

  it('reads a GBK-only file (GBK is a subset of GB18030)', async () => {
    const sheet = await readSheet(iconv.encode('牵头单位\r\n教务处\r\n', 'gbk'), 'a.csv');
    expect(sheet.rows).toEqual([['牵头单位'], ['教务处']]);
  });
});

describe('readSheet: refusals', () => {
  it('refuses an old binary .xls with a hint to save as .xlsx', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(readSheet(ole, 'ledger.xls')).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringMatching(/\.xlsx/),
    });
  });

  it('refuses a file named .xlsx that is not a workbook, and other file types', async () => {
    await expect(readSheet(new TextEncoder().encode('a,b'), 'x.xlsx')).rejects.toMatchObject({
      code: 'bad_request',
    });
    await expect(readSheet(new TextEncoder().encode('%PDF-1.7'), 'x.pdf')).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
  });

  it('refuses a damaged workbook', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(readSheet(bytes, 'x.xlsx')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses a sheet with more rows than a ledger can have', async () => {
    const csv = new TextEncoder().encode('a\n'.repeat(10_001));
    await expect(readSheet(csv, 'x.csv')).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/too large/),
    });
  });
});
