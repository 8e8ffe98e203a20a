package vpngateway

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// endedPID stands for a provider process that was killed: no process has this number.
const endedPID = 1 << 30

// launchWorld is a vpcsim, its client and one working directory's journal, seen by a process
// that was killed mid-create (ended) and by the next one (next).
type launchWorld struct {
	sim         *vpcsim.Sim
	client      *vpcclient.Client
	ended, next *journal.Journal
	key         string
}

func newLaunchWorld(t *testing.T, cfg vpcsim.Config) *launchWorld {
	t.Helper()
	sim, client := startSim(t, cfg)
	dir := t.TempDir()
	w := &launchWorld{sim: sim, client: client, ended: journal.At(dir, endedPID), next: journal.At(dir, os.Getpid())}
	key, err := w.next.Key(client.Endpoint(), createRequest("journaled"))
	if err != nil {
		t.Fatal(err)
	}
	w.key = key
	return w
}

// request is the create request of the world's gateway, without its ClientToken.
func (w *launchWorld) request() *vpc.CreateVpnGatewayRequest {
	req := createRequest("journaled")
	req.ClientToken = nil
	return req
}

// endedCreate is a create of the ended process: its entry, and the gateway the API created when
// created is true; killed once the API answered (withID) or before.
func (w *launchWorld) endedCreate(t *testing.T, created, withID bool) string {
	t.Helper()
	token := vpcclient.NewClientToken()
	e, err := w.ended.Begin(w.key, token)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		return ""
	}
	req := w.request()
	req.ClientToken = dara.String(token)
	out, err := createVpnGateway(context.Background(), w.client, req, true)
	if err != nil {
		t.Fatal(err)
	}
	id := dara.StringValue(out.VpnGatewayId)
	if withID {
		if err := e.Created(id, ""); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func (w *launchWorld) creates() int { return w.sim.Stats().Effects[vpcapi.ActionCreateVpnGateway] }

// The next create of the same request finishes the one a killed process left: it adopts the
// gateway the entry names, or, killed before the answer, resends the request with the entry's
// ClientToken. Either way the API creates one gateway, and the entry goes once Create is done.
func TestLaunchFinishesTheCreateOfAnEndedProcess(t *testing.T) {
	for _, tc := range []struct {
		name            string
		created, withID bool
		adopted         bool
	}{
		{name: "killed after the answer", created: true, withID: true, adopted: true},
		{name: "killed before the answer, gateway created", created: true},
		{name: "killed before the request reached the API"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newLaunchWorld(t, vpcsim.Config{})
			id := w.endedCreate(t, tc.created, tc.withID)
			got, err := launch(context.Background(), w.client, w.next, w.key, w.request())
			if err != nil {
				t.Fatal(err)
			}
			if got.adopted != tc.adopted {
				t.Errorf("adopted = %v, want %v", got.adopted, tc.adopted)
			}
			if gotID := dara.StringValue(got.out.VpnGatewayId); id != "" && gotID != id {
				t.Errorf("the create answered %s, the ended process had created %s", gotID, id)
			}
			if n := w.creates(); n != 1 {
				t.Errorf("CreateVpnGateway took effect %d times, want 1", n)
			}
			// The entry names the gateway until a state is seen to hold it.
			gotID := dara.StringValue(got.out.VpnGatewayId)
			if !w.next.Holds(gotID) {
				t.Errorf("the journal lost %s before a state held it", gotID)
			}
			w.next.Retire(gotID)
			if again := w.next.Claim(w.key); again != nil {
				t.Errorf("an entry is left to claim after a state held the gateway: %+v", again)
			}
			if w.next.Holds(gotID) {
				t.Errorf("the journal still holds %s after a state held it", gotID)
			}
		})
	}
}

// A create a running process has in flight is not another's to finish, and a gateway that is gone
// is not adopted: both creates make a new gateway.
func TestLaunchLeavesWhatIsNotLeftOver(t *testing.T) {
	t.Run("a running process's create", func(t *testing.T) {
		w := newLaunchWorld(t, vpcsim.Config{})
		w.ended = journal.At(w.ended.Dir(), os.Getppid())
		w.endedCreate(t, true, true)
		if got, err := launch(context.Background(), w.client, w.next, w.key, w.request()); err != nil || got.adopted {
			t.Fatalf("launch = adopted %v, %v; want a create of its own", got.adopted, err)
		}
		if n := w.creates(); n != 2 {
			t.Errorf("CreateVpnGateway took effect %d times, want 2", n)
		}
	})
	t.Run("a gateway deleted since", func(t *testing.T) {
		defer func(lag time.Duration) { adoptLag = lag }(adoptLag)
		adoptLag = 0
		w := newLaunchWorld(t, vpcsim.Config{})
		id := w.endedCreate(t, true, true)
		if _, err := w.client.DeleteVpnGateway(context.Background(), &vpc.DeleteVpnGatewayRequest{
			RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(id),
			ClientToken: dara.String(vpcclient.NewClientToken()),
		}); err != nil {
			t.Fatal(err)
		}
		if gws := w.sim.Gateways(); len(gws) != 0 {
			t.Fatalf("vpcsim still holds %+v", gws)
		}
		got, err := launch(context.Background(), w.client, w.next, w.key, w.request())
		if err != nil || got.adopted || dara.StringValue(got.out.VpnGatewayId) == id {
			t.Fatalf("launch = %+v, %v; want a new gateway", got, err)
		}
	})
}

// Within adoptLag of its create, a gateway DescribeVpnGateway does not show (read-after-write lag,
// or an endpoint that never made it) is asked for by the entry's request and ClientToken: the API
// answers with the gateway it made, or makes the one this create needs.
func TestLaunchThroughReadLag(t *testing.T) {
	t.Run("lagging", func(t *testing.T) {
		w := newLaunchWorld(t, vpcsim.Config{ReadLag: 5 * time.Second})
		id := w.endedCreate(t, true, true)
		got, err := launch(context.Background(), w.client, w.next, w.key, w.request())
		if err != nil || dara.StringValue(got.out.VpnGatewayId) != id || w.creates() != 1 {
			t.Fatalf("launch = %+v, %v, %d creates; want %s, created once", got, err, w.creates(), id)
		}
	})
	t.Run("never made here", func(t *testing.T) {
		w := newLaunchWorld(t, vpcsim.Config{})
		e, err := w.ended.Begin(w.key, vpcclient.NewClientToken())
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Created("vpn-elsewhere", ""); err != nil {
			t.Fatal(err)
		}
		got, err := launch(context.Background(), w.client, w.next, w.key, w.request())
		if err != nil || got.adopted || w.creates() != 1 {
			t.Fatalf("launch = %+v, %v, %d creates; want a gateway made here", got, err, w.creates())
		}
	})
}

// The error of a create left without an answer tells, when the journal keeps the request, that
// the next apply resends it with the same ClientToken.
func TestMayExistTellsTheJournaledResend(t *testing.T) {
	msg := mayExist(createRequest("lost"), true)
	for _, want := range []string{"may exist", "journal of creates in flight", "same ClientToken"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message does not say %q:\n%s", want, msg)
		}
	}
}
