const FIELD_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 59], // seconds
  [0, 59], // minutes
  [0, 23], // hours
  [1, 31], // day of month
  [1, 12], // month
  [0, 7], // day of week (0 and 7 are Sunday)
];

function isValidField(field: string, [min, max]: readonly [number, number]): boolean {
  return field.split(',').every((part) => {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return false;
    const [, , from, to, step] = m;
    if (step !== undefined && Number(step) < 1) return false;
    if (from === undefined) return true;
    const a = Number(from);
    const b = to === undefined ? a : Number(to);
    return a >= min && b <= max && a <= b;
  });
}

/** Six-field cron with seconds, numeric fields only: what the schedules accept. */
export function isValidCron(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  return fields.length === 6 && fields.every((f, i) => isValidField(f, FIELD_RANGES[i]));
}
