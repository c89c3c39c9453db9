/**
 * Form fields shared by the research islands (BacktestLab `bt-*`, OptimizePanel `opt-*`). Each
 * renders a fragment of `<label>`s for a `.form-row`; element ids are `${prefix}-<field>` so the
 * browser tests' selectors stay as they were.
 */
import type { Direction, StrategyInfo } from "./requests.ts";

/** The market part of a research form: which symbols, window and strategy. */
export interface MarketValues {
  symbols: string;
  from: string;
  to: string;
  strategy: string;
}

/**
 * Symbols (with a datalist of the known ones), From, To and Strategy: ids `${prefix}-symbols`,
 * `${prefix}-symbol-list`, `${prefix}-from`, `${prefix}-to`, `${prefix}-strategy`.
 * `onStrategy` gets the chosen id (the island resets its parameters from the defaults).
 */
export function MarketFields(props: {
  prefix: string;
  value: MarketValues;
  symbols: string[];
  strategies: StrategyInfo[];
  set: (patch: Partial<Omit<MarketValues, "strategy">>) => void;
  onStrategy: (name: string) => void;
}) {
  const { prefix, value: f, set } = props;
  return (
    <>
      <label>
        Symbols
        <input
          id={`${prefix}-symbols`}
          list={`${prefix}-symbol-list`}
          value={f.symbols}
          onInput={(e) => set({ symbols: e.currentTarget.value })}
        />
        <datalist id={`${prefix}-symbol-list`}>
          {props.symbols.map((s) => <option value={s} />)}
        </datalist>
      </label>
      <label>
        From
        <input
          id={`${prefix}-from`}
          type="date"
          value={f.from}
          onInput={(e) => set({ from: e.currentTarget.value })}
        />
      </label>
      <label>
        To
        <input
          id={`${prefix}-to`}
          type="date"
          value={f.to}
          onInput={(e) => set({ to: e.currentTarget.value })}
        />
      </label>
      <label>
        Strategy
        <select
          id={`${prefix}-strategy`}
          value={f.strategy}
          onChange={(e) => props.onStrategy(e.currentTarget.value)}
        >
          {props.strategies.map((s) => <option value={s.name}>{s.title ?? s.name}</option>)}
        </select>
      </label>
    </>
  );
}

/** Trading costs and direction of a research form. */
export interface CostValues {
  commissionPct: number;
  slippageBps: number;
  direction: Direction;
}

/**
 * Commission % and Slippage (bps) (numbers, at least 0) and Direction: ids
 * `${prefix}-commission`, `${prefix}-slippage`, `${prefix}-direction`.
 */
export function CostFields(props: {
  prefix: string;
  value: CostValues;
  set: (patch: Partial<CostValues>) => void;
}) {
  const { prefix, value: f, set } = props;
  return (
    <>
      <label>
        Commission %
        <input
          id={`${prefix}-commission`}
          type="number"
          step="any"
          min={0}
          value={f.commissionPct}
          onInput={(e) => set({ commissionPct: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        Slippage (bps)
        <input
          id={`${prefix}-slippage`}
          type="number"
          step="any"
          min={0}
          value={f.slippageBps}
          onInput={(e) => set({ slippageBps: Number(e.currentTarget.value) })}
        />
      </label>
      <label>
        Direction
        <select
          id={`${prefix}-direction`}
          value={f.direction}
          onChange={(e) => set({ direction: e.currentTarget.value as Direction })}
        >
          <option value="long_short">Long and short</option>
          <option value="long_only">Long only</option>
          <option value="short_only">Short only</option>
        </select>
      </label>
    </>
  );
}
