package node

import (
	"github.com/google/uuid"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
)

// eventHistory is how many events a node keeps for --tail (machined keeps a ring buffer too).
const eventHistory = 256

// Subscription receives a node's runtime events until cancelled.
type Subscription struct {
	Events <-chan *machine.Event
	cancel func()
}

// Cancel stops the subscription.
func (s *Subscription) Cancel() { s.cancel() }

// Subscribe returns the last `tail` events (-1: all kept, 0: none) and the live ones after them,
// the way `talosctl` action trackers watch a reset or reboot.
func (n *Node) Subscribe(tail int32) *Subscription {
	n.mu.Lock()
	defer n.mu.Unlock()

	backlog := n.events
	if tail >= 0 && int(tail) < len(backlog) {
		backlog = backlog[len(backlog)-int(tail):]
	}

	ch := make(chan *machine.Event, len(backlog)+eventHistory)
	for _, e := range backlog {
		ch <- e
	}

	n.subscribers[ch] = struct{}{}

	return &Subscription{Events: ch, cancel: func() {
		n.mu.Lock()
		defer n.mu.Unlock()

		delete(n.subscribers, ch)
	}}
}

// emitLocked records a runtime event (typed as machined sends them) and fans it out.
func (n *Node) emitLocked(payload proto.Message, actorID string) {
	value, err := proto.Marshal(payload)
	if err != nil {
		return
	}

	event := &machine.Event{
		Data:    &anypb.Any{TypeUrl: "talos/runtime/" + string(payload.ProtoReflect().Descriptor().FullName()), Value: value},
		Id:      uuid.New().String(),
		ActorId: actorID,
	}

	n.events = append(n.events, event)
	if len(n.events) > eventHistory {
		n.events = n.events[len(n.events)-eventHistory:]
	}

	for ch := range n.subscribers {
		select {
		case ch <- event:
		default: // a subscriber that stopped reading loses events, as with machined
		}
	}
}
