// Command soakreport writes the reliability report (internal/tooling/reliability/REPORT.md) from the
// `go test -json` output of a `make soak` run.
//
//	go test -json ... >soak.json; go run ./cmd/soakreport -in soak.json -out REPORT.md
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
)

func main() {
	in := flag.String("in", "", "the go test -json output to read (required)")
	out := flag.String("out", "", "the Markdown file to write (required)")
	command := flag.String("command", "make soak", "the command that produced the run, for the report's readers")
	terraform := flag.String("terraform", "unknown Terraform", "the Terraform CLI's version line")
	flag.Parse()
	if *in == "" || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*in, *out, reliability.ReportInfo{Command: *command, Terraform: *terraform}); err != nil {
		fmt.Fprintln(os.Stderr, "soakreport:", err)
		os.Exit(1)
	}
}

func run(in, out string, info reliability.ReportInfo) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	// The run's date, not the report's: the report can be rewritten from a saved run.
	st, err := f.Stat()
	if err != nil {
		return err
	}
	info.Generated = st.ModTime()
	var b bytes.Buffer
	if err := reliability.WriteReport(&b, f, info); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	// Written only once complete, so that a failed run leaves the previous report in place.
	return os.WriteFile(out, b.Bytes(), 0o644)
}
