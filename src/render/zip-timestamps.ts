/**
 * Pins the modification time of every entry of a ZIP archive, in place.
 *
 * Zip writers (JSZip, under exceljs) stamp each entry with the wall-clock time, so
 * two saves of the same workbook differ in a few bytes. The times live in two fixed
 * fields per entry (the local file header and the central directory record) and are
 * covered by no checksum, so setting them afterwards is safe. Excel itself writes
 * 1980-01-01 00:00:00, the earliest DOS date; that is the default here.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** Extended timestamp extra field (Info-ZIP "UT"): Unix times, which must be pinned too. */
const EXTENDED_TIMESTAMP = 0x5455;

export class ZipFormatError extends Error {}

/** DOS date and time fields for a calendar date (UTC parts; seconds to the even second). */
export function dosDateTime(date: Date): { date: number; time: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new ZipFormatError('not a zip archive: no end of central directory record');
}

function pinExtraTimestamps(view: DataView, start: number, length: number, unixSeconds: number): void {
  let at = start;
  const end = start + length;
  while (at + 4 <= end) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === EXTENDED_TIMESTAMP) {
      for (let t = at + 5; t + 4 <= at + 4 + size; t += 4) view.setUint32(t, unixSeconds, true);
    }
    at += 4 + size;
  }
}

export function pinZipTimestamps(bytes: Uint8Array, when: Date = new Date(Date.UTC(1980, 0, 1))): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { date, time } = dosDateTime(when);
  const unixSeconds = Math.max(0, Math.floor(when.getTime() / 1000));
  const eocd = findEndOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipFormatError(`bad central directory record ${i}`);
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    pinExtraTimestamps(view, at + 46 + nameLength, extraLength, unixSeconds);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL_SIGNATURE) throw new ZipFormatError(`bad local header for entry ${i}`);
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    const localName = view.getUint16(local + 26, true);
    const localExtra = view.getUint16(local + 28, true);
    pinExtraTimestamps(view, local + 30 + localName, localExtra, unixSeconds);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return bytes;
}
