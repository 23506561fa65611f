import { describe, expect, it } from 'vitest';
import { fragmentFor, splitHighlight } from './highlight';

describe('splitHighlight', () => {
  it('marks the words between the markers', () => {
    expect(splitHighlight('关于<em>量子</em>计算')).toEqual([
      { text: '关于', match: false },
      { text: '量子', match: true },
      { text: '计算', match: false },
    ]);
  });

  it('keeps markup typed by an entrant as inert text, never as elements', () => {
    const pieces = splitHighlight('<img src=x onerror=alert(1)><em>量子</em><script>x</script>');
    expect(pieces.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)>量子<script>x</script>');
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(['量子']);
  });

  it('ignores an unbalanced closing marker', () => {
    expect(splitHighlight('a</em>b')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
    ]);
  });
});

describe('fragmentFor', () => {
  it('finds a sub-field highlight such as title.en', () => {
    expect(fragmentFor([{ field: 'title.en', fragments: ['<em>x</em>'] }], 'title')).toBe('<em>x</em>');
    expect(fragmentFor([], 'title')).toBeNull();
  });
});
