package journal

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// ended is the number of a process that does not run.
const ended = 1 << 30

func TestOpenNeedsADataDirectory(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("TF_DATA_DIR", "")
	if j := Open(); j != nil {
		t.Fatalf("Open outside a working directory = %q, want nil", j.Dir())
	}
	if err := os.Mkdir(".terraform", 0o755); err != nil {
		t.Fatal(err)
	}
	if j := Open(); j == nil || filepath.Base(filepath.Dir(j.Dir())) != ".terraform" {
		t.Fatalf("Open in a working directory = %v, want .terraform/%s", j, Subdir)
	}
	data := t.TempDir()
	t.Setenv("TF_DATA_DIR", data)
	if j := Open(); j == nil || filepath.Dir(j.Dir()) != data {
		t.Fatalf("Open with TF_DATA_DIR = %v, want under %s", j, data)
	}
}

func TestANilJournalKeepsNothing(t *testing.T) {
	var j *Journal
	e, err := j.Begin("k", "t")
	if err != nil || e != nil {
		t.Fatalf("Begin = %v, %v", e, err)
	}
	if err := e.Created("vpn-1", ""); err != nil {
		t.Fatal(err)
	}
	if e.Release() != nil || e.Done() != nil || j.Claim("k") != nil || j.Holds("vpn-1") {
		t.Fatal("a nil journal kept something")
	}
	if _, err := j.Key("endpoint", map[string]string{}); err != nil {
		t.Fatal(err)
	}
}

// An entry is claimed only when no running process owns it, and by one claimer.
func TestClaim(t *testing.T) {
	dir := t.TempDir()
	mine, running, gone := At(dir, os.Getpid()), At(dir, os.Getppid()), At(dir, ended)

	if _, err := running.Begin("k", "t-running"); err != nil {
		t.Fatal(err)
	}
	own, err := mine.Begin("k", "t-mine")
	if err != nil {
		t.Fatal(err)
	}
	if e := mine.Claim("k"); e != nil {
		t.Fatalf("claimed %s, which running processes own", e.Token)
	}
	left, err := gone.Begin("k", "t-gone")
	if err != nil {
		t.Fatal(err)
	}
	if err := left.Created("vpn-1", "42"); err != nil {
		t.Fatal(err)
	}
	e := mine.Claim("k")
	if e == nil || e.Token != "t-gone" || e.ID != "vpn-1" || e.OrderID != "42" {
		t.Fatalf("claimed %+v, want the ended process's entry with its gateway", e)
	}
	if again := mine.Claim("k"); again != nil {
		t.Fatalf("claimed %s twice", again.Token)
	}
	if mine.Claim("other") != nil {
		t.Fatal("claimed an entry of another key")
	}
	// Released, this process's own entry is for the next create to claim.
	if err := own.Release(); err != nil {
		t.Fatal(err)
	}
	if e := mine.Claim("k"); e == nil || e.Token != "t-mine" {
		t.Fatalf("claimed %+v, want the released entry", e)
	}
}

// Claimers that race for one entry, in three processes: exactly one gets it.
func TestClaimOnce(t *testing.T) {
	dir := t.TempDir()
	if _, err := At(dir, ended).Begin("k", "t"); err != nil {
		t.Fatal(err)
	}
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		got int
	)
	// Running processes: a claimer's entry is not another's to claim.
	for _, pid := range []int{os.Getpid(), os.Getppid(), 1, os.Getpid(), os.Getppid(), 1} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if At(dir, pid).Claim("k") != nil {
				mu.Lock()
				got++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if got != 1 {
		t.Fatalf("%d claimers got the entry, want 1", got)
	}
}

func TestRetireAndHolds(t *testing.T) {
	j := At(t.TempDir(), ended)
	e, err := j.Begin("k", "t")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Created("vpn-1", ""); err != nil {
		t.Fatal(err)
	}
	if !j.Holds("vpn-1") || j.Holds("vpn-2") {
		t.Fatal("Holds does not tell the entry's gateway")
	}
	j.Retire("vpn-1")
	if j.Holds("vpn-1") || At(j.Dir(), os.Getpid()).Claim("k") != nil {
		t.Fatal("a retired gateway is still in the journal")
	}
}

func TestOldEntriesAreDropped(t *testing.T) {
	j := At(t.TempDir(), ended)
	e, err := j.Begin("k", "t")
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-MaxAge - time.Minute)
	if err := os.Chtimes(e.path(), old, old); err != nil {
		t.Fatal(err)
	}
	if got := At(j.Dir(), os.Getpid()).Claim("k"); got != nil {
		t.Fatalf("claimed an entry older than %s", MaxAge)
	}
	if files, _ := os.ReadDir(j.Dir()); len(files) != 0 {
		t.Fatalf("the old entry is still on disk: %v", files)
	}
}

// Keys tell requests, endpoints and workspaces apart.
func TestKey(t *testing.T) {
	data := t.TempDir()
	j := At(filepath.Join(data, Subdir), ended)
	t.Setenv("TF_WORKSPACE", "")
	key := func(endpoint string, req any) string {
		k, err := j.Key(endpoint, req)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := key("e", map[string]string{"Name": "a"})
	if base != key("e", map[string]string{"Name": "a"}) {
		t.Fatal("the same request has two keys")
	}
	if base == key("e", map[string]string{"Name": "b"}) || base == key("f", map[string]string{"Name": "a"}) {
		t.Fatal("another request or endpoint has the same key")
	}
	if err := os.WriteFile(filepath.Join(data, "environment"), []byte("staging"), 0o644); err != nil {
		t.Fatal(err)
	}
	staging := key("e", map[string]string{"Name": "a"})
	if staging == base {
		t.Fatal("another workspace has the same key")
	}
	t.Setenv("TF_WORKSPACE", "staging")
	if key("e", map[string]string{"Name": "a"}) != staging {
		t.Fatal("TF_WORKSPACE and the environment file name one workspace with two keys")
	}
}
