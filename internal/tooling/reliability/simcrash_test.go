//go:build linux

package reliability

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// vpcsim itself: kill -9 during a burst of writes with -state-file, then restart on the same
// address. Every change vpcsim acknowledged before the kill must be in the state file it leaves
// behind; and the clients, which retry through the outage with their ClientTokens (the provider's
// own client, vpcclient), must end with exactly the gateways they were told about: none lost, none
// created twice by a retry that met the restarted simulator.
func TestReliability_simKilledDuringWrites(t *testing.T) {
	ts := needTools(t)
	const workers = 8
	kills := Count(1, 5)
	perWorker := Count(12, 60)
	secret := "secret-" + rand.Text()
	stateFile := filepath.Join(t.TempDir(), "vpcsim.json")
	sim := startSim(t, ts, secret, "-state-file", stateFile, "-quota", strconv.Itoa(workers*perWorker))
	client, err := vpcclient.New(vpcclient.Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: accessKeyID, AccessKeySecret: secret,
		Endpoint: sim.Endpoint(), Protocol: vpcclient.ProtocolHTTP, RateLimit: -1,
		Retry: vpcclient.RetryPolicy{BaseDelay: 20 * time.Millisecond, MaxDelay: 500 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	j := &journal{gateways: map[string]*acked{}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := burst(ctx, client, j, w, perWorker); err != nil {
				errs <- err
				cancel()
			}
		}()
	}

	var ackedAtKill []int
	var lostAtKill, inFlight int
	for k := range kills {
		// The kill comes from the client that receives the target-th acknowledgement, at once: no
		// later write can have saved the state for a simulator that answered before saving it.
		killed := j.killAt((k+1)*workers*perWorker/(kills+1), sim.Pid())
		select {
		case <-killed:
		case <-ctx.Done():
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			t.Fatalf("the burst ended before kill %d: %v", k+1, ctx.Err())
		}
		sim.Kill()
		snapshot := j.copy() // every acknowledgement so far was answered before the kill
		ackedAtKill = append(ackedAtKill, snapshot.count())
		lost, extra := snapshot.compareWith(t, loadStateFile(t, stateFile))
		lostAtKill += len(lost)
		inFlight += len(extra)
		for _, l := range lost {
			t.Errorf("kill %d: acknowledged before the kill, missing from the state file: %s", k+1, l)
		}
		sim.restart()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	// After the restarts, with every retry done: exactly the gateways the clients were told about.
	final := map[string]gateway.View{}
	for _, g := range sim.state().Gateways {
		final[g.VpnGatewayID] = g
	}
	lost, extra := j.compareWith(t, final)
	for _, l := range lost {
		t.Errorf("after the restarts: %s", l)
	}
	for _, id := range extra {
		t.Errorf("after the restarts vpcsim holds %s, which no client was told about: created twice", id)
	}
	creates, renames, deletes := j.totals()
	Record(t, Result{
		Scenario: "vpcsim kill -9 during a burst of writes (-state-file), then restart",
		Runs:     kills,
		Unit:     fmt.Sprintf("kills during %d creates, %d renames and %d deletes from %d concurrent clients", creates, renames, deletes, workers),
		Checked: []string{
			"every create, rename and delete vpcsim acknowledged before the kill is in the state file the killed process left",
			"the clients (vpcclient, retrying with their ClientTokens through the outage) all succeed after the restart",
			"afterwards vpcsim holds exactly the gateways the clients were told about, with their last names: none lost, none created twice",
		},
		Figures: []Figure{
			{Name: "writes acknowledged at each kill", Value: fmt.Sprint(ackedAtKill)},
			{Name: "acknowledged writes missing after a kill", Value: strconv.Itoa(lostAtKill)},
			{Name: "unacknowledged writes found in the state file (in flight at a kill)", Value: strconv.Itoa(inFlight)},
			{Name: "gateways at the end", Value: strconv.Itoa(len(final))},
		},
	})
}

// acked is what vpcsim acknowledged about one gateway, and the change in flight on it, if any.
type acked struct {
	name    string
	deleted bool
	pending string // "rename to <name>" or "delete": sent, not yet answered
}

// journal records every acknowledged write, by gateway.
type journal struct {
	mu                        sync.Mutex
	gateways                  map[string]*acked
	writes                    int
	creates, renames, deletes int

	killAtWrite, killPID int
	killed               chan struct{}
}

// killAt arms a SIGKILL of pid at the write-th acknowledgement (or the next one, if that many are
// in already), sent by the client that receives it; the channel closes once it is sent.
func (j *journal) killAt(write, pid int) <-chan struct{} {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.killAtWrite, j.killPID, j.killed = write, pid, make(chan struct{})
	return j.killed
}

// ackedLocked counts one acknowledged write and fires an armed kill.
func (j *journal) ackedLocked() {
	j.writes++
	if j.killAtWrite > 0 && j.writes >= j.killAtWrite {
		_ = syscall.Kill(j.killPID, syscall.SIGKILL) // Sim.Kill reaps it and reports failures
		j.killAtWrite = 0
		close(j.killed)
	}
}

func (j *journal) count() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.writes
}

func (j *journal) totals() (creates, renames, deletes int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.creates, j.renames, j.deletes
}

func (j *journal) copy() *journal {
	j.mu.Lock()
	defer j.mu.Unlock()
	c := &journal{gateways: map[string]*acked{}, writes: j.writes}
	for id, a := range j.gateways {
		v := *a
		c.gateways[id] = &v
	}
	return c
}

func (j *journal) created(id, name string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.gateways[id] = &acked{name: name}
	j.creates++
	j.ackedLocked()
}

// sending notes the change about to be sent for id.
func (j *journal) sending(id, change string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.gateways[id].pending = change
}

func (j *journal) renamed(id, name string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.gateways[id].name, j.gateways[id].pending = name, ""
	j.renames++
	j.ackedLocked()
}

func (j *journal) deleted(id string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.gateways[id].deleted, j.gateways[id].pending = true, ""
	j.deletes++
	j.ackedLocked()
}

// compareWith checks gateways (vpcsim's, by ID) against the journal: lost lists acknowledged
// writes missing from them, extra the gateways the journal does not know (creates in flight, or
// created twice). A change in flight may or may not have taken effect.
func (j *journal) compareWith(t *testing.T, gateways map[string]gateway.View) (lost, extra []string) {
	t.Helper()
	for id, a := range j.gateways {
		g, ok := gateways[id]
		switch {
		case a.deleted && ok:
			lost = append(lost, fmt.Sprintf("gateway %s was deleted but is still there (%s)", id, g.Status))
		case a.deleted:
		case !ok && a.pending == "delete":
		case !ok:
			lost = append(lost, fmt.Sprintf("gateway %s was created but is gone", id))
		case g.Name != a.name && a.pending != "rename to "+g.Name:
			lost = append(lost, fmt.Sprintf("gateway %s was named %q but is %q", id, a.name, g.Name))
		}
	}
	for id := range gateways {
		if _, ok := j.gateways[id]; !ok {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	return lost, extra
}

// loadStateFile reads a copy of the state file the killed vpcsim left, as a restart would.
func loadStateFile(t *testing.T, path string) map[string]gateway.View {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the state file after the kill: %v", err)
	}
	cp := filepath.Join(t.TempDir(), "copy.json")
	if err := os.WriteFile(cp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := vpcsim.New(vpcsim.Config{StateFile: cp})
	if err != nil {
		t.Fatalf("loading the state file left by the kill: %v", err)
	}
	out := map[string]gateway.View{}
	for _, g := range s.Gateways() {
		out[g.VpnGatewayID] = g
	}
	return out
}

// burst is one client's share of the writes: n creates; every third gateway renamed, every fourth
// deleted. Each write has its own ClientToken for all its retries, as the provider's have.
func burst(ctx context.Context, client *vpcclient.Client, j *journal, worker, n int) error {
	region := dara.String(vpcsim.DefaultRegion)
	for i := range n {
		out, err := client.CreateVpnGateway(ctx, &vpc.CreateVpnGatewayRequest{
			RegionId: region, VpcId: dara.String(vpcsim.DefaultVpcID), Bandwidth: dara.Int32(5),
			Name: dara.String(fmt.Sprintf("burst-%d-%d", worker, i)), ClientToken: dara.String(vpcclient.NewClientToken()),
		})
		if err != nil {
			return fmt.Errorf("create: %w", err)
		}
		id := dara.StringValue(out.VpnGatewayId)
		if id == "" {
			return errors.New("create: an answer without a gateway ID")
		}
		j.created(id, fmt.Sprintf("burst-%d-%d", worker, i))
		if i%3 == 0 {
			name := fmt.Sprintf("renamed-%d-%d", worker, i)
			j.sending(id, "rename to "+name)
			if _, err := client.ModifyVpnGatewayAttribute(ctx, &vpc.ModifyVpnGatewayAttributeRequest{
				RegionId: region, VpnGatewayId: dara.String(id), Name: dara.String(name),
				ClientToken: dara.String(vpcclient.NewClientToken()),
			}); err != nil {
				return fmt.Errorf("rename %s: %w", id, err)
			}
			j.renamed(id, name)
		}
		if i%4 == 0 {
			j.sending(id, "delete")
			if _, err := client.DeleteVpnGateway(ctx, &vpc.DeleteVpnGatewayRequest{
				RegionId: region, VpnGatewayId: dara.String(id), ClientToken: dara.String(vpcclient.NewClientToken()),
			}); err != nil {
				return fmt.Errorf("delete %s: %w", id, err)
			}
			j.deleted(id)
		}
	}
	return nil
}
