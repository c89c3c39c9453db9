/** A tiny SVG line: renders the same on the server and in the browser. */
export interface SparklineProps {
  values: number[];
  width?: number;
  height?: number;
  /** Accessible label, e.g. "GOOG closes". */
  label?: string;
  /** Stretch to the container's width (the viewBox keeps the shape). */
  fluid?: boolean;
}

/** Draws `values` as a polyline scaled to the box; rising lines are green, falling red. */
export default function Sparkline(
  { values, width = 120, height = 32, label, fluid }: SparklineProps,
) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return <svg width={width} height={height} role="img" aria-label={label} />;
  let lo = Infinity, hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo || 1;
  const step = width / (finite.length - 1);
  const pts = finite.map((v, i) =>
    `${(i * step).toFixed(1)},${(height - 2 - ((v - lo) / span) * (height - 4)).toFixed(1)}`
  ).join(" ");
  const up = finite[finite.length - 1] >= finite[0];
  return (
    <svg
      class="spark"
      width={fluid ? "100%" : width}
      preserveAspectRatio={fluid ? "none" : undefined}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <polyline
        points={pts}
        fill="none"
        stroke={up ? "var(--up)" : "var(--down)"}
        stroke-width="1.5"
        vector-effect="non-scaling-stroke"
      />
    </svg>
  );
}
