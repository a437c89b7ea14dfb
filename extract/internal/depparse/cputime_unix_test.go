//go:build unix

package depparse

import "syscall"

// cpuSeconds returns the user CPU time of the process, so that speed can
// be quoted per core-second on a shared, busy machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec) + float64(ru.Utime.Usec)/1e6
}
