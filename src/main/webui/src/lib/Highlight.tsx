import { splitHighlight } from './highlight';

/** Renders a highlight fragment as text with <mark>-like <em> spans (see splitHighlight for why no HTML). */
export default function Highlight({ fragment }: { fragment: string }) {
  return (
    <span className="hl">
      {splitHighlight(fragment).map((p, i) => (p.match ? <em key={i}>{p.text}</em> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
