/**
 * Server side of the islands layer: renders a component for first paint and marks it for
 * hydration by `islands/_boot.ts`, which reads the props back from `data-props`.
 * @module
 */
import type { ComponentType } from "preact";
import { toSafeJson } from "../http/json.ts";

/**
 * Renders `component` with `props` inside a hydration marker. Props travel as JSON, so pass plain
 * data (arrays, not typed arrays). `name` must match the key in `islands/_boot.ts`.
 */
export function Island<P extends object>(
  { name, component: Component, props }: { name: string; component: ComponentType<P>; props: P },
) {
  return (
    <div data-island={name} data-props={toSafeJson(props)} class="island">
      <Component {...props} />
    </div>
  );
}
