// Command vpcsim serves the vpcsim simulator of the Alibaba Cloud VPC endpoint on a local address.
// It prints one line, "vpcsim listening on http://HOST:PORT", to stdout once it accepts
// connections, logs to stderr, and stops cleanly on SIGINT or SIGTERM. See
// internal/vpcsim/README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		// -h printed the usage, as asked: not a failure.
	case err != nil:
		fmt.Fprintln(os.Stderr, "vpcsim:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done, then shuts down and writes the state file.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vpcsim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8790", "address to listen on; port 0 picks a free one")
	keyID := fs.String("access-key-id", vpcsim.DefaultAccessKeyID, "access key ID the simulator accepts")
	keySecret := fs.String("access-key-secret", vpcsim.DefaultAccessKeySecret, "its secret")
	keyToken := fs.String("security-token", "", "makes the key an STS key, whose requests must carry this security token")
	var cfg vpcsim.Config
	fs.DurationVar(&cfg.ProvisionDelay, "provision-delay", 0, "how long a new gateway takes to become active")
	fs.DurationVar(&cfg.UpdateDelay, "update-delay", 0, "how long a gateway stays updating after a modify")
	fs.DurationVar(&cfg.DeleteDelay, "delete-delay", 0, "how long a gateway stays deleting before it is gone")
	fs.IntVar(&cfg.Quota, "quota", vpcsim.DefaultQuota, "gateways per region")
	fs.Float64Var(&cfg.QPS, "qps", 0, "requests per second per access key and action; 0: unlimited")
	fs.Float64Var(&cfg.FaultRate, "fault-rate", 0, "chance (0 to 1) that a request fails with InternalError or ServiceUnavailable")
	fs.DurationVar(&cfg.ReadLag, "read-lag", 0, "how long the reads answer a gateway as it was before each write to it")
	fs.StringVar(&cfg.StateFile, "state-file", "", "JSON file that keeps gateways across restarts; empty: memory only")
	fs.Func("dialect", fmt.Sprintf("site whose endpoint to imitate: one of %v (default %s)", dialect.All(), dialect.Default), func(v string) error {
		d, err := dialect.Parse(v)
		cfg.Dialect = d
		return err
	})
	fs.BoolVar(&cfg.ProvisionSpread, "provision-spread", false, "draw each gateway's provisioning delay from [provision-delay/2, 2*provision-delay]")
	fs.Uint64Var(&cfg.Seed, "seed", 0, "seed of the -provision-spread draws: the same seed gives the same delays")
	networks := fs.String("networks", "", "JSON file with more regions, VPCs and vSwitches ([]Region)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	cfg.AccessKeys = []vpcsim.AccessKey{{ID: *keyID, Secret: *keySecret, SecurityToken: *keyToken}}
	if *networks != "" {
		data, err := os.ReadFile(*networks)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &cfg.Networks); err != nil {
			return fmt.Errorf("%s: %w", *networks, err)
		}
	}

	sim, err := vpcsim.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return errors.Join(err, sim.Close())
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	served := make(chan error, 1)
	go func() { served <- sim.Serve(ctx, ln, logRequests(sim, log)) }()
	// The listener accepts connections from here on: the kernel queues them until Serve takes them.
	fmt.Fprintf(stdout, "vpcsim listening on http://%s\n", ln.Addr())
	log.Info("vpcsim started", "addr", ln.Addr().String(), "state_file", cfg.StateFile, "provision_delay", cfg.ProvisionDelay,
		"update_delay", cfg.UpdateDelay, "delete_delay", cfg.DeleteDelay, "quota", cfg.Quota, "qps", cfg.QPS, "fault_rate", cfg.FaultRate, "read_lag", cfg.ReadLag,
		"dialect", sim.Dialect(), "provision_spread", cfg.ProvisionSpread, "seed", cfg.Seed)

	select {
	case err = <-served:
	case <-ctx.Done():
		log.Info("vpcsim stopping")
		err = <-served
	}
	return errors.Join(err, sim.Close())
}

// logRequests logs every request with its answer's status to stderr.
func logRequests(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		begin := time.Now()
		next.ServeHTTP(sw, r)
		action := r.Header.Get("x-acs-action")
		if action == "" {
			action = r.URL.Query().Get("Action")
		}
		log.Info("request", "method", r.Method, "path", r.URL.Path, "action", action, "status", sw.status, "took", time.Since(begin))
	})
}

// statusWriter remembers the status written; Unwrap lets the simulator hijack the connection
// through it to drop a request.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
