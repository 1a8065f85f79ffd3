/**
 * Number fields as contract input. What a person typed goes to the contract as it is when it is
 * not a number, so the contract names the field in plain words ("“x” is not a number", "a number
 * is required") instead of the form changing or dropping it. Typed as numbers: that is the input
 * type of the call, and the contract is what refuses anything else.
 */

/** A NumberInput's value: a number, `null` when empty, else the text as typed. */
export function numberOf(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return null as unknown as number;
  const n = Number(text);
  return (Number.isFinite(n) ? n : text) as number;
}

/** A list typed as "1, 5, 30": each item a number where it is one, else the word as typed. */
export function numberListOf(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(numberOf);
}

/** The numbers of a list, or null while any item is not one (for live descriptions). */
export function numbersOf(text: string): number[] | null {
  const items = numberListOf(text);
  return items.every((n) => typeof n === 'number' && Number.isFinite(n)) ? items : null;
}
