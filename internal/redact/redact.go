// Package redact keeps credentials out of everything the provider process writes: its structured
// logs about API calls (Log), and, on standard output and standard error, the Alibaba Cloud SDK's
// debug output (tea and darabonba print every request's
// URL and headers, security token and signature included, to standard output when the DEBUG
// environment variable names them; credentials-go prints the answers of credential services with
// DEBUG=credential), anything else printed to standard output or standard error, and the standard
// library's log.
//
// Two readings together, so that nothing slips through either: the secrets this process knows
// (registered with Add when the client resolves its credentials, as written and URL-encoded), and
// the value after any name a credential travels under (a security token header or parameter, an
// access key secret, a signature), whatever it is.
package redact

import (
	"bufio"
	"context"
	"io"
	"log"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Mask replaces what is redacted.
const Mask = "<redacted>"

// secrets are the values known to be secret, longest first, so that a secret containing another
// is masked whole.
var secrets = struct {
	sync.RWMutex
	values []string
}{}

// Add registers secrets, ignoring empty ones.
func Add(values ...string) {
	secrets.Lock()
	defer secrets.Unlock()
	for _, v := range values {
		if v == "" {
			continue
		}
		for _, form := range []string{v, url.QueryEscape(v), url.PathEscape(v)} {
			if !slices.Contains(secrets.values, form) {
				secrets.values = append(secrets.values, form)
			}
		}
	}
	slices.SortFunc(secrets.values, func(a, b string) int { return len(b) - len(a) })
}

// named matches a credential after its name, in the forms the SDKs print them: a header
// ("x-acs-security-token: ..."), a query or an Authorization parameter ("SecurityToken=...",
// "Signature=..."), a JSON field ("AccessKeySecret": "..."). A signature is masked too: the API
// refuses a replay of a request it has seen (its nonce) or that is older than 15 minutes, but the
// SDK prints a request before it is sent, so a logged signature of a request that never arrived
// can be replayed for those minutes.
var named = regexp.MustCompile(`(?i)(x-acs-security-token|x-acs-bearer-token|x-acs-zero-trust-idtoken|` +
	`security_?token|access_?key_?secret|bearer_?token|signature)("?\s*[:=]\s*"?)([^\s"&,;]+)`)

// Log is ctx whose tflog messages and field values are masked the same way: the provider's own
// structured logs go straight to Terraform, around os.Stderr.
func Log(ctx context.Context) context.Context {
	secrets.RLock()
	values := slices.Clone(secrets.values)
	secrets.RUnlock()
	return tflog.MaskLogRegexes(tflog.MaskLogStrings(ctx, values...), named)
}

// String is s with every secret masked.
func String(s string) string {
	secrets.RLock()
	for _, v := range secrets.values {
		s = strings.ReplaceAll(s, v, Mask)
	}
	secrets.RUnlock()
	return named.ReplaceAllString(s, "${1}${2}"+Mask)
}

// Writer is w behind redaction: what is written to it is passed on a line at a time, masked. A
// line is passed on whole when its end arrives, so that no secret is split across two writes.
// Close passes on the rest and returns once it has.
func Writer(w io.Writer) io.WriteCloser {
	r, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		forward(w, r)
		close(done)
	}()
	return &writer{PipeWriter: pw, done: done}
}

type writer struct {
	*io.PipeWriter
	done chan struct{}
}

func (w *writer) Close() error {
	err := w.PipeWriter.Close()
	<-w.done
	return err
}

func forward(w io.Writer, r io.Reader) {
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			_, _ = io.WriteString(w, String(line)) // a writer that fails has nowhere to report it
		}
		if err != nil {
			return
		}
	}
}

var stdioOnce sync.Once

// Stdio puts redaction in front of os.Stdout, os.Stderr and the standard library's log, from now
// on. Call it once the plugin server has set them up (go-plugin replaces os.Stdout and os.Stderr
// with the pipes it forwards to Terraform), before the first request: the provider's Configure.
// Later calls do nothing.
func Stdio() error {
	var err error
	stdioOnce.Do(func() {
		for _, f := range []**os.File{&os.Stdout, &os.Stderr} {
			r, w, perr := os.Pipe()
			if perr != nil {
				err = perr
				return
			}
			go forward(*f, r)
			*f = w
		}
		log.SetOutput(Writer(log.Writer()))
	})
	return err
}
