package node

import (
	"log"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// errNotAuthorized is apid's answer when the caller's roles do not allow the
// method (maintenance connections only ever have the reader role).
var errNotAuthorized = status.Error(codes.PermissionDenied, "not authorized")

// Bootstrap is machined's Bootstrap (machined/internal/server/v1alpha1/v1alpha1_server.go): refuse
// until the CRI is up (Runtime.IsBootstrapAllowed), only on a control plane (CheckControlplane), and
// only while the node's etcd data directory is empty (it holds data once the node is a member,
// bootstrapped or joined). Then services.BootstrapEtcd marks the joining etcd service Finished
// ("a hack … to unblock the wait in the boot sequence") and starts etcd anew as a one-member
// cluster: the boot sequence ends and the stage turns running.
func (n *Node) Bootstrap(admin bool) (*machine.Bootstrap, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if !admin {
		return nil, errNotAuthorized
	}

	n.bootstrapCalls++
	log.Printf("%s: bootstrap request received", n.spec.Address)

	if !n.criUp {
		return nil, status.Error(codes.FailedPrecondition, "bootstrap is not available yet")
	}

	if !n.isControlPlaneLocked() {
		return nil, status.Error(codes.Unimplemented, "bootstrap is only available on control plane nodes")
	}

	if n.etcdMemberID != 0 {
		return nil, status.Error(codes.AlreadyExists, "etcd data directory is not empty")
	}

	n.bootstrapped = true
	n.etcdLeft = false
	n.etcdMemberID = n.fleet.markBootstrapped(n.clusterIDLocked(), n.etcdMemberLocked())
	n.maybeRunningLocked()
	n.publishStageLocked()

	return &machine.Bootstrap{}, nil
}
