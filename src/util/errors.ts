// System errors in words, for one-line messages: "permission denied" rather than EACCES.
import { getSystemErrorMap } from 'node:util';

/** Where libuv's wording is unclear or long, ours; the rest comes from libuv (util.getSystemErrorMap). */
const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'symbolic link loop',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
  ENXIO: 'no such device or address',
  EPIPE: 'broken pipe',
  EBADF: 'bad file descriptor',
  EMFILE: 'too many open files',
  EBUSY: 'device or resource busy',
  ETXTBSY: 'text file busy',
  ECONNREFUSED: 'connection refused',
};

/** A system call's error (it has a syscall or a numeric errno), not a parser's or our own. */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException;
  return typeof err?.code === 'string' && (typeof err.syscall === 'string' || typeof err.errno === 'number');
}

/** "permission denied" for an EACCES error; the first line of the error's message when it is not a system error. */
export function errorWords(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === 'string' && WORDS[err.code]) return WORDS[err.code]!;
  if (typeof err?.errno === 'number') {
    const sys = getSystemErrorMap().get(err.errno);
    if (sys) return sys[1];
  }
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
