package vpngateway

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// startSim starts a simulator with cfg for tb, and a client of it outside Terraform: the
// resource's pieces (waiters, validators) are measured and compared against it directly, with no
// provider around them.
func startSim(tb testing.TB, cfg vpcsim.Config) (*vpcsim.Sim, *vpcclient.Client) {
	tb.Helper()
	sim, err := vpcsim.New(cfg)
	if err != nil {
		tb.Fatalf("starting vpcsim: %v", err)
	}
	srv := httptest.NewServer(sim)
	tb.Cleanup(func() {
		srv.Close()
		_ = sim.Close()
	})
	client, err := vpcclient.New(vpcclient.Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: strings.TrimPrefix(srv.URL, "http://"), Protocol: vpcclient.ProtocolHTTP,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return sim, client
}
