package providerdata

import "sync"

// InState is the set of gateway IDs that this provider process has met in Terraform state. A
// check made while planning a new gateway (is a gateway of that name already in the VPC?) must
// tell the gateways this state manages from stray ones, yet Terraform plans the new half of a
// replacement, and the replacement of a tainted gateway, as a create with no prior state. In the
// same process it has read (refreshed), planned, changed or deleted the old one first, and so the
// old one is here. What the provider remembers of Terraform's state is the provider's, not the
// API client's: the one set serves every region.
type InState struct {
	mu  sync.Mutex
	ids map[string]bool
}

// Note records that the gateway id is in the state this provider process works on.
func (s *InState) Note(id string) {
	if s == nil || id == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]bool{}
	}
	s.ids[id] = true
}

// Holds reports whether Note has recorded id.
func (s *InState) Holds(id string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id]
}
