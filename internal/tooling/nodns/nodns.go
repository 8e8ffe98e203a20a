// Package nodns keeps a test process's DNS lookups on this machine. Tests must talk to loopback
// only, and a test of an unknown endpoint host must not ask the machine's DNS server about it.
//
// Install makes Go's own resolver serve every lookup of the process (never the C library's,
// which would send its queries itself) and replaces the one way that resolver reaches a DNS server,
// its Dial function, with one that refuses and counts. Names in /etc/hosts still resolve; any
// other name fails as unresolvable without a packet sent. Queries tells a test whether a lookup
// even tried to leave.
package nodns

import (
	"context"
	"fmt"
	"net"
	"sync"
)

var (
	once    sync.Once
	mu      sync.Mutex
	queries []string
)

// Install is safe to call more than once; call it before the process makes its first lookup (from
// TestMain or an init function), since it changes net.DefaultResolver.
func Install() {
	once.Do(func() {
		net.DefaultResolver.PreferGo = true
		net.DefaultResolver.Dial = func(_ context.Context, network, address string) (net.Conn, error) {
			mu.Lock()
			queries = append(queries, network+" "+address)
			mu.Unlock()
			return nil, fmt.Errorf("nodns: a test process must not query the DNS server %s", address)
		}
	})
}

// Queries lists the DNS servers the process tried to reach since Install, one entry per attempt.
func Queries() []string {
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), queries...)
}
