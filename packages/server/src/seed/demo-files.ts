import { crc32, deflateSync } from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';

/**
 * Demo evidence made on the fly, so the repository carries no binary fixtures.
 * The PDF uses a standard font (no CJK glyphs), hence its English text.
 */
export async function demoPdf(title: string, pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  pages.forEach((lines, i) => {
    const page = pdf.addPage([595, 842]);
    page.drawText(title, { x: 56, y: 780, size: 16, font: bold, color: rgb(0.55, 0.1, 0.1) });
    lines.forEach((line, j) => {
      page.drawText(line, { x: 56, y: 740 - j * 22, size: 12, font });
    });
    page.drawText(`Page ${i + 1} of ${pages.length}`, { x: 260, y: 40, size: 10, font });
  });
  // A fixed date keeps the bytes (and so the hash) the same on every seed.
  pdf.setCreationDate(new Date('2024-05-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2024-05-01T00:00:00Z'));
  return pdf.save();
}

/** A small PNG (a photo stand-in: coloured bands), encoded by hand with zlib. */
export function demoPng(width = 480, height = 320): Uint8Array {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      const o = y * row + 1 + x * 3;
      const band = Math.floor((x / width) * 4);
      raw[o] = [200, 230, 120, 60][band]!;
      raw[o + 1] = Math.floor(90 + (y / height) * 120);
      raw[o + 2] = [60, 120, 200, 160][band]!;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A DOCX with a heading and Chinese paragraphs (meeting minutes as evidence). */
export async function demoDocx(title: string, paragraphs: string[]): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Rectify demo',
    title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
          ...paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
