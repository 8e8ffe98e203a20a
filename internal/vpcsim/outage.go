package vpcsim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

// An outage takes the whole endpoint away for a while, as a real endpoint that restarts or
// loses its network does: the listener is closed, so connections are refused, and the open ones
// are closed, answered or not. The simulator keeps its state in memory all along. Only Serve can
// do that, as it owns the listener: a Sim served by anything else answers POST /_sim/outage with
// 501.

// outageBody is the body of POST /_sim/outage and of its answer.
type outageBody struct {
	For Duration `json:"for"`
}

// readHeaderTimeout keeps a client that never finishes its request headers from holding a
// connection for ever.
const readHeaderTimeout = 10 * time.Second

// Serve serves h, which is s or a handler wrapping it, on ln until ctx is done, then shuts down
// gracefully: open requests get up to 5 seconds, then are cut, as a request held by a fault may
// wait longer and is no reason to fail. It carries out POST /_sim/outage: closes ln
// and every open connection, waits, and listens again on ln's address. It returns an error only
// if serving fails, or listening again does. One Serve per Sim.
func (s *Sim) Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	s.mu.Lock()
	s.serving++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.serving--
		s.mu.Unlock()
	}()
	addr := ln.Addr().String()
	for {
		srv := &http.Server{Handler: h, ReadHeaderTimeout: readHeaderTimeout}
		served := make(chan error, 1)
		go func() { served <- srv.Serve(ln) }()
		select {
		case err := <-served:
			return err
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); errors.Is(err, context.DeadlineExceeded) {
				_ = srv.Close() // cutting the requests still open is the point
			}
			return serveError(<-served)
		case d := <-s.outages:
			s.mu.Lock()
			s.outageBeginning = false
			s.mu.Unlock()
			_ = srv.Close() // closing is the point; an error closing a connection changes nothing
			if err := serveError(<-served); err != nil {
				return err
			}
			wait(ctx, d)
			if ctx.Err() != nil {
				return nil
			}
			var err error
			if ln, err = listenAgain(ctx, addr); err != nil {
				return err
			}
		}
	}
}

// serveError is what http.Server.Serve returned, unless it says the server was closed, as Serve
// closes it.
func serveError(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// listenAgain listens on addr again, trying for a few seconds in case the address is not free
// at once.
func listenAgain(ctx context.Context, addr string) (net.Listener, error) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		ln, err := net.Listen("tcp", addr)
		if err == nil || time.Now().After(deadline) || ctx.Err() != nil {
			if err != nil {
				err = fmt.Errorf("vpcsim: listening again on %s after an outage: %w", addr, err)
			}
			return ln, err
		}
		wait(ctx, 50*time.Millisecond)
	}
}

// serveOutage answers POST /_sim/outage, then has Serve take the endpoint away. The answer is
// written whole, with its length, and flushed before the outage begins, so that closing the
// connection cannot cut it short.
func (s *Sim) serveOutage(w http.ResponseWriter, r *http.Request) {
	var o outageBody
	if err := decodeStrict(r, &o); err != nil {
		adminError(w, http.StatusBadRequest, err)
		return
	}
	if o.For <= 0 {
		adminError(w, http.StatusBadRequest, errors.New(`"for" must be a positive duration, such as "6s"`))
		return
	}
	s.mu.Lock()
	serving, beginning := s.serving > 0, s.outageBeginning
	if serving && !beginning {
		s.outageBeginning = true
	}
	s.mu.Unlock()
	switch {
	case !serving:
		adminError(w, http.StatusNotImplemented, errors.New("an outage needs the listener: serve the simulator with vpcsim.Serve (as the vpcsim command does)"))
		return
	case beginning:
		adminError(w, http.StatusConflict, errors.New("an outage is beginning already"))
		return
	}
	body, _ := json.Marshal(o) // a Duration always marshals
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Connection", "close")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body) // a client that went away misses only the confirmation
	_ = http.NewResponseController(w).Flush()
	s.outages <- time.Duration(o.For) // there is room: one outage begins at a time
}

// WaitReachable waits until addr (host:port) accepts TCP connections, when reachable is true, or
// refuses them, when false, checking every 10ms until ctx is done: how a test or a harness tells
// that an outage has begun or ended.
func WaitReachable(ctx context.Context, addr string, reachable bool) error {
	var d net.Dialer
	for {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			_ = conn.Close() // the connection was only a probe
		}
		if (err == nil) == reachable {
			return nil
		}
		wait(ctx, 10*time.Millisecond)
		if ctx.Err() != nil {
			return fmt.Errorf("vpcsim: %s still %s: %w", addr, map[bool]string{true: "refuses connections", false: "accepts connections"}[reachable], ctx.Err())
		}
	}
}
