import { z } from '@hono/zod-openapi';
import { type RichTextJson, richTextSchema } from '@rectify/domain';

/** Bounds on a statement body, so one request cannot cost the server much. */
export const RICH_TEXT_LIMITS = {
  /** Nesting below the doc node (doc > table > row > cell > list > item > paragraph > text is 7). */
  depth: 16,
  children: 5_000,
  nodes: 50_000,
  textChars: 200_000,
} as const;

const NAME = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'not a node or mark name');
const ATTR_VALUE = z.union([
  z.string().max(2_000),
  z.number(),
  z.boolean(),
  z.null(),
  // Table cells keep their column widths as a list of numbers.
  z.array(z.number()).max(100),
]);
const ATTRS = z.record(z.string().max(64), ATTR_VALUE);
const MARK = z.strictObject({ type: NAME, attrs: ATTRS.optional() });

/**
 * One level of the document tree. Built once per level down to a fixed depth
 * (no z.lazy), so a document nested deeper than allowed fails on an unknown
 * key instead of recursing without end.
 */
function nodeAt(depth: number): z.ZodType<RichTextJson> {
  const base = {
    type: NAME,
    text: z.string().max(RICH_TEXT_LIMITS.textChars).optional(),
    marks: z.array(MARK).max(20).optional(),
    attrs: ATTRS.optional(),
  };
  if (depth === 0) return z.strictObject(base);
  return z.strictObject({
    ...base,
    content: z
      .array(nodeAt(depth - 1))
      .max(RICH_TEXT_LIMITS.children)
      .optional(),
  });
}

function measure(node: RichTextJson): { nodes: number; chars: number } {
  let nodes = 0;
  let chars = 0;
  const stack: RichTextJson[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    nodes++;
    chars += n.text?.length ?? 0;
    if (n.content) stack.push(...n.content);
  }
  return { nodes, chars };
}

/**
 * A statement body as the editor sends it (`editor.getJSON()`): bounded in
 * depth, size and text, and valid against the one rich-text schema of the
 * product (unknown node types, misplaced nodes and marks are refused).
 */
export const RichTextBodySchema = nodeAt(RICH_TEXT_LIMITS.depth)
  .superRefine((doc, ctx) => {
    if (doc.type !== 'doc') {
      ctx.addIssue({ code: 'custom', message: 'the body must be a document (type "doc")' });
      return;
    }
    const { nodes, chars } = measure(doc);
    if (nodes > RICH_TEXT_LIMITS.nodes) {
      ctx.addIssue({
        code: 'custom',
        message: `too many elements (over ${RICH_TEXT_LIMITS.nodes})`,
      });
      return;
    }
    if (chars > RICH_TEXT_LIMITS.textChars) {
      ctx.addIssue({
        code: 'custom',
        message: `the text is too long (over ${RICH_TEXT_LIMITS.textChars} characters)`,
      });
      return;
    }
    try {
      richTextSchema().nodeFromJSON(doc).check();
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `not a valid statement document: ${(e as Error).message}`,
      });
    }
  })
  .openapi('RichText', { description: 'ProseMirror/Tiptap JSON (editor.getJSON())' });
