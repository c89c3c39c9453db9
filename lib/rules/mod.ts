/**
 * Entry/exit rules shared by the backtest strategies and the screeners: pure functions over a
 * `BarSeries` and parameters that return per-bar signal arrays and stop levels. A screener reads
 * the last index; a strategy maps the arrays to signal flags.
 * @module
 */
export { crossedAbove, crossedBelow, firstDefined } from "./cross.ts";
export { type BreakoutRule, donchianBreakout } from "./donchian.ts";
export { type TurtleOptions, type TurtleRule, turtleRule } from "./turtle.ts";
export { type DarvasOptions, type DarvasRule, darvasRule } from "./darvas.ts";
