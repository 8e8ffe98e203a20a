package vpngateway_test

import (
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
)

func TestMain(m *testing.M) { acctest.Main(m) }
