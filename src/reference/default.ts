/**
 * The reference data set a scenario uses when it names none. Its own module, not the
 * loader's: the interactive page replaces the loader with the compiled sets (src/build/bundle.ts).
 */
export const DEFAULT_REFERENCE = 'afc-2025-26';
