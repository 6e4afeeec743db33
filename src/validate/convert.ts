/**
 * The converters resolve.ts and resolve-benefit.ts read a value with: each returns the
 * value as the type it names, or undefined when it is not one. Shared here so that the
 * two resolvers do not import each other (test/unit/architecture.test.ts: no cycles).
 */
import type { Origin } from '../scenario/origin.js';
import { parsePercent } from './percent.js';

export type Convert<T> = (value: unknown) => T | undefined;
export type Take = <T>(path: string, convert: Convert<T>, fallback: () => [T, Origin]) => T;

export const num: Convert<number> = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const int: Convert<number> = (v) => (Number.isInteger(v) ? (v as number) : undefined);
export const str: Convert<string> = (v) => (typeof v === 'string' ? v : undefined);
export const bool: Convert<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);
export const oneOf =
  <T extends string>(values: readonly T[]): Convert<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : undefined;
export const pct =
  (max = 1): Convert<number> =>
  (v) =>
    parsePercent(v, max);
