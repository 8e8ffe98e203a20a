// Package vpcsim is a local simulator of the Alibaba Cloud VPC endpoint (API 2016-04-28) for the
// VPN gateway actions. It speaks the RPC wire protocol the official SDK speaks, checks both
// signature versions against configured access keys, and keeps gateways whose status changes
// with time, so that the provider's tests, demo and benchmarks run against something the SDK
// cannot tell from the real endpoint and that refuses what the real endpoint refuses.
//
// A Sim is an http.Handler: the API is served on "/", unsigned admin endpoints under "/_sim/".
// Everything is guarded by one mutex; statuses are computed from timestamps when they are read,
// so there are no timers and a restart from the state file resumes exactly where it stopped.
package vpcsim

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/signature"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/throttle"
)

// The default access key pair and the seeded network. The key pair is for local use only and
// grants nothing anywhere else.
const (
	DefaultAccessKeyID     = "vpcsim-access-key-id"
	DefaultAccessKeySecret = "vpcsim-access-key-secret"
	DefaultRegion          = "cn-hangzhou"
	DefaultVpcID           = "vpc-bp1simdefault00000001"
	DefaultVSwitchID       = "vsw-bp1simzoneh000000001" // zone cn-hangzhou-h
	SecondVSwitchID        = "vsw-bp1simzonei000000001" // zone cn-hangzhou-i (disaster-recovery vSwitch)
)

// What the seeded network's Describe filters find: its VPC's DHCP options set and system route
// table, and the custom route table of the second vSwitch (which also sits in
// SecondResourceGroupID, so that a resource-group filter has something to tell apart).
const (
	DefaultDhcpOptionsSetID = "dopt-bp1simdefault0000001"
	SystemRouteTableID      = "vtb-bp1simdefault00000001"
	CustomRouteTableID      = "vtb-bp1simcustom000000001"
)

// The resource groups every simulator starts with. DefaultResourceGroupID is the one a gateway
// joins when CreateVpnGateway names none, as the real account's default resource group is; the
// other two are there to move gateways to. AddResourceGroup adds more.
const (
	DefaultResourceGroupID = "rg-acfmvpcsimdefault"
	SecondResourceGroupID  = "rg-acfmvpcsimsecond"
	ThirdResourceGroupID   = "rg-acfmvpcsimthird"
)

// DefaultQuota is the number of gateways a region holds when Config.Quota is 0.
const DefaultQuota = 100

// ErrNotFound is returned by the admin methods for an order or gateway that does not exist.
var ErrNotFound = errors.New("vpcsim: not found")

// AccessKey is a key pair the simulator accepts. A non-empty SecurityToken makes it an STS key:
// every request signed with it must carry exactly that token.
type AccessKey struct{ ID, Secret, SecurityToken string }

// Config sets a simulator up. The zero value is a usable in-memory simulator with the default key.
type Config struct {
	AccessKeys     []AccessKey      // nil: the one default pair above
	ProvisionDelay time.Duration    // create -> active (init, then provisioning, then active)
	UpdateDelay    time.Duration    // how long a gateway stays "updating" after a modify
	DeleteDelay    time.Duration    // how long it stays "deleting" before it is gone
	Quota          int              // gateways per region; 0: DefaultQuota
	QPS            float64          // per access key, per action; 0: unlimited
	FaultRate      float64          // as Faults.ErrorRate, from the start
	ReadLag        time.Duration    // as Faults.ReadLag, from the start
	StateFile      string           // "": in memory only
	Networks       []network.Region // added to the seeded cn-hangzhou network
	Now            func() time.Time // nil: time.Now
	// Dialect is the site whose endpoint the simulator imitates; "": dialect.Default.
	Dialect dialect.Dialect
	// ProvisionSpread draws each gateway's provisioning delay uniformly from
	// [ProvisionDelay/2, 2*ProvisionDelay] instead of giving every gateway ProvisionDelay, as
	// real gateways take more or less time. The draw depends on Seed and the gateway's creation
	// order only, and is kept with the gateway, so that runs repeat and restarts resume.
	ProvisionSpread bool
	Seed            uint64
}

// Sim is the simulator. Create it with New; it is safe for concurrent use.
type Sim struct {
	cfg     Config
	gw      gateway.Settings // what of cfg a gateway's status and answers depend on
	regions network.Networks
	admin   *http.ServeMux

	mu              sync.Mutex
	closed          bool
	state           *state
	saved           []byte             // the state file's content as last written, to roll back a failed write
	signatures      *signature.Checker // the access keys, and the nonces they have used
	buckets         *throttle.Buckets
	faults          Faults
	ruleCounts      map[string]int          // action -> requests of it since the faults were set
	lag             map[string][]lagVersion // gateway ID -> its versions the reads still answer (readlag.go)
	stats           Stats
	requests        requestLog
	serving         int                // Serve calls running: the ones that can carry out an outage
	outages         chan time.Duration // POST /_sim/outage to Serve, once its answer is written
	outageBeginning bool               // an outage is answered and not yet taken up by Serve
}

