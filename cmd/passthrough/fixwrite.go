package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
)

// A change is the new content of a file that -fix rewrites.
type change struct {
	name string // as the packages named it
	data []byte
}

// staged is a change on its way: the file it lands in (through symlinks),
// what that file held, and the temporary file holding the new content.
type staged struct {
	target string
	old    []byte
	mode   fs.FileMode
	tmp    string
}

// Test hooks: how a temporary file replaces its target, and what happens
// just before.
var (
	renameFile   = os.Rename
	beforeRename = func(int) {}
)

// writeAll writes every change or none. It checks every target first (a
// regular file, writable: a read-only file is refused as gofmt -w refuses
// it), writes all the new contents to temporary files beside their
// targets with the targets' mode and ownership, then renames them into
// place; a symlinked file is written through to its target. A failure or
// an interrupt (SIGINT, SIGTERM) before the last rename puts back what
// was renamed and removes the temporary files.
func writeAll(changes []change) (err error) {
	var st []*staged
	for _, c := range changes {
		target, err := filepath.EvalSymlinks(c.name)
		if err != nil {
			return fmt.Errorf("%s: %w; no file was changed", relPath(c.name), pathError(err))
		}
		info, err := os.Stat(target)
		if err != nil {
			return fmt.Errorf("%s: %w; no file was changed", relPath(c.name), pathError(err))
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file; no file was changed", relPath(c.name))
		}
		if info.Mode().Perm()&0o200 == 0 {
			return fmt.Errorf("%s: the file is read-only; no file was changed", relPath(c.name))
		}
		old, err := os.ReadFile(target)
		if err != nil {
			return fmt.Errorf("%s: %w; no file was changed", relPath(c.name), pathError(err))
		}
		st = append(st, &staged{target: target, old: old, mode: info.Mode()})
	}

	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(interrupts)
	renamed := 0
	defer func() {
		if err == nil {
			return
		}
		for _, s := range st[:renamed] {
			if rerr := replaceFile(s.target, s.old, s.mode); rerr != nil {
				err = fmt.Errorf("%w; restoring %s failed too: %w", err, relPath(s.target), rerr)
			}
		}
		for _, s := range st {
			if s.tmp != "" {
				_ = os.Remove(s.tmp)
			}
		}
		if renamed > 0 {
			err = fmt.Errorf("%w; the files changed were restored", err)
		} else {
			err = fmt.Errorf("%w; no file was changed", err)
		}
	}()
	for i, s := range st {
		if s.tmp, err = tempCopy(s.target, changes[i].data, s.mode); err != nil {
			return fmt.Errorf("%s: %w", relPath(changes[i].name), err)
		}
	}
	for i, s := range st {
		beforeRename(i)
		select {
		case sig := <-interrupts:
			return fmt.Errorf("interrupted (%v)", sig)
		default:
		}
		if err := renameFile(s.tmp, s.target); err != nil {
			return fmt.Errorf("%s: %w", relPath(changes[i].name), err)
		}
		s.tmp = ""
		renamed++
	}
	return nil
}

// tempCopy writes data to a new temporary file beside target, with
// target's mode and owner, and returns its name.
func tempCopy(target string, data []byte, mode fs.FileMode) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), ".passthrough-fix-*")
	if err != nil {
		return "", pathError(err)
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	err = errors.Join(werr, cerr, os.Chmod(name, mode.Perm()), sameOwner(target, name))
	if err != nil {
		_ = os.Remove(name)
		return "", err
	}
	return name, nil
}

// replaceFile puts data back in place of target, atomically.
func replaceFile(target string, data []byte, mode fs.FileMode) error {
	tmp, err := tempCopy(target, data, mode)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

// keepLineEndings gives fixed the line endings of orig: a file written
// with CRLF keeps them (gofmt's output has LF).
func keepLineEndings(orig, fixed []byte) []byte {
	if !bytes.Contains(orig, []byte("\r\n")) {
		return fixed
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(fixed, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}
