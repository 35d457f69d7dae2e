// -o FILE as a CI container running as root meets it: devices, FIFOs, symlinks, /dev/std*, write errors.
// Spawns the built CLI (npm test builds first).
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = path.join(ROOT, 'dist/cli/main.js');
const SEED = ['testdata/seed', '--fail-on', 'never'];

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const expected = run(SEED).out;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'goleash-out-'));

describe('-o FILE', () => {
  it('writes through a symlink to its target, and the link stays a link', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'real.txt'), 'old\n');
    symlinkSync('real.txt', path.join(dir, 'link.txt'));
    const r = run([...SEED, '-o', path.join(dir, 'link.txt')]);
    expect(r.code).toBe(0);
    expect(lstatSync(path.join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'link.txt'))).toBe('real.txt');
    expect(readFileSync(path.join(dir, 'real.txt'), 'utf8')).toBe(expected);
    // a dangling link gets its target created, as a shell's `>` does
    symlinkSync('sub.txt', path.join(dir, 'dangling'));
    expect(run([...SEED, '-o', path.join(dir, 'dangling')]).code).toBe(0);
    expect(readFileSync(path.join(dir, 'sub.txt'), 'utf8')).toBe(expected);
    expect(lstatSync(path.join(dir, 'dangling')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['dangling', 'link.txt', 'real.txt', 'sub.txt']);
  });

  it('writes a FIFO in place', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [BIN, ...SEED, '-o', fifo], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const [text, code] = await Promise.all([readFile(fifo, 'utf8'), exited]);
    expect(code).toBe(0);
    expect(text).toBe(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes a Unix socket in place', async () => {
    const sock = path.join(tmp(), 'sock');
    let stillSocket = false;
    let listening!: () => void;
    const ready = new Promise<void>((r) => (listening = r));
    const received = new Promise<string>((resolve) => {
      const server = createServer((c) => {
        let text = '';
        c.setEncoding('utf8');
        c.on('data', (d) => (text += d));
        c.on('end', () => {
          stillSocket = lstatSync(sock).isSocket();
          server.close();
          resolve(text);
        });
      });
      server.listen(sock, listening);
    });
    await ready;
    const child = spawn(process.execPath, [BIN, ...SEED, '-o', sock], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const [text, code] = await Promise.all([received, exited]);
    expect(code).toBe(0);
    expect(text).toBe(expected);
    expect(stillSocket).toBe(true);
  });

  it('writes /dev/null in place: it stays a character device', () => {
    const r = run([...SEED, '-o', '/dev/null']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('goleash: 2 findings in 1 file\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('gives one line and exit 2 when /dev/full is full, and leaves the device as it was', () => {
    const r = run([...SEED, '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('goleash: cannot write /dev/full: no space left on device\n');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('writes /dev/stdout and /dev/fd/N to the descriptor', () => {
    const r = run([...SEED, '-o', '/dev/stdout']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected);
    const e = run([...SEED, '-o', '/dev/stderr']);
    expect(e.out).toBe('');
    expect(e.err).toBe(expected + 'goleash: 2 findings in 1 file\n');
    const f = spawnSync(process.execPath, [BIN, ...SEED, '-o', '/dev/fd/3'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    expect(f.status).toBe(0);
    expect(f.output[3]).toBe(expected);
  });

  it('replaces a regular file atomically, keeping its mode; a failed write leaves the old content and no temp file', () => {
    const dir = tmp();
    const file = path.join(dir, 'r.sarif');
    writeFileSync(file, 'old content\n', { mode: 0o640 });
    const ok = run([...SEED, '-o', file]);
    expect(ok.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    writeFileSync(file, 'old content\n');
    // a file size limit of 1 KiB makes the write of the larger SARIF report fail half-way with EFBIG
    // (Node ignores SIGXFSZ); the limit does not apply to the stderr pipe
    const cmd = `ulimit -f 1 && exec "${process.execPath}" "${BIN}" testdata/seed -f sarif --fail-on never -o "${file}"`;
    const r = spawnSync('sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`goleash: cannot write ${file}: file too large\n`);
    expect(readFileSync(file, 'utf8')).toBe('old content\n');
    expect(readdirSync(dir)).toEqual(['r.sarif']);
  });

  it.each([
    ['a directory', (d: string) => d, 'is a directory'],
    ['a missing directory', (d: string) => path.join(d, 'no/such/r.txt'), 'no such file or directory'],
    ['a symlink loop', (d: string) => (symlinkSync('l2', path.join(d, 'l1')), symlinkSync('l1', path.join(d, 'l2')), path.join(d, 'l1')), 'symbolic link loop'],
  ])('says in words why it cannot write to %s', (_what, target, words) => {
    const dir = tmp();
    const file = target(dir);
    const r = run([...SEED, '-o', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`goleash: cannot write ${file}: ${words}\n`);
  });
});