// New validates cfg, loads the state file if there is one, and returns a ready simulator.
func New(cfg Config) (*Sim, error) {
	if cfg.Quota < 0 || cfg.QPS < 0 || cfg.FaultRate < 0 || cfg.FaultRate > 1 || cfg.ReadLag < 0 {
		return nil, fmt.Errorf("vpcsim: Quota, QPS and ReadLag must be >= 0 and FaultRate within [0, 1]")
	}
	if cfg.ProvisionDelay < 0 || cfg.UpdateDelay < 0 || cfg.DeleteDelay < 0 {
		return nil, fmt.Errorf("vpcsim: delays must be >= 0")
	}
	if cfg.Quota == 0 {
		cfg.Quota = DefaultQuota
	}
	parsed, err := dialect.Parse(string(cfg.Dialect))
	if err != nil {
		return nil, err
	}
	cfg.Dialect = parsed
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	keys, err := accessKeys(cfg.AccessKeys)
	if err != nil {
		return nil, err
	}
	regions, err := network.Build(seedNetwork(), cfg.Networks)
	if err != nil {
		return nil, err
	}
	s := &Sim{
		cfg:        cfg,
		gw:         gateway.Settings{ProvisionDelay: cfg.ProvisionDelay, DeleteDelay: cfg.DeleteDelay, Dialect: cfg.Dialect},
		regions:    regions,
		state:      newState(),
		signatures: signature.NewChecker(keys),
		buckets:    throttle.New(cfg.QPS),
		stats:      newStats(),
		requests:   newRequestLog(),
		outages:    make(chan time.Duration, 1),
	}
	s.setFaultsLocked(cfg.initialFaults())
	if cfg.StateFile != "" {
		if err := s.load(); err != nil {
			return nil, err
		}
	}
	s.admin = s.adminMux()
	return s, nil
}

// seedNetwork is the network every simulator starts with, in DefaultRegion.
func seedNetwork() network.Region {
	return network.Region{ID: DefaultRegion, Vpcs: []network.Vpc{{
		ID:               DefaultVpcID,
		Name:             "vpcsim-default",
		CidrBlock:        "172.16.0.0/12",
		DhcpOptionsSetID: DefaultDhcpOptionsSetID,
		RouteTableID:     SystemRouteTableID,
		Tags:             map[string]string{"env": "vpcsim"},
		VSwitches: []network.VSwitch{
			{ID: DefaultVSwitchID, ZoneID: "cn-hangzhou-h", CidrBlock: "172.16.0.0/24", Name: "vpcsim-zone-h",
				Tags: map[string]string{"env": "vpcsim", "zone": "h"}},
			{ID: SecondVSwitchID, ZoneID: "cn-hangzhou-i", CidrBlock: "172.16.1.0/24", Name: "vpcsim-zone-i",
				ResourceGroupID: SecondResourceGroupID, RouteTableID: CustomRouteTableID,
				Tags: map[string]string{"env": "vpcsim", "zone": "i"}},
		},
	}}}
}

func accessKeys(list []AccessKey) (map[string]signature.Key, error) {
	if list == nil {
		list = []AccessKey{{ID: DefaultAccessKeyID, Secret: DefaultAccessKeySecret}}
	}
	keys := make(map[string]signature.Key, len(list))
	for _, k := range list {
		if k.ID == "" || k.Secret == "" {
			return nil, fmt.Errorf("vpcsim: an access key needs both an ID and a secret")
		}
		if _, dup := keys[k.ID]; dup {
			return nil, fmt.Errorf("vpcsim: access key %q is configured twice", k.ID)
		}
		keys[k.ID] = signature.Key(k)
	}
	return keys, nil
}

// ServeHTTP serves the API on "/" and the admin endpoints under "/_sim/".
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	s.serveAPI(w, r)
}

// Close writes the state file one last time. The simulator runs no background work, so nothing
// else needs stopping; afterwards every request is answered ServiceUnavailable.
func (s *Sim) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.cfg.StateFile == "" {
		return nil
	}
	return s.saveLocked()
}

// Reset forgets every gateway, order, client token, nonce, fault, counter, logged request and
// added resource group, as if the simulator had just started with an empty state file.
func (s *Sim) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = newState()
	s.signatures.ForgetNonces()
	s.buckets = throttle.New(s.cfg.QPS)
	s.setFaultsLocked(s.cfg.initialFaults())
	s.stats = newStats()
	s.requests = newRequestLog()
	if s.cfg.StateFile != "" {
		// Reset is a test fixture: a failed write leaves the in-memory reset in place and the
		// next successful write carries it to disk.
		_ = s.saveLocked()
	}
}

// initialFaults are the faults the configuration sets from the start.
func (cfg *Config) initialFaults() Faults {
	return Faults{ErrorRate: cfg.FaultRate, ReadLag: Duration(cfg.ReadLag)}
}

func (s *Sim) now() time.Time { return s.cfg.Now() }

// Dialect is the dialect the simulator speaks.
func (s *Sim) Dialect() dialect.Dialect { return s.cfg.Dialect }
