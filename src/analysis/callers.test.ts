// Who calls a function, transitively: onlyFromProcessRoots over a module without a go.mod (import paths are
// matched by the directory they end with).
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import type { FileFacts } from '../parse/types.js';
import { onlyFromProcessRoots } from './callers.js';

const FILES: Record<string, string> = {
  'lib/lib.go': `package lib

func Daemon() {}

func Shared() {}

func Orphan() {}

func PerItem() {}

func fromInit() {}

func init() {
	fromInit()
}

// Wrapped is called only by wrapper, which only main calls
func Wrapped() {}

func wrapper() {
	Wrapped()
}

// Wire is the set-up function main calls
func Wire() {
	wrapper()
}
`,
  'lib/lib_test.go': `package lib

import "testing"

func TestShared(t *testing.T) {
	Shared()
}
`,
  'other/other.go': `package other

// Daemon here is another package's function of the same name: main's l.Daemon() is not a call of it
func Daemon() {}

func Call() {}
`,
  'cmd/d/main.go': `package main

import (
	l "example.com/m/lib"
	"example.com/m/other"
)

func main() {
	l.Daemon()
	l.Shared()
	l.Wire()
	for i := 0; i < 3; i++ {
		l.PerItem()
	}
	other.Call()
}
`,
};

describe('onlyFromProcessRoots', () => {
  it('follows callers to main and init, and stops at tests, loops and functions nothing calls', async () => {
    const parser = await getParser();
    const files: FileFacts[] = [];
    for (const [path, src] of Object.entries(FILES)) {
      const tree = parser.parse(src)!;
      files.push(extractFacts(tree, src, { path, validUtf8: true, generated: false }));
      tree.delete();
    }
    const program = new Program('/x', files, undefined, undefined, (f) => FILES[f.path] ?? null);
    const lib = files[0]!;
    const other = files[2]!;
    const verdict = (f: FileFacts, id: string) => onlyFromProcessRoots(program, f, id);
    expect(verdict(lib, 'F:Daemon')).toBe(true); // main calls it through the import's alias
    expect(verdict(lib, 'F:Wrapped')).toBe(true); // wrapper <- Wire <- main
    expect(verdict(lib, 'F:fromInit')).toBe(true); // init
    expect(verdict(lib, 'F:Shared')).toBe(false); // a test calls it too
    expect(verdict(lib, 'F:Orphan')).toBe(false); // nothing in the module calls it
    expect(verdict(lib, 'F:PerItem')).toBe(false); // called in a loop
    expect(verdict(other, 'F:Daemon')).toBe(false); // nothing names other.Daemon: l.Daemon is lib's
    expect(verdict(other, 'F:Call')).toBe(true); // main calls other.Call
  });
});
