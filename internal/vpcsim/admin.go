package vpcsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// adminPrefix is where the unsigned admin endpoints live, on the API's own listener.
const adminPrefix = "/_sim/"

func (s *Sim) adminMux() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /_sim/state", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.State())
	})
	m.HandleFunc("GET /_sim/stats", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Stats())
	})
	m.HandleFunc("GET /_sim/faults", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Faults())
	})
	m.HandleFunc("GET /_sim/requests", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Requests())
	})
	m.HandleFunc("POST /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Faults
		if err := decodeStrict(r, &f); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		if err := f.validate(); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		s.SetFaults(f)
		adminJSON(w, http.StatusOK, f)
	})
	m.HandleFunc("POST /_sim/outage", s.serveOutage)
	m.HandleFunc("POST /_sim/orders/{id}/pay", func(w http.ResponseWriter, r *http.Request) {
		if err := s.PayOrder(r.PathValue("id")); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, map[string]any{"OrderId": r.PathValue("id"), "Paid": true})
	})
	m.HandleFunc("POST /_sim/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		adminJSON(w, http.StatusOK, map[string]bool{"reset": true})
	})
	m.HandleFunc("POST /_sim/gateways/{id}", func(w http.ResponseWriter, r *http.Request) {
		var p gateway.Patch
		if err := decodeStrict(r, &p); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		if err := s.PatchGateway(r.PathValue("id"), p); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, s.anyGateway(r.PathValue("id")))
	})
	m.HandleFunc("POST /_sim/foreign-gateways", func(w http.ResponseWriter, r *http.Request) {
		var g gateway.Foreign
		if err := decodeStrict(r, &g); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		added, err := s.AddForeignGateway(g)
		if err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, added)
	})
	m.HandleFunc("POST /_sim/resource-groups", func(w http.ResponseWriter, r *http.Request) {
		var g resourceGroupBody
		if err := decodeStrict(r, &g); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		id, err := s.AddResourceGroup(g.ResourceGroupID)
		if err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, resourceGroupBody{ResourceGroupID: id})
	})
	m.HandleFunc("DELETE /_sim/gateways/{id}", func(w http.ResponseWriter, r *http.Request) {
		if err := s.RemoveGateway(r.PathValue("id")); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, map[string]string{"removed": r.PathValue("id")})
	})
	m.HandleFunc("/_sim/", func(w http.ResponseWriter, r *http.Request) {
		adminError(w, http.StatusNotFound, fmt.Errorf("no admin endpoint %s %s", r.Method, r.URL.Path))
	})
	return m
}

func (s *Sim) serveAdmin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		adminError(w, http.StatusServiceUnavailable, errors.New("vpcsim is closed"))
		return
	}
	s.admin.ServeHTTP(w, r)
}

func adminStatus(err error) int {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, gateway.ErrBadPatch):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func decodeStrict(r *http.Request, v any) error {
	d := json.NewDecoder(http.MaxBytesReader(nil, r.Body, request.MaxBodyBytes))
	d.DisallowUnknownFields()
	// An empty body is the zero value: POST /_sim/faults with no body clears the faults.
	if err := d.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("request body: %w", err)
	}
	return nil
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away cannot be told anything more
}

func adminError(w http.ResponseWriter, status int, err error) {
	adminJSON(w, status, map[string]string{"error": err.Error()})
}
