//go:build unix

package journal

import (
	"errors"
	"syscall"
)

// alive reports whether process pid runs: signal 0 checks without sending anything, and EPERM
// means a process of another user holds the number.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
