package signature

import (
	"fmt"
	"testing"
	"time"
)

func TestNonceCache(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := newNonceCache()
	if !n.use("k\na", t0) || n.use("k\na", t0.Add(nonceTTL-time.Second)) {
		t.Fatal("a nonce was accepted twice within its window")
	}
	if !n.use("k\na", t0.Add(nonceTTL)) {
		t.Fatal("a nonce was refused after its window")
	}
	for i := range maxNonces + 10 {
		n.use(fmt.Sprint(i), t0)
	}
	if len(n.until) > maxNonces || len(n.queue)-n.head > maxNonces {
		t.Fatalf("%d nonces kept, bound %d", len(n.until), maxNonces)
	}
}

// TestPercentEncode pins RFC 3986 encoding, on which both signature versions rest.
func TestPercentEncode(t *testing.T) {
	for in, want := range map[string]string{
		"AZaz09-_.~": "AZaz09-_.~", " ": "%20", "*": "%2A", "/": "%2F", "=&": "%3D%26", "网": "%E7%BD%91", "+": "%2B",
	} {
		if got := percentEncode(in); got != want {
			t.Errorf("percentEncode(%q) = %q, want %q", in, got, want)
		}
	}
}
