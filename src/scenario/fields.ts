/**
 * Field facts shared by reading, display and what-if commands.
 * Percent fields hold fractions in the resolved scenario (0.14) and are written
 * as fractions or "14%" strings in YAML.
 */
export const PERCENT_FIELDS: ReadonlySet<string> = new Set([
  'renewal_probability',
  'annual_leaver_rate',
  'backfill_share',
  'sickness_absence',
  'effectiveness_loss',
  'isolation_effect_loss',
  'supervision_effect_loss',
  'attribution',
  'deadweight',
  'drop_off',
  'cashable',
  'base_rate',
  'evidence_haircut',
  'discount_rate',
  'pay_uplift',
  'pension',
  'overhead_rate',
  'optimism_bias',
  'health_discount_rate',
  'transfer_share',
]);

/** The last key of a dot path: `benefits[0].cashable` → `cashable`. */
export function fieldName(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last.replace(/\[\d+\]$/, '');
}

export function isPercentPath(path: string): boolean {
  return PERCENT_FIELDS.has(fieldName(path));
}
