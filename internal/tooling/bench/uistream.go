package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Terraform's machine-readable UI (-json) is one JSON object per line; the harness reads what it
// needs from it: when each resource was reported created or destroyed, the diagnostics the user
// would see, and the change summary.

// uiMessage is the part of a -json UI line the harness reads.
type uiMessage struct {
	Level      string    `json:"@level"`
	Message    string    `json:"@message"`
	Timestamp  time.Time `json:"@timestamp"`
	Type       string    `json:"type"`
	Hook       *uiHook   `json:"hook"`
	Diagnostic *struct {
		Severity string `json:"severity"`
		Summary  string `json:"summary"`
		Detail   string `json:"detail"`
	} `json:"diagnostic"`
	Changes *changeSummary `json:"changes"`
}

type uiHook struct {
	Resource struct {
		Addr string `json:"addr"`
	} `json:"resource"`
	Action  string `json:"action"`
	IDKey   string `json:"id_key"`
	IDValue string `json:"id_value"`
}

// changeSummary is the "changes" of a change_summary message.
type changeSummary struct {
	Add       int    `json:"add"`
	Change    int    `json:"change"`
	Import    int    `json:"import"`
	Remove    int    `json:"remove"`
	Operation string `json:"operation"`
}

// completion is one apply_complete message: a resource Terraform reports done.
type completion struct {
	Addr   string
	Action string // create, update, delete, ...
	ID     string // the resource's id after a create or update
	At     time.Time
}

// uiSummary is what one command's UI stream told.
type uiSummary struct {
	Completed []completion
	Errors    []string // summaries (and details) of the error diagnostics
	Warnings  int
	Changes   *changeSummary // the last change_summary, if any
	Lines     int
}

// parseUIStream reads a -json UI stream. A line that is not JSON is an error: Terraform prints
// nothing else with -json, so it means the harness is reading the wrong thing.
func parseUIStream(r io.Reader) (uiSummary, error) {
	var s uiSummary
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		s.Lines++
		var m uiMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			return s, fmt.Errorf("line %d of the -json stream: %w", s.Lines, err)
		}
		switch m.Type {
		case "apply_complete":
			if m.Hook != nil {
				s.Completed = append(s.Completed, completion{Addr: m.Hook.Resource.Addr, Action: m.Hook.Action, ID: m.Hook.IDValue, At: m.Timestamp})
			}
		case "diagnostic":
			if m.Diagnostic == nil {
				continue
			}
			switch m.Diagnostic.Severity {
			case "error":
				s.Errors = append(s.Errors, strings.TrimSpace(m.Diagnostic.Summary+": "+m.Diagnostic.Detail))
			case "warning":
				s.Warnings++
			}
		case "change_summary":
			s.Changes = m.Changes
		}
	}
	return s, sc.Err()
}

// throttlingErrors counts the error diagnostics that tell the user about throttling: what the
// provider's retries must never let through.
func throttlingErrors(errs []string) int {
	n := 0
	for _, e := range errs {
		if strings.Contains(e, "Throttling") {
			n++
		}
	}
	return n
}
