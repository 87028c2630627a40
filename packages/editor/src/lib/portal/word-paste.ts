/**
 * Word puts lists on the clipboard as paragraphs styled `mso-list:l0 level1`
 * with a typed marker ("1.", "•") in a span, not as <ul>/<ol>. This turns
 * them into real lists so a pasted statement keeps its structure; headings
 * and tables already arrive as <h1…h6> and <table>, which the schema keeps.
 * Anything that is not Word HTML passes through untouched.
 */
export function cleanWordHtml(html: string): string {
  if (!/mso-|urn:schemas-microsoft-com|MsoListParagraph/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Word's empty <o:p></o:p> paragraph fillers.
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    if (el.tagName.toLowerCase() === 'o:p' && !el.textContent?.trim()) el.remove();
  }
  let paragraph = nextListParagraph(doc.body);
  while (paragraph) {
    const run: HTMLElement[] = [];
    let cursor: Element | null = paragraph;
    const list = listIdOf(paragraph);
    while (cursor && isListParagraph(cursor) && listIdOf(cursor) === list) {
      run.push(cursor as HTMLElement);
      cursor = nextElement(cursor);
    }
    replaceWithList(doc, run);
    paragraph = nextListParagraph(doc.body);
  }
  return doc.body.innerHTML;
}

function isListParagraph(el: Element): boolean {
  if (el.tagName !== 'P') return false;
  const style = el.getAttribute('style') ?? '';
  return /mso-list:\s*l\d/i.test(style) || /MsoListParagraph/i.test(el.className);
}

function nextListParagraph(root: HTMLElement): Element | undefined {
  return Array.from(root.querySelectorAll('p')).find(isListParagraph);
}

/** The next element sibling, stepping over the comments and whitespace Word leaves between. */
function nextElement(el: Element): Element | null {
  let node = el.nextSibling;
  while (node && node.nodeType !== Node.ELEMENT_NODE) {
    if (node.nodeType === Node.TEXT_NODE && node.textContent?.trim()) return null;
    node = node.nextSibling;
  }
  return node as Element | null;
}

/** Word's list id (`l0`, `l1`): a new id is a new list, even right after another. */
function listIdOf(el: Element): string {
  return /mso-list:\s*(l\d+)/i.exec(el.getAttribute('style') ?? '')?.[1] ?? '';
}

function levelOf(el: Element): number {
  const match = /level(\d)/i.exec(el.getAttribute('style') ?? '');
  return match ? Math.max(1, Number(match[1])) : 1;
}

/** Removes the typed marker and says whether it numbered the item. */
function takeMarker(el: Element): boolean {
  const marker = Array.from(el.querySelectorAll('span')).find((s) =>
    /mso-list:\s*ignore/i.test(s.getAttribute('style') ?? ''),
  );
  let text = '';
  if (marker) {
    text = marker.textContent ?? '';
    marker.remove();
  } else {
    // No marker span: the marker is typed at the start of the text.
    const first = el.firstChild;
    if (first?.nodeType === Node.TEXT_NODE) {
      const match = /^\s*([\d一二三四五六七八九十]+[.)、．]|[a-zA-Z][.)]|[•·▪◦§o-])\s*/u.exec(
        first.textContent ?? '',
      );
      if (match) {
        text = match[1] ?? '';
        first.textContent = (first.textContent ?? '').slice(match[0].length);
      }
    }
  }
  return /^\s*[(（]?([\d]+|[a-zA-Z]|[ivxlcdm]+|[一二三四五六七八九十]+)[.)）、．]/iu.test(
    text.replace(/\u00a0/g, ' '),
  );
}

function replaceWithList(doc: Document, run: HTMLElement[]): void {
  const first = run[0];
  if (!first) return;
  const stack: Array<{ level: number; list: HTMLElement }> = [];
  const roots: HTMLElement[] = [];
  for (const p of run) {
    const level = levelOf(p);
    const ordered = takeMarker(p);
    while (stack.length && (stack.at(-1)?.level ?? 0) > level) stack.pop();
    let top = stack.at(-1);
    const tag = ordered ? 'OL' : 'UL';
    if (top && top.level === level && top.list.tagName !== tag) {
      // Bullets after numbers at the same level: a list of the other kind.
      stack.pop();
      top = stack.at(-1);
    }
    if (!top || top.level < level) {
      const list = doc.createElement(tag.toLowerCase());
      const parentItem = top?.list.lastElementChild;
      if (parentItem) parentItem.append(list);
      else roots.push(list);
      top = { level, list };
      stack.push(top);
    }
    const item = doc.createElement('li');
    const para = doc.createElement('p');
    para.append(...Array.from(p.childNodes));
    item.append(para);
    top.list.append(item);
  }
  first.before(...roots);
  for (const p of run) p.remove();
}
