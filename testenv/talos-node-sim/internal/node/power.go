package node

import (
	"context"
	"log"

	"github.com/google/uuid"
	"github.com/siderolabs/talos/pkg/machinery/api/common"
	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"github.com/siderolabs/talos/pkg/machinery/resources/runtime"
	"google.golang.org/grpc/status"
)

// Reset wipes the machine: it forgets its config and etcd data and comes back in maintenance mode.
// Graceful on a control plane, machined's reset sequence leaves etcd first (its "leave" phase,
// LeaveEtcd); a failed phase fails the sequence and machined reboots the node instead, its config
// and etcd member intact. Not graceful, the member stays behind in the cluster: etcd counts it
// towards quorum until someone removes it.
func (n *Node) Reset(in *machine.ResetRequest, admin bool) (*machine.Reset, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !admin {
		return nil, errNotAuthorized
	}

	actorID := uuid.New().String()
	log.Printf("%s: reset request received (graceful=%v reboot=%v), actor id %s", n.spec.Address, in.GetGraceful(), in.GetReboot(), actorID)

	if in.GetGraceful() && n.etcdRunningLocked() {
		if err := n.leaveEtcdLocked(); err != nil {
			log.Printf("%s: reset failed: %v", n.spec.Address, err)
			n.emitLocked(&machine.SequenceEvent{Sequence: "reset", Action: machine.SequenceEvent_START}, actorID)
			n.emitLocked(&machine.SequenceEvent{
				Sequence: "reset", Action: machine.SequenceEvent_STOP,
				Error: &common.Error{Code: common.Code_FATAL, Message: "task leaveEtcd failed: " + status.Convert(err).Message()},
			}, actorID)
			n.powerCycleLocked([]phase{{runtime.MachineStageRebooting, n.scale.Reboot()}}, nil, nil)

			return &machine.Reset{ActorId: actorID}, nil
		}
	}

	n.powerCycleLocked([]phase{{runtime.MachineStageResetting, n.scale.Reset()}}, func() {
		n.emitShutdownLocked("reset", actorID)
	}, func() {
		n.persisted = nil
		n.bootstrapped = false
		n.etcdMemberID = 0 // the data directory is on the wiped EPHEMERAL partition

		if err := forgetConfig(context.Background(), n.resources); err != nil {
			log.Printf("%s: forget config: %v", n.spec.Address, err)
		}
	})

	return &machine.Reset{ActorId: actorID}, nil
}

// RebootRequested is machined's Reboot API: answer, then go down for a reboot into the persisted config.
func (n *Node) RebootRequested(admin bool) (*machine.Reboot, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !admin {
		return nil, errNotAuthorized
	}

	actorID := uuid.New().String()
	log.Printf("%s: reboot via API received, actor id %s", n.spec.Address, actorID)
	n.powerCycleLocked([]phase{{runtime.MachineStageRebooting, n.scale.Reboot()}}, func() {
		n.emitShutdownLocked("reboot", actorID)
	}, nil)

	return &machine.Reboot{ActorId: actorID}, nil
}

// emitShutdownLocked is what machined reports as a reset or reboot sequence
// starts: talosctl's --wait tracker waits for the stopAllServices task.
func (n *Node) emitShutdownLocked(sequence, actorID string) {
	n.emitLocked(&machine.SequenceEvent{Sequence: sequence, Action: machine.SequenceEvent_START}, actorID)
	n.emitLocked(&machine.TaskEvent{Task: "stopAllServices", Action: machine.TaskEvent_START}, actorID)
}
