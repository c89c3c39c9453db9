/**
 * A walk-forward result: the stitched out-of-sample equity, the windows (chosen parameters,
 * in-sample and out-of-sample returns, efficiency, DSR and PBO of each window's search) and the
 * parameter-stability table.
 */
import { useMemo } from "preact/hooks";
import type uPlot from "uplot";
import type { WalkForwardJson } from "../lib/optimize/serialize.ts";
import { axes, num, themeColors, usePlot } from "./BacktestCharts.ts";

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export default function WalkForwardResult({ result }: { result: WalkForwardJson }) {
  const data = useMemo<uPlot.AlignedData>(
    () => [result.equity.time.map((t) => t / 1000), result.equity.equity],
    [result],
  );
  const ref = usePlot(data, () => {
    const c = themeColors();
    return {
      height: 240,
      series: [{}, { label: "Out-of-sample equity", stroke: c.accent, width: 2 }],
      axes: axes((v) => v.toLocaleString("en-US", { maximumFractionDigits: 0 })),
    };
  });
  const s = result.stats;
  return (
    <div class="walkforward-result" id="wf-result">
      <div class="cards">
        <div class="metric">
          <span class="label">Walk-forward efficiency</span>
          <span class="value" id="wf-efficiency">{num(result.efficiency, 3)}</span>
        </div>
        <div class="metric">
          <span class="label">OOS return %</span>
          <span class="value">{num(s.returnPct)}</span>
        </div>
        <div class="metric">
          <span class="label">OOS return (ann.) %</span>
          <span class="value">{num(s.returnAnnPct)}</span>
        </div>
        <div class="metric">
          <span class="label">OOS Sharpe</span>
          <span class="value">{num(s.sharpe, 3)}</span>
        </div>
        <div class="metric">
          <span class="label">OOS max DD %</span>
          <span class="value">{num(s.maxDrawdownPct)}</span>
        </div>
        <div class="metric">
          <span class="label">OOS trades</span>
          <span class="value">{s.trades}</span>
        </div>
      </div>
      <section class="panel">
        <h2>Stitched out-of-sample equity ({result.mode} windows)</h2>
        <div ref={ref} id="wf-equity" class="chart" />
        <p class="muted small">
          Each segment warms its indicators up on earlier bars, starts flat, closes its trades at
          its end, and is compounded onto the previous ones. Efficiency = annualised OOS return /
          mean annualised in-sample return of the chosen parameters.
        </p>
      </section>
      <section class="panel">
        <h2>Windows</h2>
        <div class="table-wrap">
          <table id="wf-windows">
            <thead>
              <tr>
                <th class="num">#</th>
                <th>IS from</th>
                <th>OOS from</th>
                <th>OOS to</th>
                <th>Chosen parameters</th>
                <th class="num">IS ann. %</th>
                <th class="num">OOS %</th>
                <th class="num">OOS ann. %</th>
                <th class="num">WFE</th>
                <th class="num">DSR</th>
                <th class="num">PBO</th>
              </tr>
            </thead>
            <tbody>
              {result.windows.map((w) => (
                <tr>
                  <td class="num">{w.index + 1}</td>
                  <td>{day(w.isFrom)}</td>
                  <td>{day(w.oosFrom)}</td>
                  <td>{day(w.oosTo)}</td>
                  <td>
                    {w.best
                      ? Object.entries(w.best).map(([k, v]) => `${k}=${v}`).join(" ")
                      : "(none feasible)"}
                  </td>
                  <td class="num">{num(w.isReturnAnnPct)}</td>
                  <td class="num">{num(w.oosReturnPct)}</td>
                  <td class="num">{num(w.oosReturnAnnPct)}</td>
                  <td class="num">{num(w.efficiency)}</td>
                  <td class="num">{num(w.dsr?.dsr, 3)}</td>
                  <td class="num">{num(w.pbo, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="panel">
        <h2>Parameter stability</h2>
        <div class="table-wrap">
          <table id="wf-stability">
            <thead>
              <tr>
                <th>Parameter</th>
                <th class="num">Mean</th>
                <th class="num">Std</th>
                <th class="num">CV</th>
                <th class="num">Min</th>
                <th class="num">Max</th>
                <th class="num">Distinct</th>
                <th>Most chosen</th>
              </tr>
            </thead>
            <tbody>
              {result.stability.map((p) => (
                <tr>
                  <td>{p.param}</td>
                  <td class="num">{num(p.mean)}</td>
                  <td class="num">{num(p.std)}</td>
                  <td class="num">{num(p.cv)}</td>
                  <td class="num">{num(p.min)}</td>
                  <td class="num">{num(p.max)}</td>
                  <td class="num">{p.distinct}</td>
                  <td>
                    {p.mode === null ? "–" : String(p.mode)}{" "}
                    ({num(p.modeShare * 100, 0)}% of windows)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
