package vpcsim_test

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The benchmarks measure whole round trips through the official SDK over loopback HTTP, as the
// provider makes them, and report requests per second: serially, and from one client per
// GOMAXPROCS in parallel.

func BenchmarkDescribeVpnGateway(b *testing.B) {
	f := start(b, vpcsim.Config{})
	id := tea.StringValue(mustCreate(b, f.client(b), createRequest()).VpnGatewayId)
	for _, sv := range signatureVersions {
		b.Run(sv.name, func(b *testing.B) {
			c := f.client(b, sv.opt)
			for b.Loop() {
				if _, err := describe(b, c, id); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			c := f.client(b)
			for pb.Next() {
				if _, err := describe(b, c, id); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
}

func BenchmarkCreateVpnGateway(b *testing.B) {
	for _, tc := range []struct {
		name      string
		stateFile bool
	}{{"memory", false}, {"statefile", true}} {
		b.Run(tc.name, func(b *testing.B) {
			cfg := vpcsim.Config{Quota: 1 << 30}
			if tc.stateFile {
				cfg.StateFile = filepath.Join(b.TempDir(), "state.json")
			}
			f := start(b, cfg)
			c := f.client(b)
			var n atomic.Int64
			for b.Loop() {
				req := createRequest()
				req.ClientToken = tea.String(fmt.Sprint(n.Add(1)))
				if _, err := c.CreateVpnGateway(req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// BenchmarkListTagResources reads the tags of 50 gateways with one tag each in one call, the
// batched refresh a provider makes, and tags one gateway, as an apply does.
func BenchmarkListTagResources(b *testing.B) {
	f := start(b, vpcsim.Config{})
	c := f.client(b)
	var ids []string
	for range 50 {
		ids = append(ids, tea.StringValue(mustCreate(b, c, createRequest()).VpnGatewayId))
	}
	mustTag(b, c, ids, "env", "bench")
	b.Run("50 IDs", func(b *testing.B) {
		for b.Loop() {
			resp, err := c.ListTagResources(listRequest(ids...))
			if err != nil || len(resp.Body.TagResources.TagResource) != 50 {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
	b.Run("TagResources", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.TagResources(tagRequest(officialResourceType, ids[:1], "env", "bench")); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
}
