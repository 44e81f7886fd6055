//go:build unix

package main

import (
	"os"
	"syscall"
)

// sameOwner gives name the owner and group of target, when they differ
// from those a new file gets.
func sameOwner(target, name string) error {
	ti, err := os.Stat(target)
	if err != nil {
		return err
	}
	ni, err := os.Stat(name)
	if err != nil {
		return err
	}
	ts, ok1 := ti.Sys().(*syscall.Stat_t)
	ns, ok2 := ni.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 || ts.Uid == ns.Uid && ts.Gid == ns.Gid {
		return nil
	}
	return os.Chown(name, int(ts.Uid), int(ts.Gid))
}
