package vpcsim

import (
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// resourceGroupBody is the body of POST /_sim/resource-groups and of its answer.
type resourceGroupBody struct {
	ResourceGroupID string `json:"ResourceGroupId"`
}

// resourceGroupIDPattern is the form of a resource group ID: "rg-" and lowercase letters and
// digits, as Resource Manager makes them.
var resourceGroupIDPattern = regexp.MustCompile(`^rg-[a-z0-9]{1,61}$`)

// AddResourceGroup adds a resource group to the account, as POST /_sim/resource-groups does, and
// returns its ID; "" makes a new one, shaped like Resource Manager's ("rg-acfm" and 11 lowercase
// letters and digits). Adding one that exists changes nothing, so that a test may
// add the groups it needs whatever ran before it.
func (s *Sim) AddResourceGroup(id string) (string, error) {
	if id != "" && !resourceGroupIDPattern.MatchString(id) {
		return "", fmt.Errorf("resource group ID %q is not \"rg-\" and 1 to 61 lowercase letters and digits: %w", id, gateway.ErrBadPatch)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	generated := id == ""
	for generated && (id == "" || s.state.resourceGroups[id]) {
		id = "rg-acfm" + randomID(11)
	}
	if s.state.resourceGroups[id] {
		return id, nil
	}
	s.state.resourceGroups[id] = true
	if err := s.commitLocked(); err != nil {
		return "", err
	}
	return id, nil
}

// ResourceGroups returns the account's resource group IDs, sorted.
func (s *Sim) ResourceGroups() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resourceGroupsLocked()
}

func (s *Sim) resourceGroupsLocked() []string {
	return slices.Sorted(maps.Keys(s.state.resourceGroups))
}
