//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestWriteAllInterrupted: an interrupt between renames puts back what
// was renamed.
func TestWriteAllInterrupted(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.go": "a", "b.go": "b", "c.go": "c"}, 0o644)
	defer func(f func(int)) { beforeRename = f }(beforeRename)
	beforeRename = func(i int) {
		if i == 1 {
			_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
			time.Sleep(100 * time.Millisecond) // let the signal arrive
		}
	}
	err := writeAll([]change{{filepath.Join(dir, "a.go"), []byte("A")}, {filepath.Join(dir, "b.go"), []byte("B")}, {filepath.Join(dir, "c.go"), []byte("C")}})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("error %v", err)
	}
	checkFiles(t, dir, map[string]string{"a.go": "a", "b.go": "b", "c.go": "c"})
}

func ownerOf(t *testing.T, name string) (uint32, uint32) {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return st.Uid, st.Gid
}
