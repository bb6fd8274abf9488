/**
 * Sheets date serials (days since 1899-12-30, in the spreadsheet's own time zone: "Dates, Times and
 * DateTimes are represented as doubles in SERIAL_NUMBER format", developers.google.com/sheets/api/guides/formats)
 * to instants and back. Node has full ICU, so Intl gives any zone's offset.
 */
const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

const formats = new Map<string, Intl.DateTimeFormat>();
function parts(d: Date, tz: string): number[] {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, x.value]));
  return [Number(p.year), Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)];
}

/** The zone's wall-clock time of `d`, as if it were UTC (ms). */
function wall(d: Date, tz: string): number {
  const [y, mo, day, h, mi, s] = parts(d, tz);
  return Date.UTC(y, mo - 1, day, h, mi, s) + d.getUTCMilliseconds();
}

export function dateToSerial(d: Date, tz: string): number {
  return (wall(d, tz) - EPOCH) / MS_PER_DAY;
}

/** The instant whose wall-clock time in `tz` is the serial's (the offset found in two steps, right across DST changes). */
export function serialToDate(n: number, tz: string): Date {
  const local = EPOCH + Math.round(n * MS_PER_DAY);
  let t = local - (wall(new Date(local), tz) - local);
  t = local - (wall(new Date(t), tz) - t);
  return new Date(t);
}

/** yyyy-mm-dd and hh:mm in the zone (exports). */
export function zonedText(d: Date, tz: string, withTime: boolean): string {
  const [y, mo, day, h, mi] = parts(d, tz);
  const p2 = (x: number) => String(x).padStart(2, '0');
  const date = `${y}-${p2(mo)}-${p2(day)}`;
  return withTime ? `${date} ${p2(h)}:${p2(mi)}` : date;
}
