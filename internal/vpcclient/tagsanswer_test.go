package vpcclient

import (
	"maps"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
)

func TestTagsFromAnswer(t *testing.T) {
	if _, ok := TagsFromAnswer(nil); ok {
		t.Fatal("an answer without Tags must say so")
	}
	got, ok := TagsFromAnswer(&vpc.DescribeVpnGatewayResponseBodyTags{Tag: []*vpc.DescribeVpnGatewayResponseBodyTagsTag{
		{Key: dara.String("env"), Value: dara.String("prod")},
		{Key: dara.String("nil-value")},
		{Key: dara.String("acs:system"), Value: dara.String("x")},
		{Key: dara.String("aliyun-managed"), Value: dara.String("x")},
		nil,
	}})
	want := map[string]string{"env": "prod", "nil-value": ""}
	if !ok || !maps.Equal(got, want) {
		t.Fatalf("TagsFromAnswer = %v %v, want %v", got, ok, want)
	}
	if got, ok := TagsFromAnswer(&vpc.DescribeVpnGatewayResponseBodyTags{}); !ok || got == nil || len(got) != 0 {
		t.Fatalf("an empty Tags field = %v %v, want no tags, known", got, ok)
	}
}
