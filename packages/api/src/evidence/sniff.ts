import { Readable } from 'node:stream';
import type { BlobStore } from '@rectify/store';
import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type';
import { readPrefix } from './blob-bytes.ts';
import { extensionOf } from './file-name.ts';
import { detectTextCharset } from './text-decode.ts';

export type EvidenceKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'jpeg' | 'png' | 'text';

interface KindInfo {
  /** How a person calls it, Chinese then English. */
  zh: string;
  en: string;
  mime: string;
  extensions: readonly string[];
}

/** The allowlist: what evidence may be. Everything else is refused. */
export const EVIDENCE_KINDS: Record<EvidenceKind, KindInfo> = {
  pdf: { zh: 'PDF 文档', en: 'a PDF document', mime: 'application/pdf', extensions: ['pdf'] },
  docx: {
    zh: 'Word 文档（DOCX）',
    en: 'a Word document (DOCX)',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    zh: 'Excel 表格（XLSX）',
    en: 'an Excel workbook (XLSX)',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  pptx: {
    zh: 'PowerPoint 演示文稿（PPTX）',
    en: 'a PowerPoint presentation (PPTX)',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  jpeg: { zh: 'JPEG 图片', en: 'a JPEG image', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { zh: 'PNG 图片', en: 'a PNG image', mime: 'image/png', extensions: ['png'] },
  text: {
    zh: '纯文本文件',
    en: 'a plain text file',
    mime: 'text/plain',
    extensions: ['txt', 'csv', 'md'],
  },
};

/** Formats that can carry script when opened in a browser: refused whatever they are called. */
const ACTIVE_EXTENSIONS = new Set(['svg', 'svgz', 'html', 'htm', 'xhtml', 'shtml', 'xht', 'mht']);

const ALLOWED_LIST =
  'PDF、Word（DOCX）、Excel（XLSX）、PowerPoint（PPTX）、JPEG/PNG 图片或纯文本（TXT）';
const ALLOWED_LIST_EN =
  'PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), JPEG/PNG images or plain text';

const ACTIVE_MESSAGE =
  '出于安全原因，不接受 SVG 图片和 HTML 网页文件（它们可能包含脚本）。请转为 PDF 或 PNG 后上传。' +
  ' SVG images and HTML pages are not accepted (they can carry scripts); convert to PDF or PNG.';

/** What the bytes of a file are, as far as evidence is concerned. */
export type Sniffed =
  | { kind: EvidenceKind; mime: string }
  | { kind: 'active'; zh: string; en: string }
  | { kind: 'other'; zh: string; en: string };

/** Names for common formats that are not evidence, so the refusal says what the file is. */
const OTHER_NAMES: Record<string, [string, string]> = {
  zip: ['ZIP 压缩包', 'a ZIP archive'],
  rar: ['RAR 压缩包', 'a RAR archive'],
  '7z': ['7z 压缩包', 'a 7z archive'],
  gz: ['gzip 压缩文件', 'a gzip file'],
  gif: ['GIF 图片', 'a GIF image'],
  webp: ['WebP 图片', 'a WebP image'],
  bmp: ['BMP 图片', 'a BMP image'],
  tif: ['TIFF 图片', 'a TIFF image'],
  heic: ['HEIC 图片', 'a HEIC image'],
  cfb: ['旧版 Office 文件（DOC/XLS/PPT）', 'a legacy Office file (DOC/XLS/PPT)'],
  exe: ['Windows 可执行程序', 'a Windows program'],
  elf: ['可执行程序', 'a program'],
  mp4: ['MP4 视频', 'an MP4 video'],
  mov: ['QuickTime 视频', 'a QuickTime video'],
  mp3: ['MP3 音频', 'an MP3 audio file'],
  xml: ['XML 文件', 'an XML file'],
  rtf: ['RTF 文档', 'an RTF document'],
  epub: ['EPUB 电子书', 'an EPUB book'],
  odt: ['OpenDocument 文档', 'an OpenDocument text'],
};

const FILE_TYPE_KINDS: Record<string, EvidenceKind> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  pptx: 'pptx',
  jpg: 'jpeg',
  png: 'png',
};

/** How many bytes are looked at for text and markup. */
const SAMPLE_BYTES = 64 * 1024;

const MARKUP = /<svg[\s>/]|<!doctype\s+html|<html[\s>]|<script[\s>]|<iframe[\s>]|<body[\s>]/i;

/**
 * Decides what a stored blob is from its bytes alone (never its name or the
 * Content-Type the client sent). Office files are ZIPs: file-type tells DOCX,
 * XLSX and PPTX apart by their content types, reading as far into the archive
 * as it needs. Text is text when the sample decodes as UTF-8, UTF-16 (BOM) or
 * GB18030 without NULs; text that is really HTML or SVG is "active".
 */
export async function sniffBlob(blobs: BlobStore, hash: string, size: number): Promise<Sniffed> {
  const sample = await readPrefix(blobs, hash, SAMPLE_BYTES);
  let ft = await fileTypeFromBuffer(sample);
  if (ft?.ext === 'zip' && size > sample.length) {
    const stream = await blobs.get(hash);
    try {
      const web = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
      ft = (await fileTypeFromStream(web)) ?? ft;
    } finally {
      stream.destroy();
    }
  }
  if (ft) {
    const kind = FILE_TYPE_KINDS[ft.ext];
    if (kind) return { kind, mime: EVIDENCE_KINDS[kind].mime };
    if (ft.ext === 'xml' && MARKUP.test(sample.toString('latin1'))) {
      return { kind: 'active', zh: 'SVG 图片', en: 'an SVG image' };
    }
    const [zh, en] = OTHER_NAMES[ft.ext] ?? [
      `${ft.ext.toUpperCase()} 文件`,
      `a ${ft.ext.toUpperCase()} file`,
    ];
    return { kind: 'other', zh, en };
  }
  const charset = detectTextCharset(sample, sample.length >= size);
  if (charset) {
    const head = new TextDecoder(charset).decode(sample.subarray(0, 8192));
    if (/^\s*</.test(head) && MARKUP.test(head)) {
      const svg = /<svg[\s>/]/i.test(head);
      return svg
        ? { kind: 'active', zh: 'SVG 图片', en: 'an SVG image' }
        : { kind: 'active', zh: 'HTML 网页', en: 'an HTML page' };
    }
    return { kind: 'text', mime: `text/plain; charset=${charset}` };
  }
  return { kind: 'other', zh: '无法识别的二进制文件', en: 'an unrecognised binary file' };
}

export type Verdict =
  | { ok: true; kind: EvidenceKind; mime: string }
  | { ok: false; message: string; detected?: string };

/** The evidence kind a file name claims, or a refusal before any byte is read. */
export function judgeName(name: string): Verdict {
  const ext = extensionOf(name);
  if (ACTIVE_EXTENSIONS.has(ext)) return { ok: false, message: ACTIVE_MESSAGE };
  const kind = kindOfExtension(ext);
  if (!kind) {
    const what = ext ? `.${ext} 文件` : '没有扩展名的文件';
    const whatEn = ext ? `.${ext} files` : 'files without an extension';
    return {
      ok: false,
      message: `不支持上传${what}。请上传 ${ALLOWED_LIST}。 ${whatEn} are not accepted; upload ${ALLOWED_LIST_EN}.`,
    };
  }
  return { ok: true, kind, mime: EVIDENCE_KINDS[kind].mime };
}

/** Whether the bytes are what the name says, with a message a person understands when not. */
export function judge(name: string, sniffed: Sniffed): Verdict {
  const byName = judgeName(name);
  if (!byName.ok) return byName;
  if (sniffed.kind === 'active') {
    return { ok: false, message: ACTIVE_MESSAGE, detected: sniffed.en };
  }
  if (sniffed.kind === byName.kind) return { ok: true, kind: sniffed.kind, mime: sniffed.mime };
  const ext = extensionOf(name);
  const actual =
    sniffed.kind === 'other'
      ? { zh: sniffed.zh, en: sniffed.en }
      : { zh: EVIDENCE_KINDS[sniffed.kind].zh, en: EVIDENCE_KINDS[sniffed.kind].en };
  const sep = /^[A-Za-z0-9]/.test(actual.zh) ? ' ' : '';
  return {
    ok: false,
    detected: sniffed.kind === 'other' ? sniffed.en : sniffed.kind,
    message:
      `文件内容与扩展名不符：这是${sep}${actual.zh}，却以 .${ext} 命名。请确认文件无误，或按实际类型修改扩展名后重新上传。` +
      ` The file's content does not match its name: it is ${actual.en} named .${ext}.`,
  };
}

function kindOfExtension(ext: string): EvidenceKind | undefined {
  return (Object.keys(EVIDENCE_KINDS) as EvidenceKind[]).find((k) =>
    EVIDENCE_KINDS[k].extensions.includes(ext),
  );
}

/** Kinds shown inline in the viewer (pdf.js, <img>); everything else is downloaded. */
export function isInlineViewable(mime: string): boolean {
  return mime === 'application/pdf' || mime === 'image/png' || mime === 'image/jpeg';
}

/** The evidence kind of a stored MIME type. */
export function kindOfMime(mime: string): EvidenceKind | undefined {
  if (mime.startsWith('text/plain')) return 'text';
  return (Object.keys(EVIDENCE_KINDS) as EvidenceKind[]).find(
    (k) => EVIDENCE_KINDS[k].mime === mime,
  );
}
