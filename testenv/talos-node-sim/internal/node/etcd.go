package node

import (
	"errors"
	"math/rand/v2"
	"net"
	"slices"
)

// etcd's own refusals, with the text its client returns (go.etcd.io/etcd/api/v3/v3rpc/rpctypes
// error.go: ErrGRPCNoLeader, ErrGRPCMemberNotFound, ErrGRPCMemberNotEnoughStarted, ErrGRPCUnhealthy).
// The client turns them into rpctypes.EtcdError, which carries no gRPC status, so machined answers
// them with code Unknown (or NotFound where it checks for ErrMemberNotFound itself).
var (
	errEtcdNoLeader          = errors.New("etcdserver: no leader")
	errEtcdMemberNotFound    = errors.New("etcdserver: member not found")
	errEtcdNotEnoughStarted  = errors.New("etcdserver: re-configuration failed due to not enough started members")
	errEtcdUnhealthyCluster  = errors.New("etcdserver: unhealthy cluster")
	errEtcdPeerURLConflicted = errors.New("etcdserver: Peer URLs already exists")
)

// etcdMember is one member of a cluster's etcd. Every member the simulator adds has started (it
// has a name), so etcd's "started" and "voting" counts are simply the member count.
type etcdMember struct {
	ID      uint64
	Name    string // the node's hostname, which Talos passes as etcd's --name
	Address string // the node's IP: peer URL https://<ip>:2380, client URL https://<ip>:2379
	Running bool   // its etcd process is up and connected to the others
}

func (m etcdMember) peerURL() string   { return "https://" + net.JoinHostPort(m.Address, "2380") }
func (m etcdMember) clientURL() string { return "https://" + net.JoinHostPort(m.Address, "2379") }

// etcdCluster is the membership of one cluster's etcd, as the raft cluster holds it.
type etcdCluster struct {
	members []etcdMember
}

// newEtcdCluster is `talosctl bootstrap`: a one-member cluster.
func newEtcdCluster(first etcdMember) *etcdCluster {
	first.ID = newMemberID()
	first.Running = true

	return &etcdCluster{members: []etcdMember{first}}
}

func newMemberID() uint64 {
	for {
		if id := rand.Uint64(); id != 0 {
			return id
		}
	}
}

// hasQuorum: a leader can be elected while more than half of the members run.
func (c *etcdCluster) hasQuorum() bool {
	running := 0

	for _, m := range c.members {
		if m.Running {
			running++
		}
	}

	return running > len(c.members)/2
}

func (c *etcdCluster) find(id uint64) int {
	return slices.IndexFunc(c.members, func(m etcdMember) bool { return m.ID == id })
}

// list is MemberList as machined asks for it (clientv3.WithRequireLeader): no leader, no answer.
func (c *etcdCluster) list() ([]etcdMember, error) {
	if !c.hasQuorum() {
		return nil, errEtcdNoLeader
	}

	return slices.Clone(c.members), nil
}

// join is how a control plane with an empty data directory enters the cluster (Talos
// internal/app/machined/pkg/system/services/etcd.go addMember): a member with the same
// name is a previous life of this node and is removed first, then the node is added.
// It needs a leader, so a cluster that lost quorum takes nobody in.
func (c *etcdCluster) join(m etcdMember) (uint64, error) {
	if !c.hasQuorum() {
		return 0, errEtcdNoLeader
	}

	c.members = slices.DeleteFunc(c.members, func(old etcdMember) bool { return old.Name == m.Name })

	if slices.ContainsFunc(c.members, func(old etcdMember) bool { return old.Address == m.Address }) {
		return 0, errEtcdPeerURLConflicted
	}

	m.ID = newMemberID()
	m.Running = true
	c.members = append(c.members, m)

	return m.ID, nil
}

// remove is MemberRemove with etcd's --strict-reconfig-check (on by default), as
// EtcdServer.mayRemoveMember and RaftCluster.IsReadyToRemoveVotingMember decide it
// (go.etcd.io/etcd/server/v3 etcdserver/server.go, etcdserver/api/membership/cluster.go).
func (c *etcdCluster) remove(id uint64) error {
	if !c.hasQuorum() {
		return errEtcdNoLeader
	}

	i := c.find(id)
	if i < 0 {
		return errEtcdMemberNotFound
	}

	// the members left must still be a quorum of themselves: never true of the last one
	others := len(c.members) - 1
	if others < others/2+1 {
		return errEtcdNotEnoughStarted
	}

	// a member that is down is not part of the active quorum: always safe to remove
	if c.members[i].Running {
		active := 0

		for _, m := range c.members {
			if m.Running {
				active++
			}
		}

		if active-1 < 1+(len(c.members)-1)/2 {
			return errEtcdUnhealthyCluster
		}
	}

	c.members = slices.Delete(c.members, i, i+1)

	return nil
}

// setRunning records whether a member's etcd is up; unknown IDs (removed members) are ignored.
func (c *etcdCluster) setRunning(id uint64, running bool) {
	if i := c.find(id); i >= 0 {
		c.members[i].Running = running
	}
}
