import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import sanitizeHtml from 'sanitize-html';

/** Structure and emphasis only: no scripts, styles, forms, frames or event handlers. */
const SAFE_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Images keep only inline raster data (set by the converter below).
  exclusiveFilter: (frame) =>
    frame.tag === 'img' && !/^data:image\/(png|jpeg|gif);base64,/i.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  },
};

/** Inline only raster images; anything else (EMF, SVG, linked files) is left out. */
const inlineRasterImages = mammoth.images.imgElement(async (image) => {
  if (!/^image\/(png|jpeg|gif)$/.test(image.contentType)) return { src: '' };
  return { src: `data:${image.contentType};base64,${await image.readAsBase64String()}` };
});

/** A DOCX as sanitized HTML for the viewer. */
export async function docxToSafeHtml(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.convertToHtml(
    { buffer: bytes },
    { convertImage: inlineRasterImages, externalFileAccess: false },
  );
  return sanitizeHtml(value, SAFE_HTML);
}

/** Sanitizes HTML with the viewer's allowlist (exported for tests). */
export function sanitizePreviewHtml(html: string): string {
  return sanitizeHtml(html, SAFE_HTML);
}

export interface SheetPreview {
  name: string;
  rows: string[][];
  /** More rows or columns exist than are shown. */
  truncated: boolean;
}

export const SHEET_LIMITS = { sheets: 20, rows: 500, cols: 50 } as const;

/** The first sheets of a workbook as rows of cell text, bounded in rows and columns. */
export async function xlsxToSheets(bytes: Buffer): Promise<SheetPreview[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb.worksheets.slice(0, SHEET_LIMITS.sheets).map((ws) => {
    const rowCount = Math.min(ws.actualRowCount ? ws.rowCount : 0, SHEET_LIMITS.rows);
    const colCount = Math.min(ws.columnCount, SHEET_LIMITS.cols);
    const rows: string[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let col = 1; col <= colCount; col++) cells.push(cellText(row.getCell(col)));
      rows.push(cells);
    }
    return {
      name: ws.name,
      rows,
      truncated: ws.rowCount > SHEET_LIMITS.rows || ws.columnCount > SHEET_LIMITS.cols,
    };
  });
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    const v = cell.value;
    return v === null || v === undefined ? '' : String(v);
  }
}
