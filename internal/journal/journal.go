// Package journal keeps the creates a provider process has in flight in Terraform's data directory,
// so that the next apply can finish a create that the process could not report.
//
// Terraform learns a new resource's ID only when the provider's ApplyResourceChange returns. A
// provider process killed between CreateVpnGateway's request and that return (SIGKILL, the machine
// going down, an OOM kill) takes the ID with it: the state never holds the gateway, and the next
// apply would buy a second one. The journal closes that gap. Before the request is sent, an entry
// records its key (the request without its ClientToken) and the token; once the API answers, the
// gateway's ID. The entry goes once a state is seen to hold the gateway (a later refresh, plan or
// import), not when Create returns: the process can still be killed between its return and
// Terraform's receipt of the new state. An entry whose process ended is claimed by the next create
// of the same request: it adopts the gateway the entry names, or sends the request again with the
// entry's ClientToken, which the API answers with the gateway the first request created.
//
// An entry is one file, named for its key, its token, the process that owns it and the gateway's
// ID once known, so that most lookups read names only. Claiming renames the file to the claimer's
// name: a rename succeeds once, so two processes never claim one entry.
package journal

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Subdir is the journal's folder inside Terraform's data directory.
const Subdir = "vpngw-creates-in-flight"

// MaxAge is how long an entry is kept. The API remembers a ClientToken for a day, and a gateway left
// by a killed apply is most likely adopted at the next one; an older entry is dropped when read.
const MaxAge = 7 * 24 * time.Hour

// Journal is the folder of one working directory's entries. A nil *Journal is a journal that keeps
// nothing: the provider runs outside a Terraform working directory (tests with the provider in
// process, a data directory that does not exist).
type Journal struct {
	dir string
	pid int
}

// Open is the journal of the Terraform working directory the provider process runs in: the folder
// Subdir in TF_DATA_DIR, or in ./.terraform when that exists. Terraform starts its providers in the
// working directory, with its environment. It returns nil when there is no data directory.
func Open() *Journal {
	data := os.Getenv("TF_DATA_DIR")
	if data == "" {
		data = ".terraform"
	}
	if info, err := os.Stat(data); err != nil || !info.IsDir() {
		return nil
	}
	abs, err := filepath.Abs(filepath.Join(data, Subdir))
	if err != nil {
		return nil
	}
	return &Journal{dir: abs, pid: os.Getpid()}
}

// At is the journal in dir, for the process pid (tests).
func At(dir string, pid int) *Journal { return &Journal{dir: dir, pid: pid} }

// Dir is where the entries are; "" for a nil journal.
func (j *Journal) Dir() string {
	if j == nil {
		return ""
	}
	return j.dir
}

// Key is the journal key of a create request: a digest of what makes two requests the same
// gateway, its JSON form without the ClientToken, the endpoint it goes to, and the Terraform
// workspace, whose states are apart.
func (j *Journal) Key(endpoint string, request any) (string, error) {
	body, err := json.Marshal(request)
	if err != nil {
		return "", fmt.Errorf("journal key: %w", err)
	}
	sum := sha256.New()
	for _, part := range [][]byte{[]byte(endpoint), []byte(j.workspace()), body} {
		sum.Write([]byte(strconv.Itoa(len(part)) + ":"))
		sum.Write(part)
	}
	return hex.EncodeToString(sum.Sum(nil))[:32], nil
}

// workspace is the selected Terraform workspace: TF_WORKSPACE, or the name Terraform keeps in the
// data directory's environment file, or "default".
func (j *Journal) workspace() string {
	if ws := os.Getenv("TF_WORKSPACE"); ws != "" {
		return ws
	}
	if j != nil {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(j.dir), "environment"))
		if ws := strings.TrimSpace(string(b)); err == nil && ws != "" {
			return ws
		}
	}
	return "default"
}

// Entry is one create in flight.
type Entry struct {
	Key     string    `json:"key"`
	Token   string    `json:"client_token"`
	ID      string    `json:"vpn_gateway_id,omitempty"`
	OrderID string    `json:"order_id,omitempty"`
	Started time.Time `json:"started"`

	j     *Journal
	owner int // the process whose create this is; 0 for none
}

// noID stands for the gateway's ID in the name of an entry whose request has no answer yet.
const noID = "-"

// name is the entry's file name: key, token, owner, ID. Keys are hex, tokens and IDs have no dots.
func (e *Entry) name() string {
	id := e.ID
	if id == "" {
		id = noID
	}
	return strings.Join([]string{e.Key, e.Token, strconv.Itoa(e.owner), id, "json"}, ".")
}

