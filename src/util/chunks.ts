// Text written in pieces: strings joined into buffers of about 1 MB, so that a large report is written with few
// system calls and never held as one string.
export type Chunks = string | Buffer | Iterable<string>;

export function* batches(data: Chunks, size = 1 << 20): Generator<Buffer> {
  if (typeof data === 'string') return yield Buffer.from(data);
  if (Buffer.isBuffer(data)) return yield data;
  let pending: string[] = [];
  let n = 0;
  for (const c of data) {
    pending.push(c);
    n += c.length;
    if (n >= size) {
      yield Buffer.from(pending.join(''));
      pending = [];
      n = 0;
    }
  }
  if (pending.length > 0) yield Buffer.from(pending.join(''));
}
