import type { RichTextJson } from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render.tsx';
import { StatementEditor } from './statement-editor.tsx';

function mount(initial: RichTextJson | null = null) {
  let editor: Editor | undefined;
  const onChange = vi.fn();
  const view = renderApp(() => (
    <StatementEditor
      initial={initial}
      onChange={onChange}
      labelledBy="title"
      onReady={(e) => {
        editor = e;
      }}
    />
  ));
  if (!editor) throw new Error('the editor was not created on mount');
  return { view, editor, onChange };
}

/** Node types of a document, depth first. */
function types(node: RichTextJson): string[] {
  return [node.type, ...(node.content ?? []).flatMap(types)];
}

/** What Word 365 puts on the clipboard, trimmed: a heading, a bulleted and a numbered list, a table. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=ZH-CN>
<!--StartFragment-->
<h2><span lang=ZH-CN>一、整改落实情况</span></h2>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>修订导师制实施办法<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><![endif]>完成导师聘任<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>学院自查<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>学校抽查<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>学院<o:p></o:p></p></td><td><p class=MsoNormal>导师人数<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>文学院<o:p></o:p></p></td><td><p class=MsoNormal>86<o:p></o:p></p></td></tr></table>
<!--EndFragment--></body></html>`;

describe('StatementEditor', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('keeps headings, lists and tables pasted as HTML', () => {
    const { view, editor, onChange } = mount();
    cleanup = view.dispose;
    editor.view.pasteHTML(
      '<h2>一、整改情况</h2><ul><li>修订办法</li><li>聘任导师</li></ul>' +
        '<table><tr><th>学院</th><th>人数</th></tr><tr><td>文学院</td><td>86</td></tr></table>',
    );
    const json = editor.getJSON() as RichTextJson;
    expect(json.content?.[0]).toEqual({
      type: 'heading',
      attrs: { level: 2 },
      content: [{ type: 'text', text: '一、整改情况' }],
    });
    const all = types(json);
    expect(all).toContain('bulletList');
    expect(all.filter((t) => t === 'listItem')).toHaveLength(2);
    expect(all).toContain('table');
    expect(all.filter((t) => t === 'tableHeader')).toHaveLength(2);
    expect(all.filter((t) => t === 'tableCell')).toHaveLength(2);
    expect(editor.getText()).toContain('文学院');
    expect(onChange).toHaveBeenLastCalledWith(json);
  });

  it('turns Word’s clipboard lists into real lists, without their typed markers', () => {
    const { view, editor } = mount();
    cleanup = view.dispose;
    editor.view.pasteHTML(WORD_HTML);
    const json = editor.getJSON() as RichTextJson;
    const top = (json.content ?? []).map((n) => n.type);
    expect(top.slice(0, 4)).toEqual(['heading', 'bulletList', 'orderedList', 'table']);
    const items = (list?: RichTextJson) =>
      (list?.content ?? []).map((li) => li.content?.[0]?.content?.[0]?.text?.trim());
    expect(items(json.content?.[1])).toEqual(['修订导师制实施办法', '完成导师聘任']);
    expect(items(json.content?.[2])).toEqual(['学院自查', '学校抽查']);
    expect(editor.getText()).not.toContain('·');
    expect(types(json).filter((t) => t === 'tableCell')).toHaveLength(4);
  });

  it('shows the hint while empty, and hands out each change as JSON', () => {
    const { view, editor, onChange } = mount();
    cleanup = view.dispose;
    const host = view.container.querySelector('.statement-editor__host');
    expect(host?.classList.contains('statement-editor__host--empty')).toBe(true);
    expect(host?.getAttribute('data-placeholder')).toContain('从 Word 粘贴');
    editor.commands.insertContent('整改');
    expect(host?.classList.contains('statement-editor__host--empty')).toBe(false);
    expect(onChange).toHaveBeenLastCalledWith({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '整改' }] }],
    });
  });

  it('is destroyed with its component', () => {
    const { view, editor } = mount({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '原有内容' }] }],
    });
    expect(editor.getText()).toBe('原有内容');
    view.dispose();
    expect(editor.isDestroyed).toBe(true);
  });
});
