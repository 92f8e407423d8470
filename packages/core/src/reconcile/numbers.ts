/**
 * `length` copies of `value` in a plain array: how the engine keeps numbers sized by its input.
 * Not typed arrays: their buffers live outside the JS heap, and V8 starts a full collection for
 * every 64 MB of such external memory. At two million sightings the engine's scratch buffers
 * set off three extra full collections of a 2 GB heap (6 s). Small integers and doubles in plain
 * arrays stay on the heap, where only the heap's own limit applies.
 */
export function numbers(length: number, value: number): number[] {
  return new Array<number>(length).fill(value);
}
