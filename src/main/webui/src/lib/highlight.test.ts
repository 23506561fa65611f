import { describe, expect, it } from 'vitest';
import { decodeEntities, fragmentFor, splitHighlight } from './highlight';

describe('splitHighlight', () => {
  it('marks the words between the markers', () => {
    expect(splitHighlight('关于<em>量子</em>计算')).toEqual([
      { text: '关于', match: false },
      { text: '量子', match: true },
      { text: '计算', match: false },
    ]);
  });

  it('keeps markup typed by an entrant as inert text, never as elements', () => {
    // As the service sends it: the document's text escaped, the markers not.
    const pieces = splitHighlight('&lt;img src=x onerror=alert(1)&gt;<em>量子</em>&lt;script&gt;x&lt;/script&gt;');
    expect(pieces.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)>量子<script>x</script>');
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(['量子']);
  });

  it('shows < and & as the entrant typed them, not as entities', () => {
    expect(splitHighlight('a &lt; b &amp; <em>量子</em> &quot;c&quot; &#39;d&#39; &gt;')).toEqual([
      { text: 'a < b & ', match: false },
      { text: '量子', match: true },
      { text: ' "c" \'d\' >', match: false },
    ]);
  });

  it('an escaped marker typed by an entrant stays text, not a highlight', () => {
    expect(splitHighlight('&lt;em&gt;x&lt;/em&gt;')).toEqual([{ text: '<em>x</em>', match: false }]);
  });

  it('ignores an unbalanced closing marker', () => {
    expect(splitHighlight('a</em>b')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
    ]);
  });
});

describe('decodeEntities', () => {
  it('decodes once: an entity the entrant typed stays that entity', () => {
    expect(decodeEntities('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });

  it('leaves other ampersands alone', () => {
    expect(decodeEntities('R&D &nbsp; &#60; &')).toBe('R&D &nbsp; &#60; &');
  });
});

describe('fragmentFor', () => {
  it('finds a sub-field highlight such as title.en', () => {
    expect(fragmentFor([{ field: 'title.en', fragments: ['<em>x</em>'] }], 'title')).toBe('<em>x</em>');
    expect(fragmentFor([], 'title')).toBeNull();
  });
});
