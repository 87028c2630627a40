import { defaultFramework } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { taggableQuestions } from './framework.ts';
import { cardKeyAction, isTextEntry, QUESTION_KEYS, workspaceKeyAction } from './keymap.ts';

const QUESTIONS = taggableQuestions(defaultFramework).map((q) => q.code);
const STEPS = defaultFramework.methodSteps.map((s) => s.code);
const card = (e: Parameters<typeof cardKeyAction>[0]) => cardKeyAction(e, QUESTIONS, STEPS);

describe('card keys', () => {
  it('toggle Q1–Q12 with 1–9, 0, - and =', () => {
    const codes = QUESTION_KEYS.map((key) => card({ key }));
    expect(codes).toEqual(
      ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11', 'Q12'].map((code) => ({
        kind: 'toggleQuestion',
        code,
      })),
    );
  });

  it('follow the round’s question order, and a key past the last question does nothing', () => {
    expect(cardKeyAction({ key: '1' }, ['Q5', 'Q2'], STEPS)).toEqual({
      kind: 'toggleQuestion',
      code: 'Q5',
    });
    expect(cardKeyAction({ key: '3' }, ['Q5', 'Q2'], STEPS)).toBeUndefined();
  });

  it('set S1/S2/S3 with Alt+1/2/3, by physical key so macOS’s Option symbols work', () => {
    expect(card({ key: '1', code: 'Digit1', altKey: true })).toEqual({
      kind: 'setStep',
      code: 'S1',
    });
    expect(card({ key: '™', code: 'Digit2', altKey: true })).toEqual({
      kind: 'setStep',
      code: 'S2',
    });
    expect(card({ key: '£', code: 'Digit3', altKey: true })).toEqual({
      kind: 'setStep',
      code: 'S3',
    });
    expect(card({ key: '4', code: 'Digit4', altKey: true })).toBeUndefined();
    expect(card({ key: '0', code: 'Digit0', altKey: true })).toBeUndefined();
  });

  it('read the physical key when the layout shifts digits (AZERTY "&" is Digit1)', () => {
    expect(card({ key: '&', code: 'Digit1' })).toEqual({ kind: 'toggleQuestion', code: 'Q1' });
    expect(card({ key: '!', code: 'Digit1', shiftKey: true })).toBeUndefined();
  });

  it('leave browser and system shortcuts alone', () => {
    expect(card({ key: '1', ctrlKey: true })).toBeUndefined();
    expect(card({ key: '=', metaKey: true })).toBeUndefined();
    expect(card({ key: 'a' })).toBeUndefined();
  });
});

describe('workspace keys', () => {
  it('move with J / K and create with Ctrl/⌘+M', () => {
    expect(workspaceKeyAction({ key: 'j' })).toBe('next');
    expect(workspaceKeyAction({ key: 'K', shiftKey: true })).toBe('previous');
    expect(workspaceKeyAction({ key: 'm', ctrlKey: true })).toBe('newAnnotation');
    expect(workspaceKeyAction({ key: 'µ', code: 'KeyM', metaKey: true })).toBe('newAnnotation');
    expect(workspaceKeyAction({ key: 'j', ctrlKey: true })).toBeUndefined();
    expect(workspaceKeyAction({ key: 'm' })).toBeUndefined();
  });

  it('know where the user is typing', () => {
    const editable = document.createElement('div');
    editable.contentEditable = 'true';
    document.body.append(editable);
    expect(isTextEntry(editable)).toBe(true);
    expect(isTextEntry(document.createElement('textarea'))).toBe(true);
    expect(isTextEntry(document.createElement('input'))).toBe(true);
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(isTextEntry(checkbox)).toBe(false);
    expect(isTextEntry(document.createElement('button'))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
    editable.remove();
  });
});
