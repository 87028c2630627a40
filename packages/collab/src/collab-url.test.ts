import { describe, expect, it } from 'vitest';
import { docNameFromUrl } from './collab-url.ts';

describe('docNameFromUrl', () => {
  it.each([
    ['/collab/review.abc', 'review.abc'],
    ['/collab/review.abc?token=t&x=1', 'review.abc'],
    ['/collab/review.a%62c', 'review.abc'],
    ['/collab/review.abc/extra', 'review.abc/extra'],
    ['/collab/', ''],
    ['/collab', ''],
    ['/collab?token=t', ''],
    ['/collab/%E0%A4%A', '%E0%A4%A'],
  ])('takes %s as %j', (url, name) => {
    expect(docNameFromUrl(url, '/collab')).toBe(name);
  });

  it.each(['/api/rounds', '/collabx/review.abc', '/', '', '/COLLAB/review.abc'])(
    'leaves %j to someone else',
    (url) => {
      expect(docNameFromUrl(url, '/collab')).toBeUndefined();
    },
  );

  it('ignores a trailing slash on the prefix', () => {
    expect(docNameFromUrl('/live/review.abc', '/live/')).toBe('review.abc');
  });
});
