package vpcclient

import "sync"

// inState is the set of gateway IDs that this provider process has met in Terraform state. A
// check made while planning a new gateway (is a gateway of that name already in the VPC?) must
// tell the gateways this state manages from stray ones, yet Terraform plans the new half of a
// replacement, and the replacement of a tainted gateway, as a create with no prior state. In the
// same process it has read (refreshed), planned, changed or deleted the old one first, and so the
// old one is here.
type inState struct {
	mu  sync.Mutex
	ids map[string]bool
}

// NoteInState records that the gateway id is in the state this provider process works on; every
// client of the provider (every region) shares the record.
func (c *Client) NoteInState(id string) {
	if id == "" {
		return
	}
	s := &c.shared.inState
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]bool{}
	}
	s.ids[id] = true
}

// InState reports whether NoteInState has recorded id.
func (c *Client) InState(id string) bool {
	s := &c.shared.inState
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id]
}
