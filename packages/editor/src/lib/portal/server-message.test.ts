import { describe, expect, it } from 'vitest';
import { localizedServerMessage } from './server-message.ts';

const TOO_LARGE =
  '文件过大：单个文件不能超过 200 MB。请压缩或拆分后再上传。 The file is larger than the 200 MB limit.';
const WRONG_TYPE =
  "文件内容与扩展名不符：这是 PDF 文档，却以 .docx 命名。请确认文件无误，或按实际类型修改扩展名后重新上传。 The file's content does not match its name: it is a PDF document named .docx.";

describe('localizedServerMessage', () => {
  it('shows the Chinese half to Chinese readers', () => {
    expect(localizedServerMessage(TOO_LARGE, 'zh-CN')).toBe(
      '文件过大：单个文件不能超过 200 MB。请压缩或拆分后再上传。',
    );
    expect(localizedServerMessage(WRONG_TYPE, 'zh-CN')).toMatch(
      /^文件内容与扩展名不符.*重新上传。$/,
    );
  });

  it('shows the English half to English readers', () => {
    expect(localizedServerMessage(TOO_LARGE, 'en')).toBe(
      'The file is larger than the 200 MB limit.',
    );
    expect(localizedServerMessage(WRONG_TYPE, 'en')).toBe(
      "The file's content does not match its name: it is a PDF document named .docx.",
    );
  });

  it('splits where the English follows without a space', () => {
    const empty = '陈述内容为空，不能提交。The statement is empty: write it before submitting.';
    expect(localizedServerMessage(empty, 'zh-CN')).toBe('陈述内容为空，不能提交。');
    expect(localizedServerMessage(empty, 'en')).toBe(
      'The statement is empty: write it before submitting.',
    );
  });

  it('keeps a message that is in one language only', () => {
    expect(localizedServerMessage('Not found.', 'zh-CN')).toBe('Not found.');
    expect(localizedServerMessage('文件为空。', 'en')).toBe('文件为空。');
  });
});
