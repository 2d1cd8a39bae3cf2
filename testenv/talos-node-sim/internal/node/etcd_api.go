package node

import (
	"context"
	"errors"
	"log"

	"github.com/siderolabs/talos/pkg/machinery/api/machine"
	etcdres "github.com/siderolabs/talos/pkg/machinery/resources/etcd"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The etcd side of a control plane and machined's etcd APIs (Talos
// internal/app/machined/internal/server/v1alpha1 v1alpha1_server.go: EtcdMemberList,
// EtcdLeaveCluster, EtcdRemoveMemberByID; internal/pkg/etcd etcd.go: LeaveCluster).

// etcdMemberLocked is what this node would be as a member: etcd's --name is the hostname.
func (n *Node) etcdMemberLocked() etcdMember {
	return etcdMember{Name: n.nodeNameLocked(), Address: n.spec.Address}
}

// startEtcdLocked runs the node's etcd in a bootstrapped cluster once its CRI is up (etcd depends
// on "cri"): a member with data rejoins as it was; one with an empty data directory joins as a new
// member, retrying while the cluster has no leader (buildInitialCluster in services/etcd.go). A node
// that left stays out (its etcd service is finished) until it boots again. Other booting control
// planes of the cluster may have waited for this member to restore quorum.
func (n *Node) startEtcdLocked() {
	if !n.isControlPlaneLocked() || n.etcdLeft || !n.criUp {
		return
	}

	err := n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		if n.etcdMemberID != 0 {
			c.setRunning(n.etcdMemberID, true)

			return nil
		}

		id, err := c.join(n.etcdMemberLocked())
		n.etcdMemberID = id

		return err
	})
	if err != nil {
		log.Printf("%s: etcd cannot join the cluster yet: %v", n.spec.Address, err)
		n.after(n.scale.EtcdJoinRetry(), n.startEtcdLocked)

		return
	}

	n.maybeRunningLocked()
	n.publishStageLocked()

	go n.fleet.refreshCluster(n.clusterIDLocked(), n)
}

// stopEtcdLocked: the machine goes down, and its member with it (still a member).
func (n *Node) stopEtcdLocked() {
	if n.etcdMemberID == 0 {
		return
	}

	n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error { //nolint:errcheck // no etcd: nothing to stop
		c.setRunning(n.etcdMemberID, false)

		return nil
	})

	go n.fleet.refreshCluster(n.clusterIDLocked(), n)
}

// etcdQuorumLocked: the cluster's etcd has a leader (the etcd health check, ValidateQuorum, passes).
func (n *Node) etcdQuorumLocked() bool {
	return n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		if !c.hasQuorum() {
			return errEtcdNoLeader
		}

		return nil
	}) == nil
}

// etcdRunningLocked: the node's etcd runs while it is a member of its cluster's etcd
// (a member removed by ID from elsewhere is shut out by its peers).
func (n *Node) etcdRunningLocked() bool {
	if n.mode != Configured || !n.reachable || !n.isControlPlaneLocked() || n.etcdLeft || n.etcdMemberID == 0 {
		return false
	}

	return n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		if c.find(n.etcdMemberID) < 0 {
			return errEtcdMemberNotFound
		}

		return nil
	}) == nil
}

// checkControlPlaneLocked is machined's checkControlplane: etcd APIs exist on control planes only.
func (n *Node) checkControlPlaneLocked(apiName string, admin bool) error {
	if !admin {
		return errNotAuthorized
	}

	if !n.isControlPlaneLocked() {
		return status.Errorf(codes.Unimplemented, "%s is only available on control plane nodes", apiName)
	}

	return nil
}

// errLocalEtcdDown is what a local etcd client gets when nothing listens on localhost:2379:
// etcd.NewLocalClient dials with a 5 s timeout and grpc reports the wrapped context error.
var errLocalEtcdDown = status.Error(codes.DeadlineExceeded, "error building etcd client: context deadline exceeded")

// EtcdMemberList answers `talosctl etcd members` (QueryLocal: asks this node's etcd).
func (n *Node) EtcdMemberList(in *machine.EtcdMemberListRequest, admin bool) (*machine.EtcdMembers, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkControlPlaneLocked("member list", admin); err != nil {
		return nil, err
	}

	if in.GetQueryLocal() && !n.etcdRunningLocked() {
		return nil, errLocalEtcdDown
	}

	var members []etcdMember

	err := n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		var err error
		members, err = c.list()

		return err
	})
	if err != nil {
		return nil, status.Error(codes.Unknown, err.Error())
	}

	reply := &machine.EtcdMembers{}

	for _, m := range members {
		reply.LegacyMembers = append(reply.LegacyMembers, m.Name)
		reply.Members = append(reply.Members, &machine.EtcdMember{
			Id: m.ID, Hostname: m.Name, PeerUrls: []string{m.peerURL()}, ClientUrls: []string{m.clientURL()},
		})
	}

	return reply, nil
}

// EtcdLeaveCluster answers `talosctl etcd leave`: remove this node's member, stop etcd, wipe its data.
func (n *Node) EtcdLeaveCluster(admin bool) (*machine.EtcdLeaveCluster, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkControlPlaneLocked("etcd leave", admin); err != nil {
		return nil, err
	}

	if err := n.leaveEtcdLocked(); err != nil {
		return nil, err
	}

	return &machine.EtcdLeaveCluster{}, nil
}

// leaveEtcdLocked is etcd.Client.LeaveCluster as machined wraps it ("failed to leave cluster: …").
// The local member ID comes from the EtcdMember resource, which exists only while etcd runs:
// leaving twice fails there. etcd's refusals (the last member, a removal that breaks the active
// quorum) come back as code Unknown; real machined retries "unhealthy cluster" for 5 minutes first.
func (n *Node) leaveEtcdLocked() error {
	if !n.etcdRunningLocked() {
		_, err := n.resources.Get(context.Background(), etcdres.NewMember(etcdres.NamespaceName, etcdres.LocalMemberID).Metadata())
		if err == nil {
			err = errors.New("etcd is not running")
		}

		return status.Errorf(codes.Unknown, "failed to leave cluster: failed to get local etcd member ID: %v", err)
	}

	id := n.etcdMemberID
	if err := n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error { return c.remove(id) }); err != nil {
		return status.Errorf(codes.Unknown, "failed to leave cluster: failed to remove member %d: %v", id, err)
	}

	log.Printf("%s: left etcd (member %s)", n.spec.Address, etcdres.FormatMemberID(id))

	go n.fleet.refreshCluster(n.clusterIDLocked(), n)

	n.etcdMemberID = 0
	n.etcdLeft = true

	return nil
}

// EtcdRemoveMemberByID answers `talosctl etcd remove-member <id>`: for members whose node is gone.
func (n *Node) EtcdRemoveMemberByID(in *machine.EtcdRemoveMemberByIDRequest, admin bool) (*machine.EtcdRemoveMemberByID, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkControlPlaneLocked("etcd remove member", admin); err != nil {
		return nil, err
	}

	err := n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error { return c.remove(in.GetMemberId()) })

	switch {
	case err == nil:
		go n.fleet.refreshCluster(n.clusterIDLocked(), nil)

		return &machine.EtcdRemoveMemberByID{}, nil
	case errors.Is(err, errEtcdMemberNotFound):
		return nil, status.Errorf(codes.NotFound, "failed to remove member %d: %v", in.GetMemberId(), err)
	default:
		return nil, status.Errorf(codes.Unknown, "failed to remove member: failed to remove member %d: %v", in.GetMemberId(), err)
	}
}
