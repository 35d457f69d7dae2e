// Writes the report (-o FILE, --write-baseline FILE) without ever destroying what the name points at:
// - a regular file, or a name that does not exist yet, is written atomically: a temp file in the same directory,
//   then a rename over the target (keeping its permissions); the temp file is removed when anything fails, so
//   the old content stays as it was;
// - a symbolic link is followed to its final target, which is written as above, so the link stays a link;
// - a character or block device (/dev/null, /dev/full, a terminal), a FIFO or a socket is written in place:
//   renaming a file over it would replace the device or pipe with a plain file (as root, /dev/null too);
// - /dev/stdout, /dev/stderr, /dev/stdin and /dev/fd/N (/proc/self/fd/N) write to that descriptor of this process.
// Any failure is a WriteError whose message is one line in words ("cannot write /dev/full: no space left on device").
import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, unlinkSync, writeSync, constants, type Stats } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { batches, type Chunks } from '../util/chunks.js';
import { errorWords } from '../util/errors.js';

export class WriteError extends Error {
  constructor(
    message: string,
    /** the system error code (ENOSPC, EPIPE…), when there is one */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Hops through symbolic links before giving up with "symbolic link loop" (Linux's own limit is 40). */
const MAX_LINKS = 40;

/** The descriptor that a name such as /dev/stdout or /dev/fd/3 stands for in this process, else null. */
export function descriptorOf(file: string): number | null {
  const p = path.resolve(file);
  const std = /^\/dev\/std(in|out|err)$/.exec(p);
  if (std) return ['in', 'out', 'err'].indexOf(std[1]!);
  const fd = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(p);
  return fd ? Number(fd[1]) : null;
}

type Target = { fd: number } | { path: string; stat: Stats | null };

/** Follows symbolic links to the final name; stat is null when nothing exists there yet (it will be created). */
function resolveTarget(file: string): Target {
  let p = path.resolve(file);
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    const fd = descriptorOf(p);
    if (fd !== null) return { fd };
    let st: Stats;
    try {
      st = lstatSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        realpathSync(path.dirname(p)); // a missing directory is an error ("no such file or directory"), not a new file
        return { path: p, stat: null };
      }
      throw e;
    }
    if (!st.isSymbolicLink()) return { path: p, stat: st };
    p = path.resolve(realpathSync(path.dirname(p)), readlinkSync(p));
  }
  throw Object.assign(new Error('symbolic link loop'), { code: 'ELOOP' });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of buf to fd; a non-blocking pipe that is full (EAGAIN) is waited for. */
export function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** Writes every chunk to fd, in buffers of about 1 MB. */
export function writeChunks(fd: number, data: Chunks): void {
  for (const b of batches(data)) writeAll(fd, b);
}

function writeInPlace(p: string, data: Chunks): void {
  // no O_CREAT and no O_TRUNC: a device or FIFO is opened as it is, never created or replaced
  const fd = openSync(p, constants.O_WRONLY);
  try {
    writeChunks(fd, data);
  } finally {
    closeSync(fd);
  }
}

function writeSocket(p: string, data: Chunks): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ path: p });
    s.once('error', reject);
    for (const b of batches(data)) s.write(b);
    s.end(() => resolve());
  });
}

function writeAtomic(p: string, old: Stats | null, data: Chunks): void {
  const tmp = path.join(path.dirname(p), `.${path.basename(p)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  // with a listener, Ctrl-C waits for the synchronous write and rename instead of killing the process
  // half-way (which would leave the temp file behind); then it exits as an interrupt does
  const interrupted = () => process.exit(130);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    writeChunks(fd, data);
    if (old) {
      fchmodSync(fd, old.mode & 0o7777);
      const now = fstatSync(fd);
      if (old.uid !== now.uid || old.gid !== now.gid) {
        try {
          fchownSync(fd, old.uid, old.gid);
        } catch {
          /* only root may give a file away: the report is then owned by whoever wrote it */
        }
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, p);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

/** Writes data (a string, a buffer, or strings in order, read once) to the file named `file` (as given on the
 * command line) as described above. */
export async function writeReport(file: string, data: Chunks): Promise<void> {
  try {
    const t = resolveTarget(file);
    if ('fd' in t) return writeChunks(t.fd, data);
    if (!t.stat || t.stat.isFile()) return writeAtomic(t.path, t.stat, data);
    if (t.stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (t.stat.isSocket()) return await writeSocket(t.path, data);
    return writeInPlace(t.path, data); // character or block device, FIFO
  } catch (e) {
    throw new WriteError(`cannot write ${file}: ${errorWords(e)}`, (e as NodeJS.ErrnoException).code);
  }
}