func (e *Entry) path() string { return filepath.Join(e.j.dir, e.name()) }

// parseName is the entry a file name stands for; false for other files.
func (j *Journal) parseName(name string) (*Entry, bool) {
	parts := strings.Split(name, ".")
	if len(parts) != 5 || parts[4] != "json" || parts[0] == "" || parts[1] == "" {
		return nil, false
	}
	owner, err := strconv.Atoi(parts[2])
	if err != nil {
		return nil, false
	}
	e := &Entry{Key: parts[0], Token: parts[1], j: j, owner: owner}
	if parts[3] != noID {
		e.ID = parts[3]
	}
	return e, true
}

// Begin records a create of key with token, owned by this process, before its request is sent.
// A nil journal records nothing and returns a nil entry, whose methods do nothing.
func (j *Journal) Begin(key, token string) (*Entry, error) {
	if j == nil {
		return nil, nil
	}
	if err := os.MkdirAll(j.dir, 0o700); err != nil {
		return nil, fmt.Errorf("journal of creates in flight: %w", err)
	}
	e := &Entry{Key: key, Token: token, Started: time.Now().UTC(), j: j, owner: j.pid}
	return e, e.write()
}

// Created records the gateway the API created for the entry's request.
func (e *Entry) Created(id, orderID string) error {
	if e == nil {
		return nil
	}
	from := e.path()
	e.ID, e.OrderID = id, orderID
	if err := os.Rename(from, e.path()); err != nil {
		return fmt.Errorf("journal of creates in flight: %w", err)
	}
	return e.write()
}

// write replaces the entry's file whole: a reader never sees half of it.
func (e *Entry) write() error {
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(e.j.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("journal of creates in flight: %w", err)
	}
	_, err = tmp.Write(body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), e.path())
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("journal of creates in flight: %w", err)
	}
	return nil
}

// Done removes the entry: a state holds its gateway, or the API refused its request.
func (e *Entry) Done() error {
	if e == nil {
		return nil
	}
	if err := os.Remove(e.path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("journal of creates in flight: %w", err)
	}
	return nil
}

// Release keeps the entry for a later create of the same request to claim: this create returned
// without knowing whether the API created the gateway.
func (e *Entry) Release() error {
	if e == nil {
		return nil
	}
	return e.moveTo(0)
}

// moveTo hands the entry to owner; it fails when another process moved it first.
func (e *Entry) moveTo(owner int) error {
	from := e.path()
	e.owner = owner
	if err := os.Rename(from, e.path()); err != nil {
		return fmt.Errorf("journal of creates in flight: %w", err)
	}
	return nil
}

// Claim takes, for this process, an entry of key that no running process owns: one released, or
// one whose process ended. It returns nil when there is none.
func (j *Journal) Claim(key string) *Entry {
	for _, e := range j.entries() {
		if e.Key != key || e.owner == j.pid || e.owner != 0 && alive(e.owner) {
			continue
		}
		if e.moveTo(j.pid) != nil {
			continue
		}
		// The file's body adds what its name does not tell: the order and the start.
		if body, err := os.ReadFile(e.path()); err == nil {
			var recorded Entry
			if json.Unmarshal(body, &recorded) == nil {
				e.OrderID, e.Started = recorded.OrderID, recorded.Started
			}
		}
		return e
	}
	return nil
}

// Holds reports whether an entry names the gateway id: a process created it, and no state has
// been seen to hold it since.
func (j *Journal) Holds(id string) bool {
	for _, e := range j.entries() {
		if e.ID == id {
			return true
		}
	}
	return false
}

// Retire removes the entries that name the gateway id: a state holds it (it was refreshed,
// planned, imported), and no create may adopt it again.
func (j *Journal) Retire(id string) {
	for _, e := range j.entries() {
		if e.ID == id {
			_ = e.Done()
		}
	}
}

// entries reads the journal's file names, dropping entries last written more than MaxAge ago.
func (j *Journal) entries() []*Entry {
	if j == nil || j.dir == "" {
		return nil
	}
	files, err := os.ReadDir(j.dir)
	if err != nil {
		return nil
	}
	var out []*Entry
	for _, f := range files {
		e, ok := j.parseName(f.Name())
		if !ok {
			continue
		}
		if info, err := f.Info(); err != nil || time.Since(info.ModTime()) > MaxAge {
			_ = os.Remove(filepath.Join(j.dir, f.Name()))
			continue
		}
		out = append(out, e)
	}
	return out
}
