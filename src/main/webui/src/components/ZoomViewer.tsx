import { useState } from 'react';
import { Image } from 'antd';

/** The viewer itself, in its own chunk (see ImageZoom): antd's preview group over the given sources, open. */
export default function ZoomViewer({ sources, current, onClose }: { sources: readonly string[]; current: number; onClose: () => void }) {
  const [index, setIndex] = useState(current);
  return (
    <Image.PreviewGroup
      items={[...sources]}
      preview={{ open: true, current: index, onChange: (i) => setIndex(i), onOpenChange: (open) => { if (!open) onClose(); } }}
    />
  );
}
